using Microsoft.EntityFrameworkCore;
using Platform.Features.Auditing;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

/// <summary>
/// Forgotten password: a single-use link, valid one hour, e-mailed to the account's address (or its
/// confirmed recovery e-mail). The
/// answer is the same whether the identifier exists or not.
/// </summary>
public sealed class PasswordReset(
    PlatformDbContext db, IdentityDb identity, ITenantContext tenantContext, TenantRulesCache rulesCache, AccountLookup accounts,
    SignInThrottle throttle, EmailLinks links, EmailOutbox outbox, Sessions sessions, TimeProvider time)
{
    public const int ValidityMinutes = 60;
    public const string LinkPath = "/mot-de-passe/nouveau";
    private static readonly UserError Expired =
        new("LINK_EXPIRED", "Ce lien n'est plus valable : demandez un nouveau lien de réinitialisation.", "token");

    private Tenant Tenant => tenantContext.RequireTenant();

    /// <param name="siteUrl">The tenant host the request came to, e.g. https://sstrn.example.fr.</param>
    public async Task RequestAsync(string? identifier, bool asProxy, string siteUrl, CancellationToken ct = default)
    {
        // Over the limit, nothing more is sent, and the answer stays the same.
        if (!await throttle.TryAcquireAsync(Tenant.Slug, identifier)) return;
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        var user = await accounts.FindAsync(identifier, asProxy, rules, ct);
        if (user?.PasswordHash is null) return;
        var token = await links.IssueAsync(user.Id, EmailLinkPurpose.PasswordReset, TimeSpan.FromMinutes(ValidityMinutes), ct);
        outbox.Enqueue(user.PasswordEmail, EmailTemplates.PasswordReset(rules, $"{siteUrl.TrimEnd('/')}{LinkPath}?jeton={token}", ValidityMinutes));
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> IsValidAsync(string? token, CancellationToken ct = default) =>
        await links.FindValidAsync(token, EmailLinkPurpose.PasswordReset, ct) is not null;

    public async Task<Outcome> ResetAsync(string? token, string? newPassword, CancellationToken ct = default)
    {
        if (await links.FindValidAsync(token, EmailLinkPurpose.PasswordReset, ct) is not { } link) return Outcome.Fail(Expired);
        // Never below the platform's minimum, even where the tenant has no password rule (sist-on): the
        // password serves on every tenant.
        var rule = PasswordPolicy.For((await rulesCache.GetAsync(Tenant)).Rules, await db.StaffMembers.AnyAsync(s => s.UserId == link.UserId, ct));
        if (PasswordPolicy.Check(rule, newPassword, "newPassword") is { } weak) return Outcome.Fail(weak);
        var user = await identity.Users.SingleAsync(u => u.Id == link.UserId, ct);
        // Two databases (the person is a platform row): the tenant's side first, so that a failure in
        // between leaves a used link and the old password (ask again), never a new password unaudited
        // with a link still good.
        links.MarkUsed(link);
        db.AuditEntries.Record(time, user.Id, "password-reset", "User", user.Id);
        await db.SaveChangesAsync(ct);
        user.PasswordHash = Passwords.Hash(newPassword!);
        // Whoever knew the old password is signed out everywhere (saves the person with the new password).
        await sessions.EndAllAsync(user, ct);
        return Outcome.Ok;
    }
}
