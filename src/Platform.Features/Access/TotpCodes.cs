using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

/// <summary>
/// Authenticator codes (RFC 6238) of staff and tenant administrators. Secrets are stored protected
/// with the platform's data-protection keys, one per staff membership; a code is accepted within one
/// 30-second step of drift, and only once.
/// </summary>
public sealed class TotpCodes(IDataProtectionProvider dataProtection, TimeProvider time)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("Platform.Access.Totp.v1");

    public (string ProtectedSecret, string Base32Secret) NewSecret()
    {
        var secret = KeyGeneration.GenerateRandomKey(20);
        return (protector.Protect(Base32Encoding.ToString(secret)), Base32Encoding.ToString(secret));
    }

    public string Protect(string base32Secret) => protector.Protect(base32Secret);

    /// <summary>The secret in clear, for the one page that shows it at enrolment.</summary>
    public string Reveal(string protectedSecret) => protector.Unprotect(protectedSecret);

    /// <summary>The 30-second step a valid code belongs to (one step of drift either way), or null.</summary>
    public long? MatchStep(string protectedSecret, string? code)
    {
        if (code is null) return null;
        code = code.Replace(" ", "");
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(protector.Unprotect(protectedSecret)));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>
    /// Accepts the code of a staff membership once: its step is recorded by a single conditional UPDATE, so a
    /// code already used (even by a concurrent request) is refused.
    /// </summary>
    public async Task<bool> AcceptOnceAsync(PlatformDbContext db, StaffMember member, string? code, CancellationToken ct)
    {
        if (member.ProtectedTotpSecret is null || MatchStep(member.ProtectedTotpSecret, code) is not { } step) return false;
        var claimed = await db.StaffMembers.Where(s => s.Id == member.Id && (s.LastTotpStep == null || s.LastTotpStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastTotpStep, step), ct);
        return claimed == 1;
    }

    /// <summary>The code an authenticator app shows now (tests and the enrolment page).</summary>
    public static string CurrentCode(string base32Secret, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(at.UtcDateTime);

    public static string AuthenticatorUri(string issuer, string account, string base32Secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={base32Secret}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
}
