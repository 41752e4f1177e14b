using Microsoft.EntityFrameworkCore;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Access;

public sealed record AccessRequestView(Guid Id, AccessRequestKind Kind, AccessRequestState State, string? CompanyName,
    string RequestedBy, DateTimeOffset CreatedAt, string? Description)
{
    /// <summary>The contract's state string.</summary>
    public string StateCode => State switch
    {
        AccessRequestState.InProgress => "IN_PROGRESS",
        AccessRequestState.Accepted => "ACCEPTED",
        _ => "REFUSED",
    };

    public string StateLabel => State switch
    {
        AccessRequestState.InProgress => "En cours",
        AccessRequestState.Accepted => "Acceptée",
        _ => "Refusée",
    };

    public string KindLabel => Kind switch
    {
        AccessRequestKind.Synchronize => "Synchroniser votre adhérent",
        AccessRequestKind.Manage => "Demander la gestion d'un adhérent",
        AccessRequestKind.ChangeAdministrator => "Modifier l'administrateur d'un compte adhérent",
        AccessRequestKind.Takeover => "Signaler un rachat de société ou un changement de dirigeant",
        _ => "Demander la fusion/absorption d'entreprises",
    };
}

public sealed record RequestOutcome(AccessRequestView? Request, CompanyView? Company, IReadOnlyList<UserError> Errors);

/// <summary>
/// Démarches: synchronise a member account (once per company, the first person becomes
/// Administrateur), ask to manage it (decided by its administrators), change its administrator,
/// report a takeover, ask for a merger (decided by the tenant's staff).
/// </summary>
public sealed class AccessRequests(
    PlatformDbContext db, CurrentUser currentUser, CompanyAccess access, CompanyDirectory companies, ITenantContext tenantContext,
    TenantRulesCache rulesCache, EmailOutbox outbox, NotificationRecipients recipients, TimeProvider time)
{
    public const string AlreadySynchronized =
        "Cette démarche de synchronisation a déjà été réalisée. Nous vous invitons à choisir DEMANDER LA GESTION D'UN ADHERENT pour ce compte.";
    private static readonly UserError NoSuchMember =
        new("MEMBER_NOT_FOUND", "Aucun adhérent ne correspond à ce numéro d'adhérent et à ce numéro SIREN/SIRET.", "memberNumber");

    private Guid Caller => currentUser.RequireUserId();

    public async Task<RequestOutcome> SynchronizeAsync(string? memberNumber, string? siren, CancellationToken ct = default)
    {
        var caller = Caller;
        siren = Digits(siren);
        if (!Identifiers.IsValidSiren(siren)) return Fail(new UserError("INVALID_SIREN", "Le numéro SIREN doit compter 9 chiffres valides.", "siren"));
        var company = await companies.FindByMemberNumberAsync(memberNumber, ct);
        if (company is null || !company.Siret.StartsWith(siren!, StringComparison.Ordinal)) return Fail(NoSuchMember);
        var members = await db.Memberships.Where(m => m.CompanyId == company.Id).ToListAsync(ct);
        if (members.Count > 0)
            return Fail(new UserError("ALREADY_SYNCHRONIZED", AlreadySynchronized, "memberNumber"));

        var now = time.GetUtcNow();
        db.Memberships.Add(new Membership { UserId = caller, CompanyId = company.Id, Roles = [CompanyRoles.Administrator], CreatedAt = now });
        var request = new AccessRequest
        {
            Kind = AccessRequestKind.Synchronize, State = AccessRequestState.Accepted, CompanyId = company.Id, CompanyName = company.Name,
            RequestedByUserId = caller, CreatedAt = now, MemberNumber = company.MemberNumber, DecidedAt = now, GrantedRoles = [CompanyRoles.Administrator],
        };
        db.AccessRequests.Add(request);
        Audit(caller, "company-synchronized", company.Id);
        await db.SaveChangesAsync(ct);
        return new RequestOutcome(await ViewAsync(request, ct), company, []);
    }

    public async Task<RequestOutcome> RequestManagementAsync(string? memberNumber, string? siret, string siteUrl, CancellationToken ct = default)
    {
        var caller = Caller;
        siret = Digits(siret);
        if (!Identifiers.IsValidSiret(siret)) return Fail(new UserError("INVALID_SIRET", "Le numéro SIRET doit compter 14 chiffres valides.", "siret"));
        var company = await companies.FindByMemberNumberAsync(memberNumber, ct);
        if (company is null || company.Siret != siret) return Fail(NoSuchMember);
        if (await db.Memberships.AnyAsync(m => m.CompanyId == company.Id && m.UserId == caller, ct))
            return Fail(new UserError("ALREADY_MEMBER", "Vous gérez déjà cet adhérent.", "memberNumber"));
        if (await db.AccessRequests.AnyAsync(r => r.CompanyId == company.Id && r.RequestedByUserId == caller && r.Kind == AccessRequestKind.Manage && r.State == AccessRequestState.InProgress, ct))
            return Fail(new UserError("ALREADY_REQUESTED", "Une demande de gestion de cet adhérent est déjà en cours.", "memberNumber"));
        var administrators = await AdministratorsAsync(company.Id, ct);
        if (administrators.Count == 0)
            return Fail(new UserError("NOT_SYNCHRONIZED", "Personne ne gère encore cet adhérent : choisissez SYNCHRONISER VOTRE ADHERENT.", "memberNumber"));

        var request = NewRequest(AccessRequestKind.Manage, caller, company, siret: siret);
        var requester = await db.Users.SingleAsync(u => u.Id == caller, ct);
        var rules = (await rulesCache.GetAsync(tenantContext.Current!)).Rules;
        foreach (var admin in await recipients.ForAsync(company.Id, NotificationKind.Requests, r => r.Contains(CompanyRoles.Administrator), ct))
            outbox.Enqueue(admin.Email, EmailTemplates.ManagementRequested(rules, company.Name, $"{requester.FirstName} {requester.LastName}", requester.Email, $"{siteUrl.TrimEnd('/')}/demarches"));
        await db.SaveChangesAsync(ct);
        return new RequestOutcome(await ViewAsync(request, ct), null, []);
    }

    public async Task<RequestOutcome> RequestAdministratorChangeAsync(string? memberNumber, string? siret, string? formerAdministratorEmail, CancellationToken ct = default)
    {
        var caller = Caller;
        siret = Digits(siret);
        if (!Identifiers.IsValidSiret(siret)) return Fail(new UserError("INVALID_SIRET", "Le numéro SIRET doit compter 14 chiffres valides.", "siret"));
        if (!PersonDetails.IsEmail(formerAdministratorEmail?.Trim()))
            return Fail(new UserError("INVALID_EMAIL", "Indiquez l'adresse e-mail de l'ancien administrateur.", "formerAdministratorEmail"));
        var company = await companies.FindByMemberNumberAsync(memberNumber, ct);
        if (company is null || company.Siret != siret) return Fail(NoSuchMember);
        var request = NewRequest(AccessRequestKind.ChangeAdministrator, caller, company, siret: siret, formerAdministrator: formerAdministratorEmail!.Trim());
        await db.SaveChangesAsync(ct);
        return new RequestOutcome(await ViewAsync(request, ct), null, []);
    }

    public async Task<RequestOutcome> ReportTakeoverAsync(string? memberNumber, string? oldSiret, string? newSiret, string? description, CancellationToken ct = default)
    {
        var caller = Caller;
        oldSiret = Digits(oldSiret);
        newSiret = Digits(newSiret);
        if (!Identifiers.IsValidSiret(oldSiret)) return Fail(new UserError("INVALID_SIRET", "L'ancien numéro SIRET doit compter 14 chiffres valides.", "oldSiret"));
        if (!Identifiers.IsValidSiret(newSiret)) return Fail(new UserError("INVALID_SIRET", "Le nouveau numéro SIRET doit compter 14 chiffres valides.", "newSiret"));
        if (DescriptionProblem(description) is { } problem) return Fail(problem);
        var company = await companies.FindByMemberNumberAsync(memberNumber, ct);
        if (company is null || company.Siret != oldSiret) return Fail(NoSuchMember);
        var request = NewRequest(AccessRequestKind.Takeover, caller, company, siret: oldSiret, newSiret: newSiret, description: description!.Trim());
        await db.SaveChangesAsync(ct);
        return new RequestOutcome(await ViewAsync(request, ct), null, []);
    }

    public async Task<RequestOutcome> RequestMergerAsync(string? description, CancellationToken ct = default)
    {
        var caller = Caller;
        if (DescriptionProblem(description) is { } problem) return Fail(problem);
        var request = new AccessRequest
        {
            Kind = AccessRequestKind.Merger, State = AccessRequestState.InProgress, RequestedByUserId = caller,
            CreatedAt = time.GetUtcNow(), Description = description!.Trim(),
        };
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return new RequestOutcome(await ViewAsync(request, ct), null, []);
    }

    /// <summary>Manage requests go to the company's administrators; the other kinds to the tenant's staff.</summary>
    public async Task<RequestOutcome> DecideAsync(Guid id, bool accept, IReadOnlyList<string>? roles, CancellationToken ct = default)
    {
        var caller = Caller;
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || !await MayDecideAsync(request, ct)) return Fail(new UserError("NOT_FOUND", "Cette démarche n'existe pas ou ne vous est pas adressée.", "id"));
        if (request.State != AccessRequestState.InProgress) return Fail(new UserError("ALREADY_DECIDED", "Cette démarche a déjà été traitée.", "id"));
        var now = time.GetUtcNow();
        if (accept)
        {
            if (await ApplyAsync(request, roles, now, ct) is { } problem) return Fail(problem);
        }
        request.State = accept ? AccessRequestState.Accepted : AccessRequestState.Refused;
        request.DecidedAt = now;
        request.DecidedByUserId = caller;
        Audit(caller, accept ? "request-accepted" : "request-refused", request.CompanyId ?? Guid.Empty);
        var requester = await db.Users.SingleAsync(u => u.Id == request.RequestedByUserId, ct);
        var rules = (await rulesCache.GetAsync(tenantContext.Current!)).Rules;
        var view = await ViewAsync(request, ct);
        outbox.Enqueue(requester.Email, EmailTemplates.RequestDecided(rules, view.KindLabel, request.CompanyName, accept, request.GrantedRoles));
        await db.SaveChangesAsync(ct);
        return new RequestOutcome(view, null, []);
    }

    public async Task<IReadOnlyList<AccessRequestView>> MineAsync(CancellationToken ct = default)
    {
        var caller = Caller;
        var rows = await db.AccessRequests.AsNoTracking().Where(r => r.RequestedByUserId == caller).ToListAsync(ct);
        return await ViewsAsync(rows, ct);
    }

    public async Task<IReadOnlyList<AccessRequestView>> ToDecideAsync(CancellationToken ct = default) =>
        await ViewsAsync(await PendingForCallerAsync(ct), ct);

    /// <summary>The header's badge on every page: a count, without building the views.</summary>
    public async Task<int> CountToDecideAsync(CancellationToken ct = default) => (await PendingForCallerAsync(ct)).Count;

    private async Task<List<AccessRequest>> PendingForCallerAsync(CancellationToken ct)
    {
        if (currentUser.UserId is not { } caller) return [];
        var pending = db.AccessRequests.AsNoTracking().Where(r => r.State == AccessRequestState.InProgress);
        List<AccessRequest> rows;
        if (currentUser.IsStaff)
            rows = await pending.Where(r => r.Kind != AccessRequestKind.Manage).ToListAsync(ct);
        else
        {
            var administered = (await db.Memberships.Where(m => m.UserId == caller).Select(m => new { m.CompanyId, m.Roles }).ToListAsync(ct))
                .Where(m => m.Roles.Contains(CompanyRoles.Administrator)).Select(m => m.CompanyId).ToList();
            rows = await pending.Where(r => r.Kind == AccessRequestKind.Manage && r.CompanyId != null && administered.Contains(r.CompanyId.Value)).ToListAsync(ct);
        }
        return rows;
    }

    private async Task<bool> MayDecideAsync(AccessRequest request, CancellationToken ct)
    {
        if (request.Kind == AccessRequestKind.Manage)
            return request.CompanyId is { } companyId && await access.HasAsync(companyId, Permission.ManageUsers, ct);
        return currentUser.IsStaff;
    }

    private async Task<UserError?> ApplyAsync(AccessRequest request, IReadOnlyList<string>? roles, DateTimeOffset now, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case AccessRequestKind.Manage:
                var known = (await access.CatalogueAsync()).Select(r => r.Name).ToHashSet();
                if (roles is null || roles.Count == 0) return new UserError("ROLES_REQUIRED", "Choisissez le type d'accès (au moins un rôle).", "roles");
                if (roles.FirstOrDefault(r => !known.Contains(r)) is { } unknown) return new UserError("UNKNOWN_ROLE", $"Le rôle « {unknown} » n'existe pas.", "roles");
                request.GrantedRoles = roles.Distinct().ToList();
                await GrantAsync(request.CompanyId!.Value, request.RequestedByUserId, request.GrantedRoles, now, ct);
                return null;
            case AccessRequestKind.ChangeAdministrator:
                // The requester becomes Administrateur; the former administrator loses that role.
                request.GrantedRoles = [CompanyRoles.Administrator];
                var former = request.FormerAdministratorEmail is { } email ? User.Normalize(email) : null;
                var formerId = await db.Users.Where(u => u.NormalizedEmail == former).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
                if (formerId is { } id && id != request.RequestedByUserId
                    && await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == request.CompanyId && m.UserId == id, ct) is { } formerMembership)
                {
                    formerMembership.Roles = formerMembership.Roles.Where(r => r != CompanyRoles.Administrator).ToList();
                    if (formerMembership.Roles.Count == 0) db.Memberships.Remove(formerMembership);
                }
                await GrantAsync(request.CompanyId!.Value, request.RequestedByUserId, request.GrantedRoles, now, ct);
                return null;
            case AccessRequestKind.Takeover:
                await companies.ChangeSiretAsync(request.CompanyId!.Value, request.NewSiret!, ct);
                request.GrantedRoles = [CompanyRoles.Administrator];
                await GrantAsync(request.CompanyId!.Value, request.RequestedByUserId, request.GrantedRoles, now, ct);
                return null;
            default:
                return null; // a merger is carried out by the staff in the service's own tools; the decision is recorded
        }
    }

    private async Task GrantAsync(Guid companyId, Guid userId, List<string> roles, DateTimeOffset now, CancellationToken ct)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, ct);
        if (membership is null) db.Memberships.Add(new Membership { UserId = userId, CompanyId = companyId, Roles = roles, CreatedAt = now });
        else membership.Roles = membership.Roles.Union(roles).ToList();
    }

    private AccessRequest NewRequest(AccessRequestKind kind, Guid caller, CompanyView company, string? siret = null, string? newSiret = null,
        string? formerAdministrator = null, string? description = null)
    {
        var request = new AccessRequest
        {
            Kind = kind, State = AccessRequestState.InProgress, CompanyId = company.Id, CompanyName = company.Name, RequestedByUserId = caller,
            CreatedAt = time.GetUtcNow(), MemberNumber = company.MemberNumber, Siret = siret, NewSiret = newSiret,
            FormerAdministratorEmail = formerAdministrator, Description = description,
        };
        db.AccessRequests.Add(request);
        return request;
    }

    private async Task<List<User>> AdministratorsAsync(Guid companyId, CancellationToken ct) =>
        (await db.Memberships.Where(m => m.CompanyId == companyId).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Roles, User = u }).ToListAsync(ct))
            .Where(x => x.Roles.Contains(CompanyRoles.Administrator)).Select(x => x.User).ToList();

    private async Task<AccessRequestView> ViewAsync(AccessRequest r, CancellationToken ct) => (await ViewsAsync([r], ct))[0];

    private async Task<IReadOnlyList<AccessRequestView>> ViewsAsync(List<AccessRequest> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.RequestedByUserId).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.FirstName} {u.LastName}", ct);
        return rows.OrderByDescending(r => r.CreatedAt)
            .Select(r => new AccessRequestView(r.Id, r.Kind, r.State, r.CompanyName, names.GetValueOrDefault(r.RequestedByUserId, ""), r.CreatedAt, r.Description))
            .ToList();
    }

    private static UserError? DescriptionProblem(string? description) =>
        string.IsNullOrWhiteSpace(description) ? new UserError("DESCRIPTION_REQUIRED", "Décrivez votre demande.", "description")
        : description.Length > 2000 ? new UserError("DESCRIPTION_TOO_LONG", "La description ne peut pas dépasser 2 000 caractères.", "description")
        : null;

    private static string? Digits(string? value) => value?.Replace(" ", "").Replace(".", "").Trim();

    private static RequestOutcome Fail(UserError error) => new(null, null, [error]);

    private void Audit(Guid actor, string action, Guid companyId) =>
        db.AuditEntries.Record(time, actor, action, "Company", companyId);
}
