using System.Security.Cryptography;
using System.Text;
using Platform.Tenancy.Isolation;

namespace Platform.Features.Access;

/// <summary>An e-mailed sign-in code (sist-on): lives 10 minutes, serves once, voided after 5 wrong tries.</summary>
public sealed class LoginCode : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid UserId { get; init; }
    public required string CodeHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>Tries counted so far (each counted atomically before its code is compared).</summary>
    public int WrongTries { get; set; }
    /// <summary>Used, voided by wrong tries, or replaced by a newer code.</summary>
    public DateTimeOffset? ConsumedAt { get; set; }
}

/// <summary>A single-use link sent by e-mail (forgotten password, account activation, unlock, recovery e-mail).</summary>
public sealed class EmailLinkToken : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid UserId { get; init; }
    public required EmailLinkPurpose Purpose { get; init; }
    public required string TokenHash { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}

public enum EmailLinkPurpose { PasswordReset, Activation, StaffEnrolment, AccountUnlock, RecoveryEmail }

/// <summary>Codes and link tokens are stored hashed: a copy of the database signs nobody in.</summary>
public static class OneTimeSecrets
{
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewLinkToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
