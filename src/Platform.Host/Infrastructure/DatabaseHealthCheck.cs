using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Features.Persistence;

namespace Platform.Host.Infrastructure;

/// <summary>/health is healthy when the platform database answers.</summary>
public sealed class DatabaseHealthCheck(PlatformDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("database unreachable");
}
