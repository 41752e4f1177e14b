using Platform.Features.Nodes;

namespace Platform.Features.Access;

/// <summary>How many sign-in attempts per account and failures per address (RateLimits:SignIn… settings).</summary>
public sealed record SignInLimits(int AttemptsPerAccount, TimeSpan AccountWindow, int FailuresPerIp, TimeSpan IpWindow);

/// <summary>
/// Limits on sign-in work, whichever door it comes through (portal or API). Per account: attempts
/// (passwords, codes, reset links) keyed by tenant and normalised identifier, so unknown accounts are
/// limited as well as known ones. Per IP: failed attempts across every account, so that one address
/// cannot sweep guessable member numbers and lock every account; past the limit, that address's
/// attempts are refused before any account is looked at (and count against none). Counted in fixed
/// windows of the shared counters (platform database or Redis), so that every node counts the same
/// attempts: spreading them over nodes gives no more tries. The host also limits requests per IP.
/// </summary>
public sealed class SignInThrottle(ISharedCounters counters, SignInLimits limits, TimeProvider time)
{
    public static readonly UserError TooMany =
        new("TOO_MANY_ATTEMPTS", "Trop de tentatives pour ce compte : réessayez dans quelques minutes.", "identifier");

    public static readonly UserError TooManyFromAddress =
        new("TOO_MANY_ATTEMPTS", "Trop de tentatives de connexion depuis votre adresse : réessayez dans quelques minutes.", "identifier");

    /// <summary>False when this account has used up its attempts for now (this attempt counts).</summary>
    public async Task<bool> TryAcquireAsync(string tenant, string? identifier, CancellationToken ct = default)
    {
        var key = $"signin-account|{tenant}|{(identifier ?? "").Trim().ToUpperInvariant()}";
        return await counters.AddAsync([FixedWindow.Add(key, 1, limits.AccountWindow, time.GetUtcNow())], ct) is [var count]
               && count <= limits.AttemptsPerAccount;
    }

    /// <summary>True when this address has failed too often lately, across accounts and tenants.</summary>
    public async Task<bool> AddressBlockedAsync(string? ipAddress, CancellationToken ct = default) =>
        await counters.AddAsync([FixedWindow.Add(IpKey(ipAddress), 0, limits.IpWindow, time.GetUtcNow())], ct) is [var failures]
        && failures >= limits.FailuresPerIp;

    /// <summary>Counts one failed attempt (wrong password or code, unknown account) against the address.</summary>
    public Task RecordAddressFailureAsync(string? ipAddress, CancellationToken ct = default) =>
        counters.AddAsync([FixedWindow.Add(IpKey(ipAddress), 1, limits.IpWindow, time.GetUtcNow())], ct);

    private static string IpKey(string? ipAddress) => "signin-ip-failures|" + (string.IsNullOrEmpty(ipAddress) ? "-" : ipAddress);
}
