using Microsoft.EntityFrameworkCore;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

public enum CompanyUserStatus { Active, Pending }

public sealed record CompanyUserView(Guid? UserId, Guid? InvitationId, string Email, string? Name, IReadOnlyList<string> Roles, CompanyUserStatus Status)
{
    public string StatusLabel => Status == CompanyUserStatus.Active ? "Actif" : "En attente de validation";
}

public sealed record InvitationView(string CompanyName, string Email, IReadOnlyList<string> Roles, bool AccountExists, bool NeedsPassword);

/// <summary>
/// The users of a company: invitations with roles, acceptance of the e-mailed link, role changes,
/// removal. A company always keeps at least one Administrateur.
/// </summary>
public sealed class CompanyUsers(
    PlatformDbContext db, CurrentUser currentUser, CompanyAccess access, CompanyDirectory companies, ITenantContext tenantContext,
    TenantRulesCache rulesCache, EmailOutbox outbox, Sessions sessions, TimeProvider time)
{
    public const string AcceptPath = "/invitation";
    private static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    private static readonly UserError LinkExpired = new("INVITATION_EXPIRED", "Cette invitation n'est plus valable : demandez à l'administrateur de l'entreprise de vous inviter à nouveau.", "token");

    private Tenant Tenant => tenantContext.RequireTenant();

    public async Task<IReadOnlyList<CompanyUserView>> ListAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageUsers, ct);
        var members = await db.Memberships.AsNoTracking().Where(m => m.CompanyId == companyId)
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email, u.FirstName, u.LastName, m.Roles })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var pending = (await db.Invitations.AsNoTracking().Where(i => i.CompanyId == companyId && i.AcceptedAt == null).ToListAsync(ct))
            .Where(i => i.ExpiresAt > now);
        return members.OrderBy(m => m.LastName).Select(m => new CompanyUserView(m.Id, null, m.Email, $"{m.FirstName} {m.LastName}", m.Roles, CompanyUserStatus.Active))
            .Concat(pending.OrderBy(i => i.Email).Select(i => new CompanyUserView(null, i.Id, i.Email, null, i.Roles, CompanyUserStatus.Pending)))
            .ToList();
    }

    /// <param name="siteUrl">The tenant host the request came to, for the link in the e-mail.</param>
    public async Task<IReadOnlyList<UserError>> InviteAsync(Guid companyId, string? email, IReadOnlyList<string>? roles, string siteUrl, CancellationToken ct = default)
    {
        var actor = currentUser.UserId;
        await access.RequireAsync(companyId, Permission.ManageUsers, ct);
        email = email?.Trim();
        if (PersonDetails.EmailProblem(email) is { } badEmail) return [badEmail];
        var address = email!;
        if (await RolesProblemAsync(roles) is { } problem) return [problem];
        var normalized = User.Normalize(address);
        var existing = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        if (existing is { } id && await db.Memberships.AnyAsync(m => m.CompanyId == companyId && m.UserId == id, ct))
            return [new UserError("ALREADY_MEMBER", "Cette personne a déjà accès à l'entreprise.", "email")];

        var now = time.GetUtcNow();
        var token = OneTimeSecrets.NewLinkToken();
        var invitation = (await db.Invitations.Where(i => i.CompanyId == companyId && i.AcceptedAt == null).ToListAsync(ct))
            .FirstOrDefault(i => User.Normalize(i.Email) == normalized);
        if (invitation is null)
        {
            invitation = new Invitation
            {
                CompanyId = companyId, Email = address, Roles = roles!.Distinct().ToList(), TokenHash = OneTimeSecrets.Hash(token),
                ExpiresAt = now + InvitationLifetime, InvitedByUserId = actor!.Value, CreatedAt = now,
            };
            db.Invitations.Add(invitation);
        }
        else
        {
            // Inviting again renews the link and takes the new roles; the old link stops working.
            invitation.Roles = roles!.Distinct().ToList();
            invitation.TokenHash = OneTimeSecrets.Hash(token);
            invitation.ExpiresAt = now + InvitationLifetime;
        }
        var company = (await companies.GetAsync(companyId, ct))!;
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        outbox.Enqueue(address, EmailTemplates.Invitation(rules, company.Name, currentUser.DisplayName ?? "", invitation.Roles,
            $"{siteUrl.TrimEnd('/')}{AcceptPath}?jeton={token}", InvitationLifetime.Days));
        Audit(actor, "user-invited", companyId, $"{{\"roles\":\"{string.Join(",", invitation.Roles)}\"}}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<InvitationView?> PeekAsync(string? token, CancellationToken ct = default)
    {
        if (await FindInvitationAsync(token, ct) is not { } invitation) return null;
        var company = (await companies.GetAsync(invitation.CompanyId, ct))!;
        var normalized = User.Normalize(invitation.Email);
        var exists = await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        return new InvitationView(company.Name, invitation.Email, invitation.Roles, exists, !exists && rules.Login.Proof == LoginProof.Password);
    }

    /// <summary>Accepts the invitation: a new person gives their name (and a password where the tenant signs in with one).</summary>
    public async Task<(SignedInUser? User, IReadOnlyList<UserError> Errors)> AcceptAsync(string? token, string? firstName, string? lastName, string? password, CancellationToken ct = default)
    {
        if (await FindInvitationAsync(token, ct) is not { } invitation) return (null, [LinkExpired]);
        var rules = (await rulesCache.GetAsync(Tenant)).Rules;
        var normalized = User.Normalize(invitation.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        var now = time.GetUtcNow();
        if (user is null)
        {
            var errors = PersonDetails.NameProblems(firstName, lastName).ToList();
            if (rules.Login.Proof == LoginProof.Password && PasswordPolicy.Check(PasswordPolicy.For(rules), password) is { } weak) errors.Add(weak);
            if (errors.Count > 0) return (null, errors);
            user = new User { Email = invitation.Email, NormalizedEmail = normalized, FirstName = firstName!.Trim(), LastName = lastName!.Trim(), CreatedAt = now };
            if (rules.Login.Proof == LoginProof.Password) user.PasswordHash = Passwords.Hash(password!);
            db.Users.Add(user);
        }
        if (!await db.Memberships.AnyAsync(m => m.CompanyId == invitation.CompanyId && m.UserId == user.Id, ct))
            db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = invitation.CompanyId, Roles = invitation.Roles, CreatedAt = now });
        invitation.AcceptedAt = now;
        Audit(user.Id, "invitation-accepted", invitation.CompanyId, null);
        await db.SaveChangesAsync(ct);
        return (SignedInUser.Of(user, Tenant.Slug, null), []);
    }

    public async Task<IReadOnlyList<UserError>> ChangeRolesAsync(Guid companyId, Guid userId, IReadOnlyList<string>? roles, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageUsers, ct);
        if (await RolesProblemAsync(roles) is { } problem) return [problem];
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, ct);
        if (membership is null) return [new UserError("NOT_A_MEMBER", "Cette personne n'a pas accès à l'entreprise.", "userId")];
        if (membership.Roles.Contains(CompanyRoles.Administrator) && !roles!.Contains(CompanyRoles.Administrator)
            && await IsLastAdministratorAsync(companyId, userId, ct))
            return [LastAdministrator("roles")];
        var changed = !membership.Roles.ToHashSet().SetEquals(roles!);
        membership.Roles = roles!.Distinct().ToList();
        // Sessions that began with the former roles end (the portal checks company roles on each request anyway).
        if (changed) await sessions.EndAllAsync(userId, ct);
        Audit(currentUser.UserId, "user-roles-changed", companyId, $"{{\"userId\":\"{userId}\",\"roles\":\"{string.Join(",", membership.Roles)}\"}}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IReadOnlyList<UserError>> RemoveAsync(Guid companyId, Guid userId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageUsers, ct);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, ct);
        if (membership is null) return [new UserError("NOT_A_MEMBER", "Cette personne n'a pas accès à l'entreprise.", "userId")];
        if (membership.Roles.Contains(CompanyRoles.Administrator) && await IsLastAdministratorAsync(companyId, userId, ct))
            return [LastAdministrator("userId")];
        db.Memberships.Remove(membership);
        await sessions.EndAllAsync(userId, ct);
        db.NotificationPreferences.RemoveRange(await db.NotificationPreferences.Where(p => p.CompanyId == companyId && p.UserId == userId).ToListAsync(ct));
        Audit(currentUser.UserId, "user-removed", companyId, $"{{\"userId\":\"{userId}\"}}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IReadOnlyList<UserError>> CancelInvitationAsync(Guid companyId, Guid invitationId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageUsers, ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.CompanyId == companyId && i.AcceptedAt == null, ct);
        if (invitation is null) return [new UserError("NOT_FOUND", "Cette invitation n'existe pas ou a déjà été acceptée.", "invitationId")];
        db.Invitations.Remove(invitation);
        await db.SaveChangesAsync(ct);
        return [];
    }

    private async Task<bool> IsLastAdministratorAsync(Guid companyId, Guid userId, CancellationToken ct) =>
        !(await db.Memberships.Where(m => m.CompanyId == companyId && m.UserId != userId).Select(m => m.Roles).ToListAsync(ct))
            .Any(r => r.Contains(CompanyRoles.Administrator));

    private static UserError LastAdministrator(string field) =>
        new("LAST_ADMINISTRATOR", "L'entreprise doit garder au moins un administrateur : désignez-en un autre d'abord.", field);

    private async Task<UserError?> RolesProblemAsync(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0) return new UserError("ROLES_REQUIRED", "Choisissez au moins un rôle.", "roles");
        var known = (await access.CatalogueAsync()).Select(r => r.Name).ToHashSet();
        var unknown = roles.FirstOrDefault(r => !known.Contains(r));
        return unknown is null ? null : new UserError("UNKNOWN_ROLE", $"Le rôle « {unknown} » n'existe pas.", "roles");
    }

    private async Task<Invitation?> FindInvitationAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = OneTimeSecrets.Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is { AcceptedAt: null } && invitation.ExpiresAt > time.GetUtcNow() ? invitation : null;
    }

    private void Audit(Guid? actor, string action, Guid companyId, string? details) =>
        db.AuditEntries.Record(time, actor, action, "Company", companyId, details);
}
