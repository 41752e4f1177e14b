using System.Threading.RateLimiting;

namespace Platform.Features.Demarches;

/// <summary>
/// The tight per-account budget of the démarches that try numbers against the register (synchronise,
/// its code, management, administrator change, takeover), whichever door they come through: portal
/// or API, each aliased mutation of a GraphQL request counting one. Keyed by tenant and account.
/// </summary>
public sealed class DemarcheThrottle(int attemptsPerHour) : IDisposable
{
    public static readonly UserError TooMany =
        new("TOO_MANY_ATTEMPTS", "Trop de démarches tentées avec ce compte : réessayez dans une heure, ou contactez le service adhérents.", null);

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = attemptsPerHour, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 6, QueueLimit = 0,
        }));

    public bool TryAcquire(string tenant, Guid userId)
    {
        using var lease = limiter.AttemptAcquire($"{tenant}|{userId:N}");
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
