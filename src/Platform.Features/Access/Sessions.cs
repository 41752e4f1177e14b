using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Features.Persistence;
using Platform.Tenancy;

namespace Platform.Features.Access;

/// <summary>
/// Ends and checks a person's sessions (DESIGN.md 4). Access tokens and cookies are checked without
/// the database on most requests; what ends them is the security stamp, compared with the one they
/// carry at most once a minute (cookies) or when a refresh token is redeemed (API), and the refresh
/// tokens, revoked at once.
/// </summary>
public sealed class Sessions(PlatformDbContext db, IdentityDb identity, IOpenIddictTokenManager tokens, ITenantContext tenantContext)
{
    /// <summary>How long a portal cookie is trusted before its stamp is compared with the database again.</summary>
    public static readonly TimeSpan CookieCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Every session of the person ends: cookies at their next check, refresh tokens now. Called with
    /// the change that makes them wrong, before the tenant's rows are saved: the new stamp (and whatever
    /// else changed on the person) is saved now in the platform database, so a failure afterwards
    /// leaves sessions ended rather than rights kept.
    /// </summary>
    public async Task EndAllAsync(User user, CancellationToken ct = default)
    {
        user.RenewSecurityStamp();
        await identity.SaveChangesAsync(ct);
        await tokens.RevokeBySubjectAsync(user.Id.ToString(), ct);
    }

    /// <inheritdoc cref="EndAllAsync(User, CancellationToken)"/>
    public async Task EndAllAsync(Guid userId, CancellationToken ct = default)
    {
        if (await identity.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) is { } user) await EndAllAsync(user, ct);
    }

    /// <summary>Whether a session carrying this stamp is still good: the person exists and nothing has ended their sessions since.</summary>
    public async Task<bool> IsCurrentAsync(Guid userId, string? stamp, CancellationToken ct = default) =>
        !string.IsNullOrEmpty(stamp) && await identity.Users.AnyAsync(u => u.Id == userId && u.SecurityStamp == stamp, ct);

    /// <summary>
    /// A refresh token redeemed: the person as they are now, or null when their sessions were ended
    /// (another stamp) or they no longer have access to this tenant.
    /// </summary>
    public async Task<SignedInUser?> ResumeAsync(Guid userId, string? stamp, CancellationToken ct = default)
    {
        var user = await identity.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || string.IsNullOrEmpty(stamp) || user.SecurityStamp != stamp) return null;
        var staffRole = await db.StaffMembers.Where(s => s.UserId == userId).Select(s => (StaffRole?)s.Role).SingleOrDefaultAsync(ct);
        if (staffRole is null && !await db.Memberships.AnyAsync(m => m.UserId == userId, ct)) return null;
        return SignedInUser.Of(user, tenantContext.RequireTenant().Slug, staffRole);
    }
}
