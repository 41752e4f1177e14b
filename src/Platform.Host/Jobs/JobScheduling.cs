using Platform.Features.Persistence;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

/// <summary>
/// The scheduler of the background jobs. On PostgreSQL and SQL Server its jobs and triggers live in
/// the platform database (Quartz's ADO.NET store, clustered): every node runs a scheduler, each firing
/// is taken by one node only, and the jobs a dead node was running are run again by another
/// (RequestRecovery: every job is restartable). SQLite is one node: the in-memory store.
/// </summary>
public static class JobScheduling
{
    public const string ClusteredKey = "Jobs:Clustered";
    public const string SchedulerNameKey = "Jobs:SchedulerName";
    /// <summary>The cluster's name in Quartz's tables: the same on every node of one platform.</summary>
    public const string DefaultSchedulerName = "platform";
    /// <summary>The tenant's slug in a per-tenant job's data (its group is the slug too).</summary>
    public const string TenantKey = "tenant";

    public static bool IsClustered(DatabaseSettings database, IConfiguration configuration) =>
        database.Provider != DatabaseProvider.Sqlite && configuration.GetValue(ClusteredKey, true);

    public static void AddPlatformJobs(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database,
        IReadOnlyCollection<Tenant> tenants)
    {
        var clustered = IsClustered(database, configuration);
        services.AddQuartz(q =>
        {
            if (clustered)
            {
                q.ConfigureScheduler(o => o.InstanceName = configuration[SchedulerNameKey] is { Length: > 0 } name ? name : DefaultSchedulerName);
                q.UsePersistentStore(store =>
                {
                    // Each node gets its own instance id (generated); a node silent for CheckinMisfireThreshold is dead to the others.
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(configuration.GetValue("Jobs:NodeDeadAfterSeconds", 20));
                    });
                    store.UseSystemTextJsonSerializer();
                    if (database.Provider == DatabaseProvider.Postgres) store.UsePostgres(database.DefaultConnectionString);
                    else store.UseSqlServer(database.DefaultConnectionString);
                });
            }
            else
            {
                // Unique per host: several hosts share one process in tests.
                q.ConfigureScheduler(o => o.InstanceName = $"platform-{Guid.NewGuid():N}");
            }
            // Quartz reads the container's TimeProvider (UseTimeProvider would replace the services' clock too): real
            // time in production, the business clock in tests. Its triggers fire at wall-clock instants, so a clock step
            // moves them; that suits these hourly and daily jobs, not e-mail delivery (OutboxDeliveryLoop, a monotonic timer).
            PendingChangesJob.Schedule(q, tenants);
            DueVisitsJob.Schedule(q, tenants);
            TokenPruneJob.Schedule(q);
            BillingRunJob.Schedule(q, tenants, configuration.GetValue("Billing:RunIntervalMinutes", 60));
            SepaDebitsJob.Schedule(q, tenants);
        });
        // Stopping waits for the jobs in progress (within the host's shutdown timeout); one cut short is recovered by another node.
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton(RemovedTenants.From(configuration));
        services.AddHostedService<RetiredJobs>();
        services.AddHostedService<OutboxDeliveryLoop>();
    }
}
