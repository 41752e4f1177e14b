using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.TenantSettings;

public sealed record RuleChangeRequest(string Path, string ValueJson, bool ConfirmOutsideNationalRange = false);

public static class RuleChangeOutcome
{
    /// <summary>True when the only objection to a rule change is a rate outside the legal range: the administrator may confirm.</summary>
    public static bool NeedsConfirmation(this Outcome<TenantRules> outcome) =>
        outcome.Errors.Count > 0 && outcome.Errors.All(e => e.Code == RuleError.RateOutsideNationalRange);
}

public sealed record RuleChangeView(string Path, string OldValueJson, string NewValueJson, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>
/// A tenant administrator's changes to the rules of the current tenant: validated as a whole,
/// stored as an override that wins over the file, and audited (who, when, old value, new value).
/// Only the tenant's administrators may read or change them, whoever calls (portal, API, script).
/// </summary>
public sealed class TenantRulesAdministration(
    PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache cache, TimeProvider time, CurrentUser currentUser,
    Nodes.RuleChangeSignal changeSignal)
{
    private Tenant Tenant => tenantContext.RequireTenant();

    /// <summary>The effective rules as the administrator edits them (file and overrides).</summary>
    public async Task<JsonObject> EffectiveJsonAsync()
    {
        currentUser.RequireTenantAdministrator();
        return (await cache.GetAsync(Tenant)).Json;
    }

    public async Task<Outcome<TenantRules>> ChangeAsync(RuleChangeRequest request, CancellationToken ct = default)
    {
        var userId = currentUser.RequireTenantAdministrator();
        var actor = new Actor(userId, currentUser.DisplayName ?? userId.ToString());
        var path = request.Path.Trim();
        if (RulePaths.Problem(path) is { } problem)
            return new UserError("RULE_PATH_INVALID", problem, "path");
        JsonNode? value;
        try { value = JsonNode.Parse(request.ValueJson); }
        catch (JsonException) { return new UserError("RULE_VALUE_INVALID", "La valeur doit être du JSON valide.", "value"); }

        var current = await cache.GetAsync(Tenant);
        var oldValue = RulePaths.Get(current.Json, path);
        var candidate = RulePaths.Apply(current.Json, [(path, value)]);
        var (rules, errors) = Check(candidate);
        if (errors.Count > 0 && request.ConfirmOutsideNationalRange && errors.All(e => e.Code == RuleError.RateOutsideNationalRange))
        {
            // The administrator confirmed the general assembly's approval: record it on those rates.
            foreach (var e in errors) MarkApproved(candidate, e.Field);
            (rules, errors) = Check(candidate);
        }
        if (errors.Count > 0)
            return Outcome<TenantRules>.Fail(errors.Select(e => new UserError(e.Code ?? "RULE_INVALID", e.Message, e.Field.TrimStart('$', '.'))).ToList());

        var newValue = RulePaths.Get(candidate, path);
        var oldJson = oldValue?.ToJsonString() ?? "null";
        var newJson = newValue?.ToJsonString() ?? "null";
        if (JsonNode.DeepEquals(oldValue, newValue)) return Outcome<TenantRules>.Ok(rules!);

        var now = time.GetUtcNow();
        var stored = await db.TenantRuleOverrides.SingleOrDefaultAsync(o => o.Path == path, ct);
        if (stored is null)
            db.TenantRuleOverrides.Add(new TenantRuleOverride { Path = path, ValueJson = newJson, UpdatedAt = now, UpdatedByUserId = actor.UserId });
        else
        {
            stored.ValueJson = newJson;
            stored.UpdatedAt = now;
            stored.UpdatedByUserId = actor.UserId;
        }
        db.TenantRuleChanges.Add(new TenantRuleChange
        {
            Path = path, OldValueJson = oldJson, NewValueJson = newJson,
            ChangedAt = now, ChangedByUserId = actor.UserId, ChangedByName = actor.DisplayName,
        });
        db.AuditEntries.Record(time, actor.UserId, "tenant-rule-changed", "TenantRules", path, newJson);
        await db.SaveChangesAsync(ct);
        cache.Invalidate(Tenant);
        await changeSignal.RaiseAsync(Tenant, ct);
        return Outcome<TenantRules>.Ok(rules!);
    }

    public async Task<IReadOnlyList<RuleChangeView>> HistoryAsync(CancellationToken ct = default)
    {
        currentUser.RequireTenantAdministrator();
        var rows = await db.TenantRuleChanges.AsNoTracking().ToListAsync(ct);
        // Sorted in memory: SQLite cannot order by DateTimeOffset, and a tenant's history is short.
        return rows.OrderByDescending(c => c.ChangedAt)
            .Select(c => new RuleChangeView(c.Path, c.OldValueJson, c.NewValueJson, c.ChangedAt, c.ChangedByName))
            .ToList();
    }

    private static (TenantRules?, IReadOnlyList<RuleError>) Check(JsonObject candidate)
    {
        var (rules, error) = TenantRulesJson.Parse(candidate);
        return rules is null ? (null, [error!]) : (rules, TenantRulesValidator.Validate(rules));
    }

    // Field is like "$.rates[1].perEmployee".
    private static void MarkApproved(JsonObject root, string field)
    {
        var start = field.IndexOf('[') + 1;
        var index = int.Parse(field[start..field.IndexOf(']')]);
        if (root["rates"] is JsonArray rates && rates[index] is JsonObject rate)
            rate["approvedOutsideNationalRange"] = true;
    }
}
