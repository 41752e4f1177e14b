using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

/// <summary>
/// At start-up, removes from the job store the jobs this version no longer schedules: those of a tenant taken
/// out of the tenant files (a clustered store keeps them in the database, where they would fire for a tenant
/// nobody serves), and those of retired jobs (e-mail delivery left Quartz for <see cref="OutboxDeliveryLoop"/>).
/// Every node has the same tenant files, so any node may do it. Registered after Quartz's hosted service,
/// whose start creates the scheduler with this version's jobs.
/// </summary>
public sealed class RetiredJobs(ISchedulerFactory schedulers, TenantCatalog catalog, ILogger<RetiredJobs> logger) : IHostedService
{
    /// <summary>The group of the jobs that belong to no tenant (token pruning).</summary>
    public const string PlatformGroup = "platform";
    private static readonly HashSet<string> RetiredNames = ["outbox-delivery"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var removed = 0;
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken))
        {
            var ofNoTenant = key.Group != PlatformGroup && catalog.FindBySlug(key.Group) is null;
            if (!ofNoTenant && !RetiredNames.Contains(key.Name)) continue;
            if (await scheduler.DeleteJob(key, cancellationToken)) removed++;
        }
        if (removed > 0) logger.LogInformation("Removed {Count} jobs of tenants no longer served or of retired jobs", removed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
