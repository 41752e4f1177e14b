using Microsoft.EntityFrameworkCore;
using Platform.Features.Auditing;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Access;

public sealed record NewAccount(string? FirstName, string? LastName, string? Email, string? JobFunction, IReadOnlyList<string>? PortalUses);

/// <summary>
/// Account creation where the tenant allows it (sstrn): the account waits for its e-mailed
/// activation link, and its password is chosen on the page that link opens: a password chosen before
/// the e-mail is proven would let whoever typed someone else's address keep a way into their account. An e-mail that already has an account gets the same answer on screen, and its
/// owner is told by e-mail, so that nobody learns which e-mails have accounts.
/// </summary>
public sealed class AccountCreation(
    PlatformDbContext db, IdentityDb identity, ITenantContext tenantContext, TenantRulesCache rulesCache, SignInThrottle throttle, EmailLinks links, EmailOutbox outbox, TimeProvider time)
{
    public const string ActivationPath = "/activation";
    public static readonly IReadOnlyList<string> Uses =
        ["Déclarer mes salariés", "Demander des visites médicales", "Consulter et payer mes factures", "Faire la déclaration annuelle", "Suivre les actions de prévention"];
    private static readonly TimeSpan ActivationLifetime = TimeSpan.FromHours(48);

    private Tenant Tenant => tenantContext.RequireTenant();

    public async Task<bool> IsOpenAsync() => (await rulesCache.GetAsync(Tenant)).Rules.Users.SelfRegistration;

    public async Task<Outcome> CreateAsync(NewAccount account, string siteUrl, CancellationToken ct = default)
    {
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        if (!rules.Users.SelfRegistration)
            return Outcome.Fail(new UserError("SELF_REGISTRATION_CLOSED", "La création de compte en ligne n'est pas proposée par ce service.", null));
        var errors = new List<UserError>();
        var email = account.Email?.Trim();
        errors.AddRange(PersonDetails.NameProblems(account.FirstName, account.LastName));
        if (PersonDetails.EmailProblem(email) is { } badEmail) errors.Add(badEmail);
        if (string.IsNullOrWhiteSpace(account.JobFunction) || account.JobFunction.Trim().Length > 100)
            errors.Add(new("JOB_FUNCTION_REQUIRED", "Indiquez votre fonction dans l'entreprise.", "jobFunction"));
        var uses = (account.PortalUses ?? []).Distinct().ToList();
        if (uses.Count == 0) errors.Add(new("USES_REQUIRED", "Cochez au moins un motif d'utilisation du portail.", "portalUses"));
        else if (uses.FirstOrDefault(u => !Uses.Contains(u)) is { } unknown) errors.Add(new("UNKNOWN_USE", $"Motif inconnu : {unknown}.", "portalUses"));
        if (errors.Count > 0) return Outcome.Fail(errors);
        if (!await throttle.TryAcquireAsync(Tenant.Slug, email)) return Outcome.Fail(SignInThrottle.TooMany with { Field = "email" });

        var normalized = User.Normalize(email!);
        return await PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            var existing = await identity.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
            // An account never activated gets a new activation link: its first may never have left (a failure
            // after the person was saved, on a tenant with its own database), and only the e-mail's owner can use it.
            if (existing is { PendingActivation: false })
            {
                outbox.Enqueue(existing.Email, EmailTemplates.AccountAlreadyExists(rules, $"{siteUrl.TrimEnd('/')}/mot-de-passe-oublie"));
                await db.SaveChangesAsync(ct);
                return Outcome.Ok;
            }
            var user = existing ?? new User
            {
                Email = email!, NormalizedEmail = normalized, FirstName = account.FirstName!.Trim(), LastName = account.LastName!.Trim(),
                PendingActivation = true, JobFunction = account.JobFunction!.Trim(), PortalUses = uses, CreatedAt = time.GetUtcNow(),
            };
            if (existing is null) identity.Users.Add(user);
            var token = await links.IssueAsync(user.Id, EmailLinkPurpose.Activation, ActivationLifetime, ct);
            outbox.Enqueue(user.Email, EmailTemplates.Activation(rules, user.FirstName, $"{siteUrl.TrimEnd('/')}{ActivationPath}?jeton={token}", (int)ActivationLifetime.TotalHours));
            db.AuditEntries.Record(time, user.Id, "account-created", "User", user.Id);
            // Without a shared transaction (a tenant with its own database), the person first: a failure before
            // the tenant's rows leaves an account waiting for activation, and creating it again sends the link.
            await identity.SaveChangesAsync(ct);
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);
    }

    /// <summary>Whether an activation link is still valid (the page then asks for the password).</summary>
    public async Task<bool> IsValidLinkAsync(string? token, CancellationToken ct = default) =>
        await links.FindValidAsync(token, EmailLinkPurpose.Activation, ct) is not null;

    /// <summary>Activates the account of a valid link with the password its owner now chooses.</summary>
    public Task<Outcome> ActivateAsync(string? token, string? password, CancellationToken ct = default) =>
        PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            if (await links.FindValidAsync(token, EmailLinkPurpose.Activation, ct) is not { } link)
                return Outcome.Fail(new UserError("LINK_EXPIRED", "Ce lien d'activation n'est plus valable.", "token"));
            var rules = (await rulesCache.GetAsync(Tenant)).Rules;
            if (PasswordPolicy.Check(PasswordPolicy.For(rules), password) is { } weak) return Outcome.Fail(weak);
            var user = await identity.Users.SingleAsync(u => u.Id == link.UserId, ct);
            user.PasswordHash = Passwords.Hash(password!);
            user.PendingActivation = false;
            links.MarkUsed(link);
            db.AuditEntries.Record(time, user.Id, "account-activated", "User", user.Id);
            // Without a shared transaction, the person first: a failure before the tenant's rows leaves the
            // link still good, and following it again sets the password again and records the activation.
            await identity.SaveChangesAsync(ct);
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);
}
