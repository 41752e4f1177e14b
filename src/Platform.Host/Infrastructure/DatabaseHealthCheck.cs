using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Features.Persistence;
using Quartz;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Ready (/health/ready) needs the platform database reachable and migrated: a node started before
/// `migrate` ran (or against the wrong database) takes no traffic. Once seen migrated, only the
/// connection is checked again (migrations are never undone under a running node).
/// </summary>
public sealed class DatabaseHealthCheck(PlatformDbContext db, DatabaseHealthCheck.MigratedFlag migrated) : IHealthCheck
{
    public sealed class MigratedFlag { public volatile bool Seen; }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("database unreachable");
        if (migrated.Seen) return HealthCheckResult.Healthy();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        if (pending > 0) return HealthCheckResult.Unhealthy($"{pending} migration(s) not applied: run migrate");
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
