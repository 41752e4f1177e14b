using Platform.Tenancy.Isolation;

namespace Platform.Features.Access;

/// <summary>
/// A sign-in name of a tenant that identifies people by member number (sst68, sstbtp-bfc): the
/// company's numéro d'adhérent leads to its account.
/// </summary>
public sealed class LoginName : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    /// <summary>Upper-case, trimmed.</summary>
    public required string Identifier { get; init; }
    public required Guid UserId { get; init; }

    public static string Normalize(string identifier) => identifier.Trim().ToUpperInvariant();
}

/// <summary>Failed sign-ins of one person on one tenant, and the lock they led to.</summary>
public sealed class SignInGuard : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid UserId { get; init; }
    public int FailedAttempts { get; set; }
    /// <summary>Temporary lock (sstrn: 5 minutes after 3 failures).</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>Blocked until a staff member unlocks the account (sst68).</summary>
    public bool BlockedUntilUnlocked { get; set; }
}

/// <summary>One successful sign-in, shown back to the person (sstbtp-bfc shows the last 6).</summary>
public sealed class ConnectionRecord : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid UserId { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? IpAddress { get; init; }
    public string? Browser { get; init; }
}
