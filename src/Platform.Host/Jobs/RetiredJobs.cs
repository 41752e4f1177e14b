using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

/// <summary>The tenants an operator took out of the tenant files (Jobs:RemovedTenants, comma-separated slugs).</summary>
public sealed record RemovedTenants(IReadOnlySet<string> Slugs)
{
    public static RemovedTenants From(IConfiguration configuration) =>
        new((configuration["Jobs:RemovedTenants"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
}

/// <summary>
/// At start-up, removes from the job store the jobs this version no longer schedules: retired jobs (e-mail
/// delivery left Quartz for <see cref="OutboxDeliveryLoop"/>) and the jobs of tenants an operator names as
/// removed (a clustered store keeps them in the database, where they would fire for a tenant nobody serves).
/// A tenant merely unknown to this node is never removed, only reported: a node with older or partial tenant
/// files (a rolling deployment, a canary) must not delete the jobs of tenants the other nodes serve.
/// Registered after Quartz's hosted service, whose start creates the scheduler with this version's jobs.
/// </summary>
public sealed class RetiredJobs(ISchedulerFactory schedulers, TenantCatalog catalog, RemovedTenants removedTenants, ILogger<RetiredJobs> logger) : IHostedService
{
    /// <summary>The group of the jobs that belong to no tenant (token pruning).</summary>
    public const string PlatformGroup = "platform";
    private static readonly HashSet<string> RetiredNames = ["outbox-delivery"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var removed = 0;
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken))
        {
            var served = key.Group == PlatformGroup || catalog.FindBySlug(key.Group) is not null;
            var remove = RetiredNames.Contains(key.Name) || (!served && removedTenants.Slugs.Contains(key.Group));
            if (!served && !remove) unknown.Add(key.Group);
            if (remove && await scheduler.DeleteJob(key, cancellationToken)) removed++;
        }
        if (removed > 0) logger.LogInformation("Removed {Count} jobs of retired jobs or removed tenants", removed);
        if (unknown.Count > 0)
            logger.LogWarning("The job store holds jobs of tenants this node does not serve ({Tenants}); kept. List them in Jobs:RemovedTenants once they are taken out for good",
                string.Join(", ", unknown));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
