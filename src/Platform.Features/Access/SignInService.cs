using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

/// <param name="SiteUrl">The tenant host the request came to, for the unlock link a blocked owner is e-mailed.</param>
public sealed record PasswordSignIn(string Identifier, string Password, string? IpAddress, string? Browser, bool AsProxy = false, string? SiteUrl = null);

/// <summary>Who signed in: what the portal cookie and the access token carry.</summary>
public sealed record SignedInUser(Guid UserId, string Email, string DisplayName, string TenantSlug, StaffRole? StaffRole, string SecurityStamp = "")
{
    public static SignedInUser Of(User user, string tenantSlug, StaffRole? staffRole) =>
        new(user.Id, user.Email, $"{user.FirstName} {user.LastName}", tenantSlug, staffRole, user.SecurityStamp);
}

/// <summary>
/// Signed in (User), refused (Error), or half-way: the password of a staff member was right and the
/// authenticator code is still due (PendingUserId).
/// </summary>
public sealed record SignInOutcome(SignedInUser? User, UserError? Error, Guid? PendingUserId = null)
{
    public bool Succeeded => User is not null && Error is null;
    public bool SecondFactorRequired => PendingUserId is not null;
}

/// <summary>
/// Password sign-in with the tenant's rules: its identifier (e-mail or member number), its lockout
/// rule and its connection history. Staff and tenant administrators also give an authenticator code.
/// Unknown identifiers and wrong passwords get the same answer, so that nothing reveals who has an account.
/// </summary>
public sealed class SignInService(
    PlatformDbContext db, IdentityDb identity, ITenantContext tenantContext, TenantRulesCache rulesCache, AccountLookup accounts,
    ConnectionHistory history, SignInThrottle throttle, SignInLockout lockout, UnknownAccountLockouts unknownLockouts, TotpCodes totp, TimeProvider time)
{
    private static readonly UserError WrongCredentials =
        new("INVALID_CREDENTIALS", "Identifiant ou mot de passe incorrect.", "password");

    // Members of code tenants who try a password get the wrong-credentials answer with this hint, whatever
    // the e-mail: a different answer would tell which e-mails belong to staff.
    private static readonly UserError WrongCredentialsOnCodeTenant = WrongCredentials with
    {
        Message = "Identifiant ou mot de passe incorrect. Les adhérents de ce service se connectent avec un code envoyé par e-mail.",
    };

    private Tenant Tenant => tenantContext.RequireTenant();

    public async Task<SignInOutcome> PasswordAsync(PasswordSignIn attempt, string? authenticatorCode = null, CancellationToken ct = default)
    {
        // An address that failed too often across accounts is refused before any account is looked at.
        if (await throttle.AddressBlockedAsync(attempt.IpAddress)) return Fail(SignInThrottle.TooManyFromAddress);
        if (!await throttle.TryAcquireAsync(Tenant.Slug, attempt.Identifier)) return Fail(SignInThrottle.TooMany);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        var user = await accounts.FindAsync(attempt.Identifier, attempt.AsProxy, rules, ct);
        var staffRole = user is null ? null : await accounts.StaffRoleAsync(user.Id, ct);
        // Tenants that sign in with e-mailed codes have no passwords; their staff still do.
        var wrong = rules.Login.Proof == LoginProof.Password ? WrongCredentials : WrongCredentialsOnCodeTenant;
        if (user?.PasswordHash is null || (rules.Login.Proof != LoginProof.Password && staffRole is null))
        {
            // The same lockout and the same work as a real check, so that neither answers nor timing reveal unknown accounts.
            if (lockout.Locked(unknownLockouts.Guard(Tenant.Slug, attempt.Identifier), rules.Login.Lockout) is { } lockedUnknown) return Fail(lockedUnknown);
            Passwords.Verify(DummyHash, attempt.Password);
            await throttle.RecordAddressFailureAsync(attempt.IpAddress);
            unknownLockouts.RecordFailure(Tenant.Slug, attempt.Identifier, rules.Login.Lockout);
            return Fail(lockout.Locked(unknownLockouts.Guard(Tenant.Slug, attempt.Identifier), rules.Login.Lockout) ?? wrong);
        }

        var check = await lockout.CheckPasswordAsync(user, attempt.Password, rules, wrong, attempt.SiteUrl, ct);
        if (check.WrongPassword) await throttle.RecordAddressFailureAsync(attempt.IpAddress);
        if (check.Refused is not null) return Fail(check.Refused);
        var guard = check.Guard;
        if (user.PendingActivation)
            return Fail(new UserError("ACCOUNT_NOT_ACTIVATED", "Votre compte n'est pas encore activé : cliquez sur le lien d'activation reçu par e-mail.", "identifier"));
        // The mandataire box is for accountant firms; an employer's own account signs in with its identifier
        // (told only once the password is right, so that it reveals nothing about who has an account).
        if (attempt.AsProxy && staffRole is null && attempt.Identifier.Contains('@') && await accounts.IsCompanyOwnAccountAsync(user.Id, ct))
            return Fail(new UserError("NOT_A_PROXY", "La connexion en tant que mandataire est réservée aux cabinets mandatés : connectez-vous avec votre numéro d'adhérent, sans cocher la case.", "identifier"));
        if (staffRole is not null && authenticatorCode is null) return new SignInOutcome(null, null, user.Id);
        return await FinishAsync(user, staffRole, guard, rules, authenticatorCode, attempt.IpAddress, attempt.Browser, attempt.SiteUrl, ct);
    }

    /// <summary>Second step of a staff sign-in whose password was already checked.</summary>
    public async Task<SignInOutcome> SecondFactorAsync(Guid userId, string? authenticatorCode, string? ipAddress, string? browser, string? siteUrl = null, CancellationToken ct = default)
    {
        if (await throttle.AddressBlockedAsync(ipAddress)) return Fail(SignInThrottle.TooManyFromAddress);
        if (!await throttle.TryAcquireAsync(Tenant.Slug, userId.ToString())) return Fail(SignInThrottle.TooMany);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        var user = await identity.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        var staffRole = user is null ? null : await accounts.StaffRoleAsync(user.Id, ct);
        if (user is null || staffRole is null) return Fail(WrongCredentials);
        var guard = await lockout.GuardAsync(user.Id, ct);
        if (lockout.Locked(guard, rules.Login.Lockout) is { } locked) return Fail(locked);
        return await FinishAsync(user, staffRole, guard, rules, authenticatorCode ?? "", ipAddress, browser, siteUrl, ct);
    }

    private async Task<SignInOutcome> FinishAsync(User user, StaffRole? staffRole, SignInGuard? guard, TenantRules rules,
        string? authenticatorCode, string? ipAddress, string? browser, string? siteUrl, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (staffRole is not null)
        {
            // The second factor of this tenant's staff membership, each code accepted once.
            var member = await db.StaffMembers.SingleAsync(s => s.UserId == user.Id, ct);
            if (!await totp.AcceptOnceAsync(db, member, authenticatorCode, ct))
            {
                await throttle.RecordAddressFailureAsync(ipAddress);
                return Fail(await lockout.RecordFailureAsync(user, guard, rules, siteUrl, ct)
                    ?? new UserError("INVALID_AUTHENTICATOR_CODE", "Code de l'application d'authentification incorrect.", "authenticatorCode"));
            }
        }
        if (guard is not null) { guard.FailedAttempts = 0; guard.LockedUntil = null; }
        await history.RecordAsync(user.Id, ipAddress, browser, now, ct);
        await db.SaveChangesAsync(ct);
        return new SignInOutcome(SignedInUser.Of(user, Tenant.Slug, staffRole), null);
    }

    private static SignInOutcome Fail(UserError error) => new(null, error);

    private static readonly string DummyHash = Passwords.Hash(Guid.NewGuid().ToString());
}
