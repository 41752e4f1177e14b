using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Features.Persistence;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Ready (/health/ready) needs the platform database reachable and migrated, and every tenant database (a
/// tenant file's connectionStringName) that answers migrated: a node started before `migrate` ran, against the
/// wrong database, or without a tenant's connection string takes no traffic. Once seen migrated, only the
/// connections are checked again (migrations are never undone under a running node). A tenant database that
/// does not answer within a few seconds makes the node Degraded, still ready, at start-up too: taking every
/// node out of the load balancer (or never letting a restarted one in) for one tenant's server would stop all
/// the others.
/// </summary>
public sealed class DatabaseHealthCheck(PlatformDbContext db, DatabaseHealthCheck.MigratedFlag migrated,
    DatabaseSettings settings, TenantCatalog catalog, IServiceProvider services) : IHealthCheck
{
    public sealed class MigratedFlag { public volatile bool Seen; }

    /// <summary>How long a tenant's database may take to answer before it counts as unreachable.</summary>
    public static readonly TimeSpan TenantTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("database unreachable");
        if (!migrated.Seen && (await db.Database.GetPendingMigrationsAsync(ct)).Count() is > 0 and var pending)
            return HealthCheckResult.Unhealthy($"{pending} migration(s) not applied: run migrate");
        var checkedStrings = new HashSet<string> { settings.DefaultConnectionString };
        var unreachable = new List<string>();
        foreach (var tenant in catalog.All)
        {
            string connectionString;
            try { connectionString = settings.ConnectionStringFor(tenant); }
            catch (InvalidOperationException) { return HealthCheckResult.Unhealthy($"tenant {tenant.Slug}: connection string {tenant.FileRules.ConnectionStringName} missing"); }
            if (!checkedStrings.Add(connectionString)) continue;
            await using var scope = services.CreateTenantScope(tenant);
            var tenantDb = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TenantTimeout);
            bool reachable;
            try { reachable = await tenantDb.Database.CanConnectAsync(timeout.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { reachable = false; }
            if (!reachable) { unreachable.Add(tenant.Slug); continue; }
            if (!migrated.Seen && (await tenantDb.Database.GetPendingMigrationsAsync(ct)).Count() is > 0 and var tenantPending)
                return HealthCheckResult.Unhealthy($"database of tenant {tenant.Slug}: {tenantPending} migration(s) not applied: run migrate");
        }
        if (unreachable.Count > 0) return HealthCheckResult.Degraded($"database of tenant(s) {string.Join(", ", unreachable)} unreachable");
        migrated.Seen = true;
        return HealthCheckResult.Healthy();
    }
}

/// <summary>Ready needs this node's job scheduler running (started, not shutting down, not on standby).</summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var status = await scheduler.GetStatus(ct);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"job scheduler {status}");
    }
}
