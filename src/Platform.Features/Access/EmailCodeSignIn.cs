using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OtpNet;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

/// <summary>
/// Sign-in with a code e-mailed at each sign-in (sist-on). An unknown e-mail gets the same answer as
/// a known one and nothing is sent; a new code is sent at most once per resend delay.
/// </summary>
public sealed class EmailCodeSignIn(
    PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache rulesCache, AccountLookup accounts,
    ConnectionHistory history, SignInThrottle throttle, EmailOutbox outbox, EmailSettings emailSettings, TimeProvider time, ILogger<EmailCodeSignIn> logger)
{
    // One answer for every failure (wrong, expired, voided after too many tries, unknown e-mail): a voided
    // code told apart would show which e-mails belong to members.
    private static UserError WrongCode(EmailCodeRule rule) => new("INVALID_CODE",
        $"Code incorrect ou expiré. Après {rule.MaxWrongTries} essais erronés, le code n'est plus valable : demandez un nouveau code.", "code");

    private Tenant Tenant => tenantContext.RequireTenant();

    /// <summary>Errors only for requests that cannot be right whoever asks (no e-mail, wrong tenant method).</summary>
    public async Task<Outcome> RequestAsync(string? email, CancellationToken ct = default)
    {
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        if (rules.Login.Proof != LoginProof.EmailCode || rules.Login.EmailCode is not { } codeRule)
            return Outcome.Fail(new UserError("EMAIL_CODE_UNAVAILABLE", "Ce service se connecte avec un mot de passe.", "email"));
        if (PersonDetails.EmailProblem(email) is { } badEmail) return Outcome.Fail(badEmail);
        if (!await throttle.TryAcquireAsync(Tenant.Slug, email)) return Outcome.Fail(SignInThrottle.TooMany with { Field = "email" });

        var user = await accounts.FindMemberByEmailAsync(email, ct);
        if (user is null) return Outcome.Ok;
        var now = time.GetUtcNow();
        var active = await db.LoginCodes.Where(c => c.UserId == user.Id && c.ConsumedAt == null).ToListAsync(ct);
        if (active.Any(c => now - c.CreatedAt < TimeSpan.FromSeconds(codeRule.ResendAfterSeconds))) return Outcome.Ok;

        foreach (var old in active) old.ConsumedAt = now;
        var code = new Hotp(KeyGeneration.GenerateRandomKey(20), hotpSize: codeRule.Digits).ComputeHOTP(0);
        db.LoginCodes.Add(new LoginCode
        {
            UserId = user.Id, CodeHash = OneTimeSecrets.Hash(code), CreatedAt = now, ExpiresAt = now.AddMinutes(codeRule.ValidityMinutes),
        });
        outbox.Enqueue(user.Email, EmailTemplates.LoginCode(rules, code, codeRule.ValidityMinutes));
        await db.SaveChangesAsync(ct);
        if (emailSettings.LogSignInCodes)
            logger.LogInformation("Development e-mail transport: sign-in code {Code} issued for user {UserId}", code, user.Id);
        return Outcome.Ok;
    }

    public async Task<SignInOutcome> VerifyAsync(string? email, string? code, string? ipAddress, string? browser, CancellationToken ct = default)
    {
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        if (rules.Login.Proof != LoginProof.EmailCode || rules.Login.EmailCode is not { } codeRule)
            return new SignInOutcome(null, new UserError("EMAIL_CODE_UNAVAILABLE", "Ce service se connecte avec un mot de passe.", "email"));
        if (await throttle.AddressBlockedAsync(ipAddress)) return new SignInOutcome(null, SignInThrottle.TooManyFromAddress with { Field = "code" });
        if (!await throttle.TryAcquireAsync(Tenant.Slug, email)) return new SignInOutcome(null, SignInThrottle.TooMany with { Field = "code" });
        var user = await accounts.FindMemberByEmailAsync(email, ct);
        var now = time.GetUtcNow();
        var active = user is null ? null : (await db.LoginCodes.AsNoTracking().Where(c => c.UserId == user.Id && c.ConsumedAt == null).ToListAsync(ct))
            .MaxBy(c => c.CreatedAt);
        if (user is null || active is null || active.ExpiresAt <= now)
        {
            await throttle.RecordAddressFailureAsync(ipAddress);
            return new SignInOutcome(null, WrongCode(codeRule));
        }

        // A try is counted before the code is compared, by one UPDATE that only passes under the limit:
        // concurrent tries cannot compare more codes than the limit allows.
        var counted = await db.LoginCodes
            .Where(c => c.Id == active.Id && c.ConsumedAt == null && c.WrongTries < codeRule.MaxWrongTries)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.WrongTries, x => x.WrongTries + 1), ct);
        if (counted == 0) return new SignInOutcome(null, WrongCode(codeRule));
        if (active.CodeHash != OneTimeSecrets.Hash(code?.Trim() ?? ""))
        {
            await throttle.RecordAddressFailureAsync(ipAddress);
            var tries = await db.LoginCodes.Where(c => c.Id == active.Id).Select(c => c.WrongTries).SingleAsync(ct);
            if (tries < codeRule.MaxWrongTries) return new SignInOutcome(null, WrongCode(codeRule));
            await db.LoginCodes.Where(c => c.Id == active.Id && c.ConsumedAt == null).ExecuteUpdateAsync(c => c.SetProperty(x => x.ConsumedAt, now), ct);
            return new SignInOutcome(null, WrongCode(codeRule));
        }
        // The right code serves once, even when sent twice at the same time.
        var consumed = await db.LoginCodes.Where(c => c.Id == active.Id && c.ConsumedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ConsumedAt, now), ct);
        if (consumed == 0) return new SignInOutcome(null, WrongCode(codeRule));
        await history.RecordAsync(user.Id, ipAddress, browser, now, ct);
        await db.SaveChangesAsync(ct);
        return new SignInOutcome(SignedInUser.Of(user, Tenant.Slug, null), null);
    }
}
