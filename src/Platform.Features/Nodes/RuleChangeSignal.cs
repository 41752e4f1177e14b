using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Nodes;

/// <summary>
/// Tells the other nodes that a tenant's rules changed: one change counter per tenant
/// (« rules|{slug} ») in the platform database, added to after each change is saved.
/// </summary>
public sealed class RuleChangeSignal(ISharedCounters counters, ILogger<RuleChangeSignal> logger)
{
    public const string Prefix = "rules|";

    public async Task RaiseAsync(Tenant tenant, CancellationToken ct = default)
    {
        try
        {
            await counters.AddAsync(Prefix + tenant.Slug, 1, DateTimeOffset.MaxValue, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is saved; the other nodes then pick it up at their periodic full reload.
            logger.LogError(e, "Change counter of tenant {Tenant}'s rules not written: other nodes reload within {Minutes} min",
                tenant.Slug, RuleChangePolling.FullReload.TotalMinutes);
        }
    }
}

/// <summary>
/// Each node reads the rules' change counters every Platform:ChangePollMilliseconds (1 s; one
/// indexed read of a few rows) and forgets the cached rules of every tenant whose counter moved,
/// so that an administrator's change applies on every node within about a second. Every
/// <see cref="FullReload"/> it forgets them all, a bound should a counter ever fail to be written.
/// It also deletes the rate-limit windows gone by, once a minute.
/// </summary>
public sealed class RuleChangePolling(ISharedCounters counters, TenantRulesCache cache, TenantCatalog catalog, TimeProvider time,
    RuleChangePollingOptions options, IHostApplicationLifetime lifetime, ILogger<RuleChangePolling> logger) : BackgroundService
{
    public static readonly TimeSpan FullReload = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the host has started: in Development the migrations run at start-up, and the counters'
        // table does not exist before them (a first start logged the missing table every second).
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        Dictionary<string, long>? known = null;
        var lastFullReload = DateTime.UtcNow;
        var lastCleanup = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(options.Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                var now = await counters.ReadAsync(RuleChangeSignal.Prefix, stoppingToken);
                if (known is not null)
                    foreach (var name in now.Keys.Union(known.Keys))
                        if (!now.TryGetValue(name, out var value) || !known.TryGetValue(name, out var before) || value != before)
                            cache.Invalidate(name[RuleChangeSignal.Prefix.Length..]);
                known = now;
                if (DateTime.UtcNow - lastFullReload > FullReload)
                {
                    foreach (var tenant in catalog.All) cache.Invalidate(tenant.Slug);
                    lastFullReload = DateTime.UtcNow;
                }
                if (DateTime.UtcNow - lastCleanup > TimeSpan.FromMinutes(1))
                {
                    await counters.DeleteExpiredAsync(time.GetUtcNow(), stoppingToken);
                    lastCleanup = DateTime.UtcNow;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The database is away: nothing can change meanwhile either. Try again at the next tick.
                logger.LogWarning(e, "Reading the rules' change counters failed");
            }
        }
    }
}

public sealed record RuleChangePollingOptions(TimeSpan Interval);
