using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Notifications;

namespace Platform.Features.Demarches;

/// <summary>
/// The lists (« Mes démarches », « Démarches à valider ») and the decisions: management requests go to
/// the company's administrators, every other démarche to the tenant's staff, who see what the requester
/// gave and what the register says about it before deciding.
/// </summary>
public sealed class AccessRequestDecisions(
    DemarcheSupport support, CurrentUser currentUser, CompanyAccess access, EmailOutbox outbox,
    CompanySynchronization synchronization, ManagementRequests management, AdministratorChanges administratorChanges, TakeoverReports takeovers)
{
    public async Task<Outcome<AccessRequestView>> DecideAsync(Guid id, bool accept, IReadOnlyList<string>? roles, CancellationToken ct = default)
    {
        var caller = support.Caller;
        var db = support.Db;
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || !await MayDecideAsync(request, ct)) return Outcome<AccessRequestView>.Fail(new UserError("NOT_FOUND", "Cette démarche n'existe pas ou ne vous est pas adressée.", "id"));
        if (request.State != AccessRequestState.InProgress) return Outcome<AccessRequestView>.Fail(new UserError("ALREADY_DECIDED", "Cette démarche a déjà été traitée.", "id"));
        if (accept && await ApplyAsync(request, roles, ct) is { } problem) return Outcome<AccessRequestView>.Fail(problem);

        request.State = accept ? AccessRequestState.Accepted : AccessRequestState.Refused;
        request.DecidedAt = support.Time.GetUtcNow();
        request.DecidedByUserId = caller;
        request.ConfirmationCodeHash = null;
        support.Audit(accept ? "request-accepted" : "request-refused", request.CompanyId);
        var requester = await support.Identity.Users.AsNoTracking().SingleAsync(u => u.Id == request.RequestedByUserId, ct);
        var view = await support.ViewAsync(request, ct);
        outbox.Enqueue(requester.Email, EmailTemplates.RequestDecided(await support.RulesAsync(), view.KindLabel, request.CompanyName, accept, request.GrantedRoles));
        if (accept && request.Kind == AccessRequestKind.Synchronize)
        {
            if (!await synchronization.TrySaveClaimAsync(ct)) return await synchronization.LostRaceAsync(id, ct);
        }
        else await db.SaveChangesAsync(ct);
        return Outcome<AccessRequestView>.Ok(view);
    }

    public async Task<IReadOnlyList<AccessRequestView>> MineAsync(CancellationToken ct = default)
    {
        var caller = support.Caller;
        var rows = await support.Db.AccessRequests.AsNoTracking().Where(r => r.RequestedByUserId == caller).ToListAsync(ct);
        return await support.ViewsAsync(rows, ct);
    }

    public async Task<IReadOnlyList<AccessRequestView>> ToDecideAsync(CancellationToken ct = default)
    {
        var rows = await PendingForCallerAsync(ct);
        if (!currentUser.IsStaff) return await support.ViewsAsync(rows, ct);
        var notes = new Dictionary<Guid, IReadOnlyList<string>>();
        foreach (var row in rows) notes[row.Id] = await StaffNotesAsync(row, ct);
        return await support.ViewsAsync(rows, ct, r => notes[r.Id]);
    }

    /// <summary>The header's badge on every page: a count, without building the views.</summary>
    public async Task<int> CountToDecideAsync(CancellationToken ct = default) => (await PendingForCallerAsync(ct)).Count;

    private async Task<UserError?> ApplyAsync(AccessRequest request, IReadOnlyList<string>? roles, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case AccessRequestKind.Synchronize:
                return (await synchronization.ClaimAsync(request, ct)).Problem;
            case AccessRequestKind.Manage:
                return (await management.ApplyAsync(request, roles, ct)).Errors.FirstOrDefault();
            case AccessRequestKind.ChangeAdministrator:
                await administratorChanges.ApplyAsync(request, ct);
                return null;
            case AccessRequestKind.Takeover:
                await takeovers.ApplyAsync(request, ct);
                return null;
            default:
                return null; // a merger is carried out by the staff in the service's own tools; the decision is recorded
        }
    }

    private async Task<List<AccessRequest>> PendingForCallerAsync(CancellationToken ct)
    {
        if (currentUser.UserId is not { } caller) return [];
        var db = support.Db;
        var pending = db.AccessRequests.AsNoTracking().Where(r => r.State == AccessRequestState.InProgress && r.RequestedByUserId != caller);
        if (currentUser.IsStaff)
            return await pending.Where(r => r.Kind != AccessRequestKind.Manage || r.AddressedToStaff).ToListAsync(ct);
        var administered = (await db.Memberships.Where(m => m.UserId == caller).Select(m => new { m.CompanyId, m.Roles }).ToListAsync(ct))
            .Where(m => m.Roles.Contains(CompanyRoles.Administrator)).Select(m => m.CompanyId).ToList();
        if (administered.Count == 0) return [];
        return await pending.Where(r => r.Kind == AccessRequestKind.Manage && !r.AddressedToStaff && r.CompanyId != null && administered.Contains(r.CompanyId.Value)).ToListAsync(ct);
    }

    private async Task<bool> MayDecideAsync(AccessRequest request, CancellationToken ct)
    {
        // Nobody decides their own démarche: a staff member would otherwise grant themselves any company.
        if (request.RequestedByUserId == currentUser.UserId) return false;
        if (request.Kind == AccessRequestKind.Manage && !request.AddressedToStaff)
            return request.CompanyId is { } companyId && await access.HasAsync(companyId, Permission.ManageUsers, ct);
        return currentUser.IsStaff;
    }

    /// <summary>What the register says about what the requester gave: staff decide on facts, not blind.</summary>
    private async Task<IReadOnlyList<string>> StaffNotesAsync(AccessRequest r, CancellationToken ct)
    {
        if (r.Kind == AccessRequestKind.Merger) return [];
        var db = support.Db;
        var notes = new List<string>();
        var company = await support.CompanyByNumberAsync(r.MemberNumber, ct);
        if (company is null)
        {
            notes.Add($"Aucun adhérent n'a le numéro {r.MemberNumber}.");
            return notes;
        }
        var matches = r.Siret is { } given && (r.Kind == AccessRequestKind.Synchronize ? company.Siret.StartsWith(given, StringComparison.Ordinal) : company.Siret == given);
        notes.Add(matches
            ? $"Le numéro {company.MemberNumber} et le {(r.Kind == AccessRequestKind.Synchronize ? "SIREN" : "SIRET")} donnés correspondent à {company.Name} (SIRET {company.Siret})."
            : $"Le {(r.Kind == AccessRequestKind.Synchronize ? "SIREN" : "SIRET")} donné ne correspond pas à l'adhérent {company.MemberNumber}, {company.Name} (SIRET {company.Siret}).");
        var memberships = await db.Memberships.Where(m => m.CompanyId == company.Id).Select(m => new { m.UserId, m.Roles }).ToListAsync(ct);
        var people = await support.Identity.PeopleAsync(memberships.Select(m => m.UserId), ct);
        var members = memberships.Where(m => people.ContainsKey(m.UserId)).Select(m => new { m.Roles, people[m.UserId].Email }).ToList();
        var administrators = members.Where(m => m.Roles.Contains(CompanyRoles.Administrator)).Select(m => m.Email).ToList();
        notes.Add(members.Count == 0 ? "Aucun utilisateur n'est rattaché à cet adhérent."
            : administrators.Count == 0 ? $"{members.Count} utilisateur(s) rattaché(s), aucun administrateur."
            : $"Administrateur(s) actuel(s) : {string.Join(", ", administrators)}.");
        if (r.Kind == AccessRequestKind.Synchronize)
            notes.Add(r.ConfirmationCodeHash is not null
                ? "Un code a été envoyé au contact de l'adhérent : la synchronisation se terminera quand le demandeur le saisira, sauf décision de votre part."
                : "Aucun contact avec une adresse e-mail n'est connu pour cet adhérent : votre décision est nécessaire.");
        if (r.Kind == AccessRequestKind.ChangeAdministrator && r.FormerAdministratorEmail is { } former)
            notes.Add(administrators.Contains(former, StringComparer.OrdinalIgnoreCase)
                ? $"{former} est bien administrateur de cet adhérent."
                : $"{former} n'est pas administrateur de cet adhérent.");
        return notes;
    }
}
