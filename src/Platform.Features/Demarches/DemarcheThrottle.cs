using Platform.Features.Nodes;

namespace Platform.Features.Demarches;

/// <summary>The démarches' budget per account and hour (RateLimits:DemarchesPerAccountPerHour).</summary>
public sealed record DemarcheLimit(int AttemptsPerHour);

/// <summary>
/// The tight per-account budget of the démarches that try numbers against the register (synchronise,
/// its code, management, administrator change, takeover), whichever door they come through: portal
/// or API, each aliased mutation of a GraphQL request counting one. Keyed by tenant and account, in
/// hourly windows of the shared counters: every node counts the same attempts.
/// </summary>
public sealed class DemarcheThrottle(ISharedCounters counters, DemarcheLimit limit, TimeProvider time)
{
    public static readonly UserError TooMany =
        new("TOO_MANY_ATTEMPTS", "Trop de démarches tentées avec ce compte : réessayez dans une heure, ou contactez le service adhérents.", null);

    public async Task<bool> TryAcquireAsync(string tenant, Guid userId, CancellationToken ct = default) =>
        await counters.AddAsync([FixedWindow.Add($"demarches|{tenant}|{userId:N}", 1, TimeSpan.FromHours(1), time.GetUtcNow())], ct) is [var count]
        && count <= limit.AttemptsPerHour;
}
