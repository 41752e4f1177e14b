using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Features.Persistence;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.TenantSettings;

/// <summary>A tenant's rules as they apply now: its file with its administrator's overrides on top.</summary>
public sealed record EffectiveRules(TenantRules Rules, JsonObject Json);

/// <summary>
/// Effective rules per tenant, computed once and kept in memory until an override changes them.
/// Every request reads the theme and rules, so this is on the hot path and must not touch the database.
/// Other nodes learn of a change through the tenant's change counter (Nodes/RuleChangeSignal), within
/// Platform:ChangePollMilliseconds (1 s).
/// </summary>
public sealed class TenantRulesCache(IServiceProvider services, ILogger<TenantRulesCache> logger)
{
    private readonly ConcurrentDictionary<string, Task<EffectiveRules>> cache = new(StringComparer.Ordinal);

    public async ValueTask<EffectiveRules> GetAsync(Tenant tenant)
    {
        var load = cache.GetOrAdd(tenant.Slug, _ => LoadAsync(tenant));
        if (load.IsCompletedSuccessfully) return load.Result;
        try { return await load; }
        catch
        {
            // Leave no failed load cached, so that the next request tries again.
            cache.TryRemove(KeyValuePair.Create(tenant.Slug, load));
            throw;
        }
    }

    public void Invalidate(Tenant tenant) => Invalidate(tenant.Slug);

    /// <summary>
    /// Forgets a tenant's rules (a change here, or another node's change seen by RuleChangePolling). A load
    /// in flight is forgotten with them: it may have read the overrides before the change.
    /// </summary>
    public void Invalidate(string slug) => cache.TryRemove(slug, out _);

    private async Task<EffectiveRules> LoadAsync(Tenant tenant)
    {
        await using (var scope = services.CreateTenantScope(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var overrides = await db.TenantRuleOverrides.AsNoTracking().ToListAsync();
            var json = RulePaths.Apply(tenant.FileJson, RulePaths.InApplyOrder(overrides.Select(o => (o.Path, JsonNode.Parse(o.ValueJson)))));
            var (rules, error) = TenantRulesJson.Parse(json);
            var errors = rules is null ? [error!] : TenantRulesValidator.Validate(rules);
            if (errors.Count == 0) return new EffectiveRules(rules!, json);
            // A file changed under a stored override: serve the reviewed file rather than nothing.
            logger.LogError("Overrides of tenant {Tenant} no longer validate ({Field}); serving the file rules", tenant.Slug, errors[0].Field);
        }
        return new EffectiveRules(tenant.FileRules, (JsonObject)tenant.FileJson.DeepClone());
    }
}
