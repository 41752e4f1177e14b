using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

/// <summary>Single-use links sent by e-mail (password reset, activation, staff enrolment): issued hashed, valid once, until they expire.</summary>
public sealed class EmailLinks(PlatformDbContext db, TimeProvider time)
{
    /// <summary>Adds a link to the unit of work and returns its secret, for the e-mail; older unused links of the same purpose stop working.</summary>
    public async Task<string> IssueAsync(Guid userId, EmailLinkPurpose purpose, TimeSpan lifetime, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var old in await db.EmailLinkTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null).ToListAsync(ct))
            old.UsedAt = now;
        var token = OneTimeSecrets.NewLinkToken();
        db.EmailLinkTokens.Add(new EmailLinkToken { UserId = userId, Purpose = purpose, TokenHash = OneTimeSecrets.Hash(token), ExpiresAt = now + lifetime });
        return token;
    }

    /// <summary>The link a secret names, if it is of this purpose, unused and not expired.</summary>
    public async Task<EmailLinkToken?> FindValidAsync(string? token, EmailLinkPurpose purpose, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = OneTimeSecrets.Hash(token);
        var link = await db.EmailLinkTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, ct);
        return link is { UsedAt: null } && link.ExpiresAt > time.GetUtcNow() ? link : null;
    }

    public void MarkUsed(EmailLinkToken link) => link.UsedAt = time.GetUtcNow();
}
