using System.Threading.RateLimiting;

namespace Platform.Features.Access;

/// <summary>
/// Limits on sign-in work, whichever door it comes through (portal or API). Per account: attempts
/// (passwords, codes, reset links) keyed by tenant and normalised identifier, so unknown accounts are
/// limited as well as known ones. Per IP: failed attempts across every account, so that one address
/// cannot sweep guessable member numbers and lock every account; past the limit, that address's
/// attempts are refused before any account is looked at (and count against none). In memory: each
/// node counts its own. The host also limits requests per IP.
/// </summary>
public sealed class SignInThrottle(int attemptsPerWindow, TimeSpan window, int failuresPerIp, TimeSpan ipWindow) : IDisposable
{
    public SignInThrottle(int attemptsPerWindow, TimeSpan window) : this(attemptsPerWindow, window, 30, TimeSpan.FromMinutes(15)) { }

    public static readonly UserError TooMany =
        new("TOO_MANY_ATTEMPTS", "Trop de tentatives pour ce compte : réessayez dans quelques minutes.", "identifier");

    public static readonly UserError TooManyFromAddress =
        new("TOO_MANY_ATTEMPTS", "Trop de tentatives de connexion depuis votre adresse : réessayez dans quelques minutes.", "identifier");

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = attemptsPerWindow, Window = window, SegmentsPerWindow = 5, QueueLimit = 0,
        }));

    private readonly PartitionedRateLimiter<string> ipFailures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = failuresPerIp, Window = ipWindow, SegmentsPerWindow = 5, QueueLimit = 0,
        }));

    /// <summary>False when this account has used up its attempts for now.</summary>
    public bool TryAcquire(string tenant, string? identifier)
    {
        var key = $"{tenant}|{(identifier ?? "").Trim().ToUpperInvariant()}";
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    /// <summary>True when this address has failed too often lately, across accounts and tenants.</summary>
    public bool AddressBlocked(string? ipAddress) =>
        ipFailures.GetStatistics(IpKey(ipAddress)) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts one failed attempt (wrong password or code, unknown account) against the address.</summary>
    public void RecordAddressFailure(string? ipAddress)
    {
        using var _ = ipFailures.AttemptAcquire(IpKey(ipAddress));
    }

    private static string IpKey(string? ipAddress) => string.IsNullOrEmpty(ipAddress) ? "-" : ipAddress;

    public void Dispose()
    {
        limiter.Dispose();
        ipFailures.Dispose();
    }
}
