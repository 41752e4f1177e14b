using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

public sealed record PasswordSignIn(string Identifier, string Password, string? IpAddress, string? Browser, bool AsProxy = false);

/// <summary>Who signed in: what the portal cookie and the access token carry.</summary>
public sealed record SignedInUser(Guid UserId, string Email, string DisplayName, string TenantSlug, StaffRole? StaffRole)
{
    public static SignedInUser Of(User user, string tenantSlug, StaffRole? staffRole) =>
        new(user.Id, user.Email, $"{user.FirstName} {user.LastName}", tenantSlug, staffRole);
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
    PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache rulesCache, AccountLookup accounts,
    ConnectionHistory history, SignInThrottle throttle, TotpCodes totp, TimeProvider time)
{
    private static readonly UserError WrongCredentials =
        new("INVALID_CREDENTIALS", "Identifiant ou mot de passe incorrect.", "password");

    private Tenant Tenant => tenantContext.RequireTenant();

    public async Task<SignInOutcome> PasswordAsync(PasswordSignIn attempt, string? authenticatorCode = null, CancellationToken ct = default)
    {
        if (!throttle.TryAcquire(Tenant.Slug, attempt.Identifier)) return Fail(SignInThrottle.TooMany);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        var user = await accounts.FindAsync(attempt.Identifier, attempt.AsProxy, rules, ct);
        var staffRole = user is null ? null : await accounts.StaffRoleAsync(user.Id, ct);
        // Tenants that sign in with e-mailed codes have no passwords; their staff still do.
        if (rules.Login.Proof != LoginProof.Password && staffRole is null)
            return Fail(new UserError("PASSWORD_SIGN_IN_UNAVAILABLE", "Ce service se connecte avec un code envoyé par e-mail.", "identifier"));
        if (user?.PasswordHash is null)
        {
            // Same work as a real check, so that timing does not reveal unknown accounts.
            Passwords.Verify(DummyHash, attempt.Password);
            return Fail(WrongCredentials);
        }

        var guard = await db.SignInGuards.SingleOrDefaultAsync(g => g.UserId == user.Id, ct);
        var now = time.GetUtcNow();
        if (Locked(guard, rules.Login.Lockout, now) is { } locked) return Fail(locked);

        if (!Passwords.Verify(user.PasswordHash, attempt.Password)) return Fail(await RecordFailureAsync(user.Id, guard, rules.Login.Lockout, now, ct));
        if (user.PendingActivation)
            return Fail(new UserError("ACCOUNT_NOT_ACTIVATED", "Votre compte n'est pas encore activé : cliquez sur le lien d'activation reçu par e-mail.", "identifier"));
        // The mandataire box is for accountant firms; an employer's own account signs in with its identifier
        // (told only once the password is right, so that it reveals nothing about who has an account).
        if (attempt.AsProxy && staffRole is null && attempt.Identifier.Contains('@') && await accounts.IsCompanyOwnAccountAsync(user.Id, ct))
            return Fail(new UserError("NOT_A_PROXY", "La connexion en tant que mandataire est réservée aux cabinets mandatés : connectez-vous avec votre numéro d'adhérent, sans cocher la case.", "identifier"));
        if (staffRole is not null && authenticatorCode is null) return new SignInOutcome(null, null, user.Id);
        return await FinishAsync(user, staffRole, guard, rules, authenticatorCode, attempt.IpAddress, attempt.Browser, ct);
    }

    /// <summary>Second step of a staff sign-in whose password was already checked.</summary>
    public async Task<SignInOutcome> SecondFactorAsync(Guid userId, string? authenticatorCode, string? ipAddress, string? browser, CancellationToken ct = default)
    {
        if (!throttle.TryAcquire(Tenant.Slug, userId.ToString())) return Fail(SignInThrottle.TooMany);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        var staffRole = user is null ? null : await accounts.StaffRoleAsync(user.Id, ct);
        if (user is null || staffRole is null) return Fail(WrongCredentials);
        var guard = await db.SignInGuards.SingleOrDefaultAsync(g => g.UserId == user.Id, ct);
        if (Locked(guard, rules.Login.Lockout, time.GetUtcNow()) is { } locked) return Fail(locked);
        return await FinishAsync(user, staffRole, guard, rules, authenticatorCode ?? "", ipAddress, browser, ct);
    }

    private async Task<SignInOutcome> FinishAsync(User user, StaffRole? staffRole, SignInGuard? guard, TenantRules rules,
        string? authenticatorCode, string? ipAddress, string? browser, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (staffRole is not null && (user.ProtectedTotpSecret is null || !totp.Verify(user.ProtectedTotpSecret, authenticatorCode)))
        {
            var error = await RecordFailureAsync(user.Id, guard, rules.Login.Lockout, now, ct);
            return Fail(error.Code == WrongCredentials.Code
                ? new UserError("INVALID_AUTHENTICATOR_CODE", "Code de l'application d'authentification incorrect.", "authenticatorCode")
                : error);
        }
        if (guard is not null) { guard.FailedAttempts = 0; guard.LockedUntil = null; }
        await history.RecordAsync(user.Id, ipAddress, browser, now, ct);
        await db.SaveChangesAsync(ct);
        return new SignInOutcome(SignedInUser.Of(user, Tenant.Slug, staffRole), null);
    }

    private UserError? Locked(SignInGuard? guard, LockoutRule rule, DateTimeOffset now)
    {
        if (guard is null) return null;
        if (guard.BlockedUntilUnlocked)
            return new UserError("ACCOUNT_BLOCKED", rule.Message ?? "Votre espace a été bloqué. Contactez votre service de santé au travail.", "identifier");
        if (guard.LockedUntil is { } until && until > now)
        {
            var minutes = (int)Math.Ceiling((until - now).TotalMinutes);
            return new UserError("ACCOUNT_LOCKED",
                $"Votre compte est bloqué pendant encore {minutes} minute{(minutes > 1 ? "s" : "")} après plusieurs essais infructueux.", "identifier");
        }
        return null;
    }

    private async Task<UserError> RecordFailureAsync(Guid userId, SignInGuard? guard, LockoutRule rule, DateTimeOffset now, CancellationToken ct)
    {
        if (rule.Mode == LockoutMode.None) return WrongCredentials;
        if (guard is null)
        {
            guard = new SignInGuard { UserId = userId };
            db.SignInGuards.Add(guard);
        }
        if (guard.LockedUntil is { } expired && expired <= now) guard.FailedAttempts = 0;
        guard.FailedAttempts++;
        UserError? locked = null;
        if (guard.FailedAttempts >= rule.MaxFailures)
        {
            if (rule.Mode == LockoutMode.UntilUnlockedByStaff) guard.BlockedUntilUnlocked = true;
            else guard.LockedUntil = now.AddMinutes(rule.LockMinutes!.Value);
            guard.FailedAttempts = 0;
            locked = Locked(guard, rule, now);
        }
        await db.SaveChangesAsync(ct);
        return locked ?? WrongCredentials;
    }

    private static SignInOutcome Fail(UserError error) => new(null, error);

    private static readonly string DummyHash = Passwords.Hash(Guid.NewGuid().ToString());
}
