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

public sealed record CompanyUserView(Guid? UserId, Guid? InvitationId, string Email, string? Name, IReadOnlyList<string> Roles, CompanyUserStatus Status,
    string? JobFunction = null, string? Phone = null)
{
    public string StatusLabel => Status == CompanyUserStatus.Active ? "Actif" : "En attente de validation";
}

/// <summary>What the administrator fills in to add a person (seed 002: « informations personnelles » and roles).</summary>
public sealed record InvitationDraft(string? Email, IReadOnlyList<string>? Roles, string? FirstName, string? LastName, string? JobFunction, string? Phone);

/// <summary>
/// An invitation as its link shows it. AccountExists: the e-mail already has a proven account, whose owner
/// must sign in as that account to accept (SignedInAsInvited); otherwise the person chooses their
/// name (pre-filled) and, where the tenant signs in with one, a password.
/// </summary>
public sealed record InvitationView(string CompanyName, string Email, IReadOnlyList<string> Roles, bool AccountExists, bool NeedsPassword,
    bool SignedInAsInvited, string? FirstName, string? LastName, bool ProvesWithPasswordHere = false);

/// <summary>An accepted invitation: who is signed in, and the personal sign-in identifier given on a member-number tenant.</summary>
public sealed record AcceptedInvitation(SignedInUser User, Guid CompanyId, string? PersonalIdentifier);

/// <summary>
/// The users of a company: invitations with roles, acceptance of the e-mailed link, role changes,
/// removal. A company always keeps at least one Administrateur.
/// Who adds people follows the tenant's sub-user model (rule matrix): the employer invites on
/// EmployerInvitation (sist-on) and ProxyAccounts (sstbtp-bfc: the invited mandataire signs in with the
/// « mandataire » box and their e-mail); the service's staff add delegated users on DelegatedByStaff
/// (sst68: each gets a personal identifier, since sign-in there is by identifier); nobody invites on
/// AccessRequest (sstrn: the person creates an account and asks for access).
/// </summary>
public sealed class CompanyUsers(
    PlatformDbContext db, IdentityDb identity, CurrentUser currentUser, CompanyAccess access, CompanyDirectory companies, ITenantContext tenantContext,
    TenantRulesCache rulesCache, EmailOutbox outbox, Sessions sessions, NotificationRecipients recipients, AccountLookup accounts, SignInThrottle throttle, SignInLockout lockout, TimeProvider time)
{
    public const string AcceptPath = "/invitation";
    private static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    private static readonly UserError LinkExpired = new("INVITATION_EXPIRED", "Cette invitation n'est plus valable : demandez à l'administrateur de l'entreprise de vous inviter à nouveau.", "token");

    private Tenant Tenant => tenantContext.RequireTenant();

    /// <summary>Whether the caller may manage the company's users (its administrators; the staff where they add the users).</summary>
    public async Task<bool> CanManageAsync(Guid companyId, CancellationToken ct = default)
    {
        if (currentUser.IsStaff && (await RulesAsync()).Users.SubUsers == SubUserModel.DelegatedByStaff) return await companies.ExistsAsync(companyId, ct);
        return await access.HasAsync(companyId, Permission.ManageUsers, ct);
    }

    private async Task RequireManagerAsync(Guid companyId, CancellationToken ct)
    {
        if (!await CanManageAsync(companyId, ct)) await access.RequireAsync(companyId, Permission.ManageUsers, ct);
    }

    public async Task<IReadOnlyList<CompanyUserView>> ListAsync(Guid companyId, CancellationToken ct = default)
    {
        await RequireManagerAsync(companyId, ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.CompanyId == companyId).ToListAsync(ct);
        var users = await identity.PeopleAsync(memberships.Select(m => m.UserId), ct);
        var members = memberships.Where(m => users.ContainsKey(m.UserId)).Select(m => (m, u: users[m.UserId]))
            .Select(x => new { x.u.Id, x.u.Email, x.u.FirstName, x.u.LastName, x.m.Roles, x.m.JobFunction, x.m.Phone }).ToList();
        var now = time.GetUtcNow();
        var pending = (await db.Invitations.AsNoTracking().Where(i => i.CompanyId == companyId && i.AcceptedAt == null).ToListAsync(ct))
            .Where(i => i.ExpiresAt > now);
        return members.OrderBy(m => m.LastName).Select(m => new CompanyUserView(m.Id, null, m.Email, $"{m.FirstName} {m.LastName}", m.Roles, CompanyUserStatus.Active, m.JobFunction, m.Phone))
            .Concat(pending.OrderBy(i => i.Email).Select(i => new CompanyUserView(null, i.Id, i.Email,
                i.FirstName is null ? null : $"{i.FirstName} {i.LastName}", i.Roles, CompanyUserStatus.Pending, i.JobFunction, i.Phone)))
            .ToList();
    }

    /// <param name="siteUrl">The tenant host the request came to, for the link in the e-mail.</param>
    public async Task<Outcome> InviteAsync(Guid companyId, InvitationDraft draft, string siteUrl, CancellationToken ct = default)
    {
        var actor = currentUser.RequireUserId();
        await RequireManagerAsync(companyId, ct);
        var rules = await RulesAsync();
        var company = (await companies.GetAsync(companyId, ct))!;
        if (InvitationsClosed(rules, company) is { } closed) return Outcome.Fail(closed);

        var email = draft.Email?.Trim();
        var errors = new List<UserError>();
        if (PersonDetails.EmailProblem(email) is { } badEmail) errors.Add(badEmail);
        errors.AddRange(PersonDetails.NameProblems(draft.FirstName, draft.LastName));
        var jobFunction = string.IsNullOrWhiteSpace(draft.JobFunction) ? null : draft.JobFunction.Trim();
        if (jobFunction?.Length > 100) errors.Add(new("TOO_LONG", "La fonction dépasse 100 caractères.", "jobFunction"));
        var phone = CompanyRules.Phone(draft.Phone, "phone", errors);
        if (await RolesProblemAsync(draft.Roles) is { } problem) errors.Add(problem);
        if (errors.Count > 0) return Outcome.Fail(errors);
        var address = email!;
        var roles = draft.Roles!.Distinct().ToList();
        var normalized = User.Normalize(address);
        var existing = await identity.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        if (existing is { } id && await db.Memberships.AnyAsync(m => m.CompanyId == companyId && m.UserId == id, ct))
            return Outcome.Fail(new UserError("ALREADY_MEMBER", "Cette personne a déjà accès à l'entreprise.", "email"));
        // A mandataire is someone outside the company: not an employer's own account, which signs in with its
        // member number (seed 003: the mandataire has a connexion of its own).
        if (rules.Users.SubUsers == SubUserModel.ProxyAccounts && existing is { } holder && await accounts.IsCompanyOwnAccountAsync(holder, ct))
            return Outcome.Fail(new UserError("EMPLOYER_EMAIL", "Cette adresse est celle d'un compte adhérent, qui se connecte avec son numéro d'adhérent : un mandataire a sa propre adresse e-mail.", "email"));

        var now = time.GetUtcNow();
        var token = OneTimeSecrets.NewLinkToken();
        var invitation = (await db.Invitations.Where(i => i.CompanyId == companyId && i.AcceptedAt == null).ToListAsync(ct))
            .FirstOrDefault(i => User.Normalize(i.Email) == normalized);
        if (invitation is null)
        {
            invitation = new Invitation
            {
                CompanyId = companyId, Email = address, TokenHash = OneTimeSecrets.Hash(token),
                ExpiresAt = now + InvitationLifetime, InvitedByUserId = actor, CreatedAt = now,
            };
            db.Invitations.Add(invitation);
        }
        else
        {
            // Inviting again renews the link and takes the new roles and details; the old link stops working.
            invitation.TokenHash = OneTimeSecrets.Hash(token);
            invitation.ExpiresAt = now + InvitationLifetime;
        }
        (invitation.Roles, invitation.FirstName, invitation.LastName, invitation.JobFunction, invitation.Phone) =
            (roles, draft.FirstName!.Trim(), draft.LastName!.Trim(), jobFunction, phone);
        outbox.Enqueue(address, EmailTemplates.Invitation(rules, company.Name, currentUser.DisplayName ?? "", invitation.Roles,
            $"{siteUrl.TrimEnd('/')}{AcceptPath}?jeton={token}", InvitationLifetime.Days));
        Audit(actor, "user-invited", companyId, $"{{\"roles\":\"{string.Join(",", invitation.Roles)}\"}}");
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Why the caller cannot invite anyone to this company (null: they can), for the portal to show instead of the form.</summary>
    public async Task<UserError?> InvitationsClosedAsync(Guid companyId, CancellationToken ct = default) =>
        await companies.GetAsync(companyId, ct) is { } company ? InvitationsClosed(await RulesAsync(), company) : null;

    private UserError? InvitationsClosed(TenantRules rules, CompanyView company)
    {
        if (WayInProblem(rules.Users.SubUsers) is { } closed) return closed;
        // Seed 000: administrative changes « NE pourront être réalisées que sur le compte mère ».
        return TempAgency.ParentOf(company.MemberNumber) is { } parent
            ? new UserError("ADMIN_ON_PARENT", $"Les utilisateurs s'ajoutent sur le compte mère {parent} : un compte intérimaires n'invite personne.", "companyId")
            : null;
    }

    /// <summary>Why the caller may not add people here, if the tenant's sub-user model gives them no way to.</summary>
    private UserError? WayInProblem(SubUserModel model) => model switch
    {
        SubUserModel.AccessRequest => new UserError("INVITATIONS_NOT_OFFERED",
            "Sur ce service, la personne concernée crée elle-même son compte puis demande l'accès à l'entreprise (démarche « Demander la gestion ») : l'administrateur l'accepte ensuite.", "companyId"),
        SubUserModel.DelegatedByStaff when !currentUser.IsStaff => new UserError("ADDED_BY_STAFF",
            "Sur ce service, les utilisateurs supplémentaires sont créés par le service de santé au travail : contactez-le.", "companyId"),
        _ => null,
    };

    public async Task<InvitationView?> PeekAsync(string? token, CancellationToken ct = default)
    {
        if (await FindInvitationAsync(token, ct) is not { } invitation) return null;
        var company = (await companies.GetAsync(invitation.CompanyId, ct))!;
        var normalized = User.Normalize(invitation.Email);
        var user = await identity.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        var proven = user is { PendingActivation: false };
        var rules = await RulesAsync();
        var signedIn = proven && currentUser.UserId == user!.Id;
        return new InvitationView(company.Name, invitation.Email, invitation.Roles, proven, !proven && rules.Login.Proof == LoginProof.Password,
            signedIn, invitation.FirstName, invitation.LastName, proven && !signedIn && SignsInOnlyByIdentifier(rules) && user!.PasswordHash is not null);
    }

    /// <summary>
    /// Accepts the invitation. An existing account accepts only when signed in as that account: the link
    /// alone never signs anyone in to an account it did not create. A new person (or an account still
    /// waiting for activation, whose e-mail the link now proves) gives a name and, where the tenant signs
    /// in with one, the password: only then, once the e-mail is proven, is a password set.
    /// </summary>
    public async Task<Outcome<AcceptedInvitation>> AcceptAsync(string? token, string? firstName, string? lastName, string? password, CancellationToken ct = default)
    {
        // A password given here may be a sign-in (below): throttled like one. The throttle counts on a connection
        // of its own (shared counters), so before the transaction, which on SQLite holds the write lock to its end.
        if (!string.IsNullOrEmpty(password) && await FindInvitationAsync(token, ct) is { } pending
            && !await throttle.TryAcquireAsync(Tenant.Slug, pending.Email, ct))
            return Outcome<AcceptedInvitation>.Fail(SignInThrottle.TooMany with { Field = "password" });
        return await PersonAndTenant.RunAsync<Outcome<AcceptedInvitation>>(db, identity, async () =>
        {
            if (await FindInvitationAsync(token, ct) is not { } invitation) return Outcome<AcceptedInvitation>.Fail(LinkExpired);
            var rules = await RulesAsync();
            var normalized = User.Normalize(invitation.Email);
            var user = await identity.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
            var now = time.GetUtcNow();
            if (user is { PendingActivation: false })
            {
                if (currentUser.UserId != user.Id)
                {
                    // Where sign-in is by identifier only (sst68), the account cannot sign in here before it has one:
                    // its password, given on the acceptance page, is the sign-in (throttled like any other, above).
                    if (!SignsInOnlyByIdentifier(rules) || user.PasswordHash is null)
                        return Outcome<AcceptedInvitation>.Fail(new UserError("SIGN_IN_REQUIRED", $"Connectez-vous avec le compte {invitation.Email} pour accepter cette invitation.", "token"));
                    // The same lockout as the sign-in form: this password check is a sign-in.
                    var check = await lockout.CheckPasswordAsync(user, password, rules,
                        new UserError("INVALID_CREDENTIALS", $"Mot de passe du compte {invitation.Email} incorrect.", "password"), null, ct);
                    if (check.Refused is not null) return Outcome<AcceptedInvitation>.Fail(check.Refused with { Field = "password" });
                }
            }
            else
            {
                var errors = PersonDetails.NameProblems(firstName, lastName).ToList();
                if (rules.Login.Proof == LoginProof.Password && PasswordPolicy.Check(PasswordPolicy.For(rules), password) is { } weak) errors.Add(weak);
                if (errors.Count > 0) return Outcome<AcceptedInvitation>.Fail(errors);
                if (user is null)
                {
                    user = new User { Email = invitation.Email, NormalizedEmail = normalized, FirstName = firstName!.Trim(), LastName = lastName!.Trim(), CreatedAt = now };
                    identity.Users.Add(user);
                }
                else
                {
                    // An account created but never activated: whoever created it never proved the e-mail, so
                    // nothing they chose survives; its unused activation links stop working.
                    (user.FirstName, user.LastName, user.PendingActivation) = (firstName!.Trim(), lastName!.Trim(), false);
                    foreach (var link in await db.EmailLinkTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ToListAsync(ct)) link.UsedAt = now;
                }
                user.JobFunction ??= invitation.JobFunction;
                user.PasswordHash = rules.Login.Proof == LoginProof.Password ? Passwords.Hash(password!) : null;
            }
            if (!await db.Memberships.AnyAsync(m => m.CompanyId == invitation.CompanyId && m.UserId == user.Id, ct))
                db.Memberships.Add(new Membership
                {
                    UserId = user.Id, CompanyId = invitation.CompanyId, Roles = invitation.Roles, JobFunction = invitation.JobFunction, Phone = invitation.Phone, CreatedAt = now,
                });
            var identifier = rules.Users.SubUsers == SubUserModel.DelegatedByStaff ? await PersonalIdentifierAsync(invitation.CompanyId, user.Id, ct) : null;
            invitation.AcceptedAt = now;
            Audit(user.Id, "invitation-accepted", invitation.CompanyId, null);
            // Without a shared transaction (a tenant with its own database), the person first: a failure before
            // the tenant's rows leaves an account with no access and the invitation still open (signed in, the
            // person accepts it again), where the other order would spend the invitation on a person never saved.
            await identity.SaveChangesAsync(ct);
            await db.SaveChangesAsync(ct);
            return Outcome<AcceptedInvitation>.Ok(new AcceptedInvitation(SignedInUser.Of(user, Tenant.Slug, null), invitation.CompanyId, identifier));
        }, ct);
    }

    /// <summary>Member-number tenants without the mandataire box: there, an e-mail never signs anyone in (staff aside).</summary>
    private static bool SignsInOnlyByIdentifier(TenantRules rules) => rules.Login.Identifier == LoginIdentifier.MemberNumber && !rules.Login.ProxyLogin;

    /// <summary>
    /// Sign-in there is by identifier, never by e-mail: a delegated user signs in with the company's
    /// member number followed by a number of their own (680001-1, 680001-2…), kept if they already have one.
    /// </summary>
    private async Task<string> PersonalIdentifierAsync(Guid companyId, Guid userId, CancellationToken ct)
    {
        var memberNumber = (await companies.GetAsync(companyId, ct))!.MemberNumber;
        var prefix = LoginName.Normalize(memberNumber) + "-";
        var taken = await db.LoginNames.Where(l => l.Identifier.StartsWith(prefix)).Select(l => new { l.Identifier, l.UserId }).ToListAsync(ct);
        if (taken.FirstOrDefault(l => l.UserId == userId) is { } mine) return mine.Identifier;
        var next = taken.Select(l => int.TryParse(l.Identifier[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var identifier = prefix + next;
        db.LoginNames.Add(new LoginName { Identifier = identifier, UserId = userId });
        return identifier;
    }

    public Task<Outcome> ChangeRolesAsync(Guid companyId, Guid userId, IReadOnlyList<string>? roles, CancellationToken ct = default) =>
        PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            await RequireManagerAsync(companyId, ct);
            if (await RolesProblemAsync(roles) is { } problem) return Outcome.Fail(problem);
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, ct);
            if (membership is null) return Outcome.Fail(new UserError("NOT_A_MEMBER", "Cette personne n'a pas accès à l'entreprise.", "userId"));
            if (membership.Roles.Contains(CompanyRoles.Administrator) && !roles!.Contains(CompanyRoles.Administrator)
                && await IsLastAdministratorAsync(companyId, userId, ct))
                return Outcome.Fail(LastAdministrator("roles"));
            var changed = !membership.Roles.ToHashSet().SetEquals(roles!);
            membership.Roles = roles!.Distinct().ToList();
            // Sessions that began with the former roles end (the portal checks company roles on each request anyway).
            if (changed) await sessions.EndAllAsync(userId, ct);
            Audit(currentUser.UserId, "user-roles-changed", companyId, $"{{\"userId\":\"{userId}\",\"roles\":\"{string.Join(",", membership.Roles)}\"}}");
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    public Task<Outcome> RemoveAsync(Guid companyId, Guid userId, CancellationToken ct = default) =>
        PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            await RequireManagerAsync(companyId, ct);
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, ct);
            if (membership is null) return Outcome.Fail(new UserError("NOT_A_MEMBER", "Cette personne n'a pas accès à l'entreprise.", "userId"));
            if (membership.Roles.Contains(CompanyRoles.Administrator) && await IsLastAdministratorAsync(companyId, userId, ct))
                return Outcome.Fail(LastAdministrator("userId"));
            db.Memberships.Remove(membership);
            await sessions.EndAllAsync(userId, ct);
            db.NotificationPreferences.RemoveRange(await db.NotificationPreferences.Where(p => p.CompanyId == companyId && p.UserId == userId).ToListAsync(ct));
            // The person may have been the last to receive some kind: an administrator takes it over.
            await recipients.KeepEveryKindCoveredAsync(companyId, userId, ct);
            Audit(currentUser.UserId, "user-removed", companyId, $"{{\"userId\":\"{userId}\"}}");
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    public async Task<Outcome> CancelInvitationAsync(Guid companyId, Guid invitationId, CancellationToken ct = default)
    {
        await RequireManagerAsync(companyId, ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.CompanyId == companyId && i.AcceptedAt == null, ct);
        if (invitation is null) return Outcome.Fail(new UserError("NOT_FOUND", "Cette invitation n'existe pas ou a déjà été acceptée.", "invitationId"));
        db.Invitations.Remove(invitation);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
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

    private async Task<TenantRules> RulesAsync() => (await rulesCache.GetAsync(Tenant)).Rules;

    private void Audit(Guid? actor, string action, Guid companyId, string? details) =>
        db.AuditEntries.Record(time, actor, action, "Company", companyId, details);
}
