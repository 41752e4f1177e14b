using System.Threading.RateLimiting;

namespace Platform.Features.Access;

/// <summary>
/// Per-account limit on sign-in work (passwords, codes, reset links), whichever door it comes
/// through: portal or API. Keyed by tenant and normalised identifier, so unknown accounts are
/// limited as well as known ones. The per-IP limit is the host's.
/// </summary>
public sealed class SignInThrottle(int attemptsPerWindow, TimeSpan window) : IDisposable
{
    public static readonly UserError TooMany =
        new("TOO_MANY_ATTEMPTS", "Trop de tentatives pour ce compte : réessayez dans quelques minutes.", "identifier");

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = attemptsPerWindow, Window = window, SegmentsPerWindow = 5, QueueLimit = 0,
        }));

    /// <summary>False when this account has used up its attempts for now.</summary>
    public bool TryAcquire(string tenant, string? identifier)
    {
        var key = $"{tenant}|{(identifier ?? "").Trim().ToUpperInvariant()}";
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
