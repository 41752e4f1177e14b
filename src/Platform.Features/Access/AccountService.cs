using Microsoft.EntityFrameworkCore;
using Platform.Features.Auditing;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

/// <summary>What /compte shows of the signed-in person's own account.</summary>
public sealed record OwnAccountView(string DisplayName, string Email, bool HasPassword, string? RecoveryEmail, string? PendingRecoveryEmail);

/// <summary>A person's own account (password, recovery e-mail) and the staff's help with it (unlocking).</summary>
public sealed class AccountService(
    PlatformDbContext db, IdentityDb identity, ITenantContext tenantContext, TenantRulesCache rulesCache, CurrentUser currentUser, Sessions sessions, SignInThrottle throttle,
    SignInLockout lockout, EmailLinks links, EmailOutbox outbox, TimeProvider time)
{
    public const string RecoveryEmailPath = "/compte/email-de-recuperation";
    private static readonly TimeSpan RecoveryLinkLifetime = TimeSpan.FromHours(24);

    private static readonly UserError WrongCurrentPassword = new("INVALID_CURRENT_PASSWORD", "Le mot de passe actuel est incorrect.", "currentPassword");

    private Tenant Tenant => tenantContext.RequireTenant();

    /// <summary>After a password change: the caller's session with the new stamp, for the portal to re-issue its cookie.</summary>
    public SignedInUser? RenewedSession { get; private set; }

    public async Task<OwnAccountView> MineAsync(CancellationToken ct = default)
    {
        var userId = currentUser.RequireUserId();
        var user = await identity.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        return new OwnAccountView($"{user.FirstName} {user.LastName}", user.Email, user.PasswordHash is not null, user.RecoveryEmail, user.PendingRecoveryEmail);
    }

    /// <summary>
    /// A wrong current password counts as a failed sign-in: the same per-account limit and the tenant's
    /// lockout, so that a borrowed session cannot be used to guess the password.
    /// </summary>
    /// <param name="siteUrl">The tenant host, for the unlock link when the account gets blocked.</param>
    public async Task<Outcome> ChangePasswordAsync(string? currentPassword, string? newPassword, string? siteUrl = null, CancellationToken ct = default)
    {
        var userId = currentUser.RequireUserId();
        var user = await identity.Users.SingleAsync(u => u.Id == userId, ct);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        var (guard, refused) = await CheckCurrentPasswordAsync(user, currentPassword, rules, siteUrl, ct);
        if (refused is not null) return Outcome.Fail(refused);
        var isStaff = await db.StaffMembers.AnyAsync(s => s.UserId == userId, ct);
        if (PasswordPolicy.Check(PasswordPolicy.For(rules, isStaff), newPassword, "newPassword") is { } weak) return Outcome.Fail(weak);
        if (newPassword == currentPassword)
            return Outcome.Fail(new UserError("PASSWORD_UNCHANGED", "Le nouveau mot de passe doit être différent de l'actuel.", "newPassword"));

        // The tenant's side (audit, lockout) first, then the person (platform database): a failure in
        // between leaves the old password, never a change unaudited.
        SignInLockout.Clear(guard);
        db.AuditEntries.Record(time, userId, "password-changed", "User", userId);
        await db.SaveChangesAsync(ct);
        user.PasswordHash = Passwords.Hash(newPassword!);
        // The other sessions end (saves the person with the new password); the portal renews the cookie of this one (RenewedSession).
        await sessions.EndAllAsync(user, ct);
        RenewedSession = SignedInUser.Of(user, Tenant.Slug, await db.StaffMembers.Where(s => s.UserId == userId).Select(s => (StaffRole?)s.Role).SingleOrDefaultAsync(ct));
        return Outcome.Ok;
    }

    /// <summary>
    /// The current password proves that the person, not a borrowed session, asks for a change of what
    /// protects the account. A wrong one counts as a failed sign-in (per-account limit, tenant lockout).
    /// </summary>
    private async Task<(SignInGuard? Guard, UserError? Refused)> CheckCurrentPasswordAsync(
        User user, string? currentPassword, TenantRules rules, string? siteUrl, CancellationToken ct)
    {
        if (!await throttle.TryAcquireAsync(Tenant.Slug, user.Email)) return (null, SignInThrottle.TooMany with { Field = "currentPassword" });
        var check = await lockout.CheckPasswordAsync(user, currentPassword, rules, WrongCurrentPassword, siteUrl, ct);
        return (check.Guard, check.Refused is null ? null : check.Refused with { Field = "currentPassword" });
    }

    /// <summary>
    /// Asks to change the recovery e-mail (sstbtp-bfc, « Email de récupération »): a link goes to the new
    /// address, and the address changes only when that link is followed. Giving the account's own e-mail back
    /// removes the recovery e-mail at once (that address is already proven). Reset links go to the recovery
    /// e-mail, so changing it asks for the current password, and the account's own address is told.
    /// </summary>
    public async Task<Outcome> RequestRecoveryEmailAsync(string? email, string? currentPassword, string siteUrl, CancellationToken ct = default)
    {
        var userId = currentUser.RequireUserId();
        email = email?.Trim();
        if (PersonDetails.EmailProblem(email) is { } bad) return Outcome.Fail(bad with { Field = "recoveryEmail" });
        var user = await identity.Users.SingleAsync(u => u.Id == userId, ct);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        var (_, refused) = await CheckCurrentPasswordAsync(user, currentPassword, rules, siteUrl, ct);
        if (refused is not null) return Outcome.Fail(refused);
        if (User.Normalize(email!) == user.NormalizedEmail)
        {
            user.RecoveryEmail = null;
            user.PendingRecoveryEmail = null;
        }
        else
        {
            if (!await throttle.TryAcquireAsync(Tenant.Slug, "recovery|" + userId)) return Outcome.Fail(SignInThrottle.TooMany with { Field = "recoveryEmail" });
            user.PendingRecoveryEmail = email;
            var token = await links.IssueAsync(userId, EmailLinkPurpose.RecoveryEmail, RecoveryLinkLifetime, ct);
            outbox.Enqueue(email!, EmailTemplates.ConfirmRecoveryEmail(rules, $"{siteUrl.TrimEnd('/')}{RecoveryEmailPath}?jeton={token}", (int)RecoveryLinkLifetime.TotalHours));
        }
        db.AuditEntries.Record(time, userId, "recovery-email-requested", "User", userId);
        await identity.SaveChangesAsync(ct);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Confirms a recovery e-mail from the link sent to it; false when the link is unknown, used or expired.</summary>
    public async Task<bool> ConfirmRecoveryEmailAsync(string? token, CancellationToken ct = default)
    {
        if (await links.FindValidAsync(token, EmailLinkPurpose.RecoveryEmail, ct) is not { } link) return false;
        var user = await identity.Users.SingleAsync(u => u.Id == link.UserId, ct);
        if (user.PendingRecoveryEmail is null) return false;
        user.RecoveryEmail = user.PendingRecoveryEmail;
        user.PendingRecoveryEmail = null;
        links.MarkUsed(link);
        // The account's own address learns of it: a change it did not make is a takeover to report.
        outbox.Enqueue(user.Email, EmailTemplates.RecoveryEmailChanged((await rulesCache.GetAsync(Tenant)).Rules, user.RecoveryEmail!));
        db.AuditEntries.Record(time, user.Id, "recovery-email-confirmed", "User", user.Id);
        await identity.SaveChangesAsync(ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Staff unlock an account blocked by failed sign-ins (sst68: blocked until unlocked).</summary>
    public async Task<Outcome> UnlockAsync(Guid userId, CancellationToken ct = default)
    {
        var staffId = currentUser.RequireStaff();
        var guard = await db.SignInGuards.SingleOrDefaultAsync(g => g.UserId == userId, ct);
        if (guard is null || (!guard.BlockedUntilUnlocked && guard.LockedUntil is null))
            return Outcome.Fail(new UserError("NOT_LOCKED", "Ce compte n'est pas bloqué.", "userId"));
        SignInLockout.Clear(guard);
        db.AuditEntries.Record(time, staffId, "account-unlocked", "User", userId);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}
