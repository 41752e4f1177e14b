using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Demarches;

/// <summary>What every démarche shares: who asks, whether the tenant offers it, the company named, the request row and its views.</summary>
public sealed class DemarcheSupport(PlatformDbContext db, IdentityDb identity, CurrentUser currentUser, CompanyDirectory companies, ITenantContext tenantContext,
    TenantRulesCache rulesCache, TimeProvider time, DemarcheThrottle throttle)
{
    public static readonly UserError NoSuchMember =
        new("MEMBER_NOT_FOUND", "Aucun adhérent ne correspond à ce numéro d'adhérent et à ce numéro SIRET.", "memberNumber");

    public PlatformDbContext Db => db;
    /// <summary>The platform rows (people), in the platform database.</summary>
    public IdentityDb Identity => identity;
    public TimeProvider Time => time;
    public Guid Caller => currentUser.RequireUserId();

    public async Task<TenantRules> RulesAsync() => (await rulesCache.GetAsync(tenantContext.Current!)).Rules;

    /// <summary>Succeeds when the tenant offers this démarche; the error every caller gets otherwise (portal and API alike).</summary>
    public async Task<Outcome> OfferedAsync(AccessRequestKind kind)
    {
        var offered = (await RulesAsync()).Demarches;
        var yes = kind switch
        {
            AccessRequestKind.Synchronize => offered.Synchronize,
            AccessRequestKind.Manage => offered.Manage,
            AccessRequestKind.ChangeAdministrator => offered.ChangeAdministrator,
            AccessRequestKind.Takeover => offered.Takeover,
            _ => offered.Merger,
        };
        return yes ? Outcome.Ok : new UserError("DEMARCHE_NOT_OFFERED",
            $"La démarche « {AccessRequestView.Label(kind)} » n'est pas proposée par votre service de santé au travail : contactez le service adhérents.", null);
    }

    /// <summary>Counts one attempt of the caller against the démarches' per-account budget; the error once it is spent.</summary>
    public async Task<Outcome> AttemptAsync(CancellationToken ct = default) =>
        await throttle.TryAcquireAsync(tenantContext.Current!.Slug, Caller, ct) ? Outcome.Ok : DemarcheThrottle.TooMany;

    /// <summary>Administrative démarches are made on a temp agency's parent account (seed 000), never on `NNN.1.x`.</summary>
    public static UserError? OnTempWorkerAccount(string? memberNumber) =>
        TempAgency.ParentOf(memberNumber?.Trim() ?? "") is { } parent
            ? TempAgency.AdministrativeOnParent(parent) with { Field = "memberNumber" }
            : null;

    /// <summary>The company whose member number and SIRET both match, or null.</summary>
    public async Task<CompanyView?> MatchAsync(string? memberNumber, string? siret, CancellationToken ct) =>
        await companies.FindByMemberNumberAsync(memberNumber, ct) is { } company && company.Siret == siret ? company : null;

    public Task<CompanyView?> CompanyByNumberAsync(string? memberNumber, CancellationToken ct) => companies.FindByMemberNumberAsync(memberNumber, ct);

    public AccessRequest Add(AccessRequestKind kind, CompanyView? company, string? memberNumber = null, string? siret = null, string? newSiret = null,
        string? formerAdministrator = null, string? description = null, bool addressedToStaff = false)
    {
        var request = new AccessRequest
        {
            Kind = kind, State = AccessRequestState.InProgress, CompanyId = company?.Id, CompanyName = company?.Name, RequestedByUserId = Caller,
            CreatedAt = time.GetUtcNow(), MemberNumber = company?.MemberNumber ?? memberNumber?.Trim(), Siret = siret, NewSiret = newSiret,
            FormerAdministratorEmail = formerAdministrator, Description = description, AddressedToStaff = addressedToStaff,
        };
        db.AccessRequests.Add(request);
        return request;
    }

    /// <summary>Adds roles to the person's membership of the company, creating it if needed.</summary>
    public async Task GrantAsync(Guid companyId, Guid userId, List<string> roles, CancellationToken ct)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, ct);
        if (membership is null) db.Memberships.Add(new Membership { UserId = userId, CompanyId = companyId, Roles = roles, CreatedAt = time.GetUtcNow() });
        else membership.Roles = membership.Roles.Union(roles).ToList();
    }

    public async Task<List<User>> AdministratorsAsync(Guid companyId, CancellationToken ct)
    {
        var administrators = (await db.Memberships.Where(m => m.CompanyId == companyId).Select(m => new { m.UserId, m.Roles }).ToListAsync(ct))
            .Where(m => m.Roles.Contains(CompanyRoles.Administrator)).Select(m => m.UserId).ToList();
        var people = await identity.PeopleAsync(administrators, ct);
        return administrators.Where(people.ContainsKey).Select(id => people[id]).ToList();
    }

    public async Task<AccessRequestView> ViewAsync(AccessRequest r, CancellationToken ct) => (await ViewsAsync([r], ct))[0];

    public async Task<IReadOnlyList<AccessRequestView>> ViewsAsync(List<AccessRequest> rows, CancellationToken ct, Func<AccessRequest, IReadOnlyList<string>>? staffNotes = null)
    {
        var ids = rows.Select(r => r.RequestedByUserId).Distinct().ToList();
        var people = (await identity.PeopleAsync(ids, ct)).ToDictionary(p => p.Key, p => new { Name = $"{p.Value.FirstName} {p.Value.LastName}", p.Value.Email });
        return rows.OrderByDescending(r => r.CreatedAt)
            .Select(r => new AccessRequestView(r.Id, r.Kind, r.State, r.CompanyName, people.GetValueOrDefault(r.RequestedByUserId)?.Name ?? "", r.CreatedAt, r.Description)
            {
                RequesterEmail = people.GetValueOrDefault(r.RequestedByUserId)?.Email,
                MemberNumber = r.MemberNumber, Siret = r.Siret, NewSiret = r.NewSiret, FormerAdministratorEmail = r.FormerAdministratorEmail,
                AddressedToStaff = r.AddressedToStaff,
                // Every synchronisation in progress offers the code field, whether a code was sent or not: the requester must not learn which.
                AwaitsCode = r.State == AccessRequestState.InProgress && r.Kind == AccessRequestKind.Synchronize,
                StaffNotes = staffNotes?.Invoke(r) ?? [],
            })
            .ToList();
    }

    public static UserError? DescriptionProblem(string? description) =>
        string.IsNullOrWhiteSpace(description) ? new UserError("DESCRIPTION_REQUIRED", "Décrivez votre demande.", "description")
        : description.Length > 2000 ? new UserError("DESCRIPTION_TOO_LONG", "La description ne peut pas dépasser 2 000 caractères.", "description")
        : null;

    public static UserError? SiretProblem(string? siret, string field, string what = "Le numéro SIRET") =>
        Identifiers.IsValidSiret(siret) ? null : new UserError("INVALID_SIRET", $"{what} doit compter 14 chiffres valides.", field);

    /// <summary>Numbers as people type them: spaces and dots removed.</summary>
    public static string? Digits(string? value) => value?.Replace(" ", "").Replace(".", "").Trim();

    public void Audit(string action, Guid? companyId) =>
        db.AuditEntries.Record(time, currentUser.UserId, action, "Company", companyId ?? Guid.Empty);
}
