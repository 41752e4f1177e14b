using Microsoft.EntityFrameworkCore;
using Platform.Features.Auditing;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

public sealed record StaffAccountView(Guid UserId, string Name, string Email, StaffRole Role, bool Enrolled)
{
    public string RoleLabel => Role == StaffRole.Administrator ? "Administrateur du service" : "Personnel du service";
}

public sealed record StaffEnrolmentView(string Name, string Email, string TotpSecret, string AuthenticatorUri, bool NeedsPassword);

/// <summary>
/// The tenant's own team, managed by its administrators. A new member sets a password and registers
/// an authenticator from an e-mailed link; the tenant always keeps one administrator.
/// </summary>
public sealed class StaffAccounts(
    PlatformDbContext db, IdentityDb identity, CurrentUser currentUser, ITenantContext tenantContext, TenantRulesCache rulesCache, TotpCodes totp,
    EmailLinks links, EmailOutbox outbox, Sessions sessions, TimeProvider time)
{
    public const string EnrolmentPath = "/personnel/activation";
    private static readonly TimeSpan EnrolmentLifetime = TimeSpan.FromDays(3);

    private Tenant Tenant => tenantContext.RequireTenant();

    public async Task<IReadOnlyList<StaffAccountView>> ListAsync(CancellationToken ct = default)
    {
        currentUser.RequireTenantAdministrator();
        var members = await db.StaffMembers.AsNoTracking().Select(s => new { s.UserId, s.Role, s.ProtectedTotpSecret }).ToListAsync(ct);
        var people = await identity.PeopleAsync(members.Select(s => s.UserId), ct);
        var rows = members.Where(s => people.ContainsKey(s.UserId)).Select(s => new { s.Role, s.ProtectedTotpSecret, User = people[s.UserId] }).ToList();
        return rows.OrderBy(r => r.User.LastName)
            .Select(r => new StaffAccountView(r.User.Id, $"{r.User.FirstName} {r.User.LastName}", r.User.Email, r.Role, !r.User.PendingActivation && r.ProtectedTotpSecret is not null))
            .ToList();
    }

    public Task<Outcome> AddAsync(string? email, string? firstName, string? lastName, StaffRole role, string siteUrl, CancellationToken ct = default) =>
        PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            var adminId = currentUser.RequireTenantAdministrator();
            email = email?.Trim();
            var errors = PersonDetails.NameProblems(firstName, lastName).ToList();
            if (PersonDetails.EmailProblem(email) is { } badEmail) errors.Insert(0, badEmail);
            if (errors.Count > 0) return Outcome.Fail(errors);

            var now = time.GetUtcNow();
            var normalized = User.Normalize(email!);
            var user = await identity.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
            if (user is not null && await db.StaffMembers.AnyAsync(s => s.UserId == user.Id, ct))
                return Outcome.Fail(new UserError("ALREADY_STAFF", "Cette personne fait déjà partie du personnel du service.", "email"));
            if (user is null)
            {
                user = new User { Email = email!, NormalizedEmail = normalized, FirstName = firstName!.Trim(), LastName = lastName!.Trim(), PendingActivation = true, CreatedAt = now };
                identity.Users.Add(user);
            }
            // A fresh authenticator secret for this tenant only, shown once on the enrolment page: the person's
            // second factor on other tenants stays as it is.
            db.StaffMembers.Add(new StaffMember { UserId = user.Id, Role = role, ProtectedTotpSecret = totp.NewSecret().ProtectedSecret });
            var token = await links.IssueAsync(user.Id, EmailLinkPurpose.StaffEnrolment, EnrolmentLifetime, ct);
            var rules = (await rulesCache.GetAsync(Tenant)).Rules;
            outbox.Enqueue(user.Email, EmailTemplates.StaffEnrolment(rules, user.FirstName, $"{siteUrl.TrimEnd('/')}{EnrolmentPath}?jeton={token}", EnrolmentLifetime.Days));
            db.AuditEntries.Record(time, adminId, "staff-added", "User", user.Id, $$"""{"role":"{{role}}"}""");
            // Without a shared transaction (a tenant with its own database), the person first: a failure before
            // the tenant's rows leaves an account waiting for activation with no role here; adding them again works.
            await identity.SaveChangesAsync(ct);
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    public Task<Outcome> ChangeRoleAsync(Guid userId, StaffRole role, CancellationToken ct = default) =>
        PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            var adminId = currentUser.RequireTenantAdministrator();
            var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.UserId == userId, ct);
            if (member is null) return Outcome.Fail(new UserError("NOT_STAFF", "Cette personne ne fait pas partie du personnel du service.", "userId"));
            if (member.Role == StaffRole.Administrator && role != StaffRole.Administrator && await IsLastAdministratorAsync(userId, ct)) return Outcome.Fail(LastAdministrator);
            if (member.Role == role) return Outcome.Ok;
            member.Role = role;
            // The role is in the person's cookie and tokens: those sessions end.
            await sessions.EndAllAsync(userId, ct);
            db.AuditEntries.Record(time, adminId, "staff-role-changed", "User", userId, $$"""{"role":"{{role}}"}""");
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    public Task<Outcome> RemoveAsync(Guid userId, CancellationToken ct = default) =>
        PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            var adminId = currentUser.RequireTenantAdministrator();
            var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.UserId == userId, ct);
            if (member is null) return Outcome.Fail(new UserError("NOT_STAFF", "Cette personne ne fait pas partie du personnel du service.", "userId"));
            if (member.Role == StaffRole.Administrator && await IsLastAdministratorAsync(userId, ct)) return Outcome.Fail(LastAdministrator);
            db.StaffMembers.Remove(member);
            await sessions.EndAllAsync(userId, ct);
            db.AuditEntries.Record(time, adminId, "staff-removed", "User", userId);
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    /// <summary>What the enrolment page shows: the authenticator secret, once the link is valid.</summary>
    public async Task<StaffEnrolmentView?> PeekEnrolmentAsync(string? token, CancellationToken ct = default)
    {
        if (await links.FindValidAsync(token, EmailLinkPurpose.StaffEnrolment, ct) is not { } link) return null;
        var user = await identity.Users.AsNoTracking().SingleAsync(u => u.Id == link.UserId, ct);
        var member = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == link.UserId, ct);
        if (member?.ProtectedTotpSecret is null) return null;
        var secret = totp.Reveal(member.ProtectedTotpSecret);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        return new StaffEnrolmentView($"{user.FirstName} {user.LastName}", user.Email, secret,
            TotpCodes.AuthenticatorUri(rules.DisplayName, user.Email, secret), user.PasswordHash is null || user.PendingActivation);
    }

    /// <summary>Completes enrolment: a password where none exists yet, and a first code that proves the authenticator works.</summary>
    public Task<Outcome> CompleteEnrolmentAsync(string? token, string? password, string? code, CancellationToken ct = default) =>
        PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            if (await links.FindValidAsync(token, EmailLinkPurpose.StaffEnrolment, ct) is not { } link)
                return Outcome.Fail(new UserError("LINK_EXPIRED", "Ce lien n'est plus valable : demandez à l'administrateur du service de vous ajouter à nouveau.", "token"));
            var user = await identity.Users.SingleAsync(u => u.Id == link.UserId, ct);
            var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.UserId == link.UserId, ct);
            if (member is null)
                return Outcome.Fail(new UserError("LINK_EXPIRED", "Ce lien n'est plus valable : demandez à l'administrateur du service de vous ajouter à nouveau.", "token"));
            var needsPassword = user.PasswordHash is null || user.PendingActivation;
            var rules = (await rulesCache.GetAsync(Tenant)).Rules;
            if (needsPassword && PasswordPolicy.Check(PasswordPolicy.For(rules, staff: true), password) is { } weak) return Outcome.Fail(weak);
            if (!await totp.AcceptOnceAsync(db, member, code, ct))
                return Outcome.Fail(new UserError("INVALID_AUTHENTICATOR_CODE", "Code de l'application d'authentification incorrect : vérifiez l'heure de votre téléphone et réessayez.", "code"));
            if (needsPassword) user.PasswordHash = Passwords.Hash(password!);
            user.PendingActivation = false;
            links.MarkUsed(link);
            db.AuditEntries.Record(time, user.Id, "staff-enrolled", "User", user.Id);
            // Without a shared transaction, the person first: a failure before the tenant's rows leaves the link
            // good (following it again completes and records the enrolment), where the other order would spend
            // the link on a person left without a password.
            await identity.SaveChangesAsync(ct);
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    private async Task<bool> IsLastAdministratorAsync(Guid userId, CancellationToken ct) =>
        !await db.StaffMembers.AnyAsync(s => s.UserId != userId && s.Role == StaffRole.Administrator, ct);

    private static readonly UserError LastAdministrator =
        new("LAST_ADMINISTRATOR", "Le service doit garder au moins un administrateur : désignez-en un autre d'abord.", "userId");
}
