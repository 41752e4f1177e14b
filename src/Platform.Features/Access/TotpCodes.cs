using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Platform.Features.Access;

/// <summary>
/// Authenticator codes (RFC 6238) of staff and tenant administrators. Secrets are stored protected
/// with the platform's data-protection keys; a code is accepted within one 30-second step of drift.
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

    public bool Verify(string protectedSecret, string? code)
    {
        if (code is null) return false;
        code = code.Replace(" ", "");
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(protector.Unprotect(protectedSecret)));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out _, new VerificationWindow(previous: 1, future: 1));
    }

    /// <summary>The code an authenticator app shows now (tests and the enrolment page).</summary>
    public static string CurrentCode(string base32Secret, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(at.UtcDateTime);

    public static string AuthenticatorUri(string issuer, string account, string base32Secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={base32Secret}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
}
