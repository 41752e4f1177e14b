using Microsoft.EntityFrameworkCore;
using Platform.Features.Auditing;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Access;

/// <summary>A person's own account (password) and the staff's help with it (unlocking).</summary>
public sealed class AccountService(
    PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache rulesCache, CurrentUser currentUser, Sessions sessions, TimeProvider time)
{
    private Tenant Tenant => tenantContext.RequireTenant();

    /// <summary>After a password change: the caller's session with the new stamp, for the portal to re-issue its cookie.</summary>
    public SignedInUser? RenewedSession { get; private set; }

    public async Task<IReadOnlyList<UserError>> ChangePasswordAsync(string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        var userId = currentUser.RequireUserId();
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (user.PasswordHash is null || !Passwords.Verify(user.PasswordHash, currentPassword))
            return [new UserError("INVALID_CURRENT_PASSWORD", "Le mot de passe actuel est incorrect.", "currentPassword")];
        var rule = (await rulesCache.GetAsync(Tenant)).Rules.Login.PasswordRule ?? PasswordPolicy.Staff;
        if (PasswordPolicy.Check(rule, newPassword, "newPassword") is { } weak) return [weak];
        if (newPassword == currentPassword)
            return [new UserError("PASSWORD_UNCHANGED", "Le nouveau mot de passe doit être différent de l'actuel.", "newPassword")];

        user.PasswordHash = Passwords.Hash(newPassword!);
        // The other sessions end; the portal renews the cookie of this one (RenewedSession).
        await sessions.EndAllAsync(user, ct);
        db.AuditEntries.Record(time, userId, "password-changed", "User", userId);
        await db.SaveChangesAsync(ct);
        RenewedSession = SignedInUser.Of(user, Tenant.Slug, await db.StaffMembers.Where(s => s.UserId == userId).Select(s => (StaffRole?)s.Role).SingleOrDefaultAsync(ct));
        return [];
    }

    /// <summary>Staff unlock an account blocked by failed sign-ins (sst68: blocked until unlocked).</summary>
    public async Task<IReadOnlyList<UserError>> UnlockAsync(Guid userId, CancellationToken ct = default)
    {
        var staffId = currentUser.RequireStaff();
        var guard = await db.SignInGuards.SingleOrDefaultAsync(g => g.UserId == userId, ct);
        if (guard is null || (!guard.BlockedUntilUnlocked && guard.LockedUntil is null))
            return [new UserError("NOT_LOCKED", "Ce compte n'est pas bloqué.", "userId")];
        guard.BlockedUntilUnlocked = false;
        guard.LockedUntil = null;
        guard.FailedAttempts = 0;
        db.AuditEntries.Record(time, staffId, "account-unlocked", "User", userId);
        await db.SaveChangesAsync(ct);
        return [];
    }
}
