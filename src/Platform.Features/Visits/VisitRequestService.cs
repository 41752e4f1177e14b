using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Persistence;

namespace Platform.Features.Visits;

/// <param name="UserCompanyName">Required on a temp-worker account (the company the temp worker is placed with); refused elsewhere.</param>
public sealed record VisitRequestDraft(Guid EmployeeId, VisitType Type, IReadOnlyList<string>? Situations, string? Comment, string? InterpreterLanguage, IReadOnlyList<string>? DocumentIds,
    string? UserCompanyName = null);

public sealed record VisitRequestResult(VisitRequestView? Request, IReadOnlyList<UserError> Errors);

/// <summary>
/// Employers' visit requests (SPEC.md 3.5, seeds 000, 001): asking for a visit of an employee who
/// holds a workstation, one pending request per motive, the tracking list, cancelling while pending.
/// </summary>
public sealed class VisitRequestService(PlatformDbContext db, CompanyAccess access, EmployeeService employees, CurrentUser currentUser, TimeProvider time)
{
    public static readonly UserError NotFound = new("NOT_FOUND", "Cette demande de visite n'existe pas.", "id");

    public async Task<VisitRequestResult> RequestAsync(VisitRequestDraft draft, CancellationToken ct = default)
    {
        // Read through the employee feature: an unknown, foreign or hidden employee reads as null.
        var employee = await employees.GetAsync(draft.EmployeeId, ct);
        if (employee is null) return new(null, [EmployeeService.NotFound with { Field = "employeeId" }]);
        await access.RequireAsync(employee.CompanyId, Permission.RequestVisits, ct);
        var errors = new List<UserError>();
        if (!employee.Active)
            errors.Add(new("FORMER_EMPLOYEE", $"{employee.DisplayName} est sorti(e) de l'effectif le {employee.EndDate:dd/MM/yyyy} : aucune visite ne peut être demandée.", "employeeId"));
        else if (employee.CurrentWorkstation is null)
            errors.Add(new("NO_WORKSTATION", "Aucune visite ne peut être demandée pour un salarié sans poste de travail : renseignez d'abord son poste.", "employeeId"));
        if (await db.VisitRequests.AnyAsync(r => r.EmployeeId == employee.Id && r.Type == draft.Type && r.State == VisitRequestState.Pending, ct))
            errors.Add(new("ALREADY_REQUESTED", $"Une demande de visite « {VisitRules.Label(draft.Type)} » est déjà en attente pour ce salarié.", "type"));
        var situations = (draft.Situations ?? []).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList();
        if (situations.FirstOrDefault(s => !VisitRules.Situations.ContainsKey(s)) is { } unknown)
            errors.Add(new("INVALID_SITUATION", $"Situation inconnue : « {Truncate(unknown)} ». Situations possibles : {string.Join(", ", VisitRules.Situations.Values)}.", "situations"));
        var comment = string.IsNullOrWhiteSpace(draft.Comment) ? null : draft.Comment.Trim();
        if (comment?.Length > VisitRules.CommentMaxLength)
            errors.Add(new("TOO_LONG", $"Le commentaire dépasse {VisitRules.CommentMaxLength} caractères.", "comment"));
        var language = string.IsNullOrWhiteSpace(draft.InterpreterLanguage) ? null : draft.InterpreterLanguage.Trim();
        if (language?.Length > VisitRules.LanguageMaxLength)
            errors.Add(new("TOO_LONG", $"La langue de l'interprète dépasse {VisitRules.LanguageMaxLength} caractères.", "interpreterLanguage"));
        var userCompany = string.IsNullOrWhiteSpace(draft.UserCompanyName) ? null : draft.UserCompanyName.Trim();
        var memberNumber = await db.Companies.Where(c => c.Id == employee.CompanyId).Select(c => c.MemberNumber).SingleAsync(ct);
        if (TempAgency.IsTempWorkerAccount(memberNumber))
        {
            if (userCompany is null)
                errors.Add(new("USER_COMPANY_REQUIRED", "Indiquez le nom de l'entreprise utilisatrice où l'intérimaire est mis à disposition.", "userCompanyName"));
            else if (userCompany.Length > VisitRules.UserCompanyNameMaxLength)
                errors.Add(new("TOO_LONG", $"Le nom de l'entreprise utilisatrice dépasse {VisitRules.UserCompanyNameMaxLength} caractères.", "userCompanyName"));
        }
        else if (userCompany is not null)
            errors.Add(new("NOT_A_TEMP_WORKER_ACCOUNT", "L'entreprise utilisatrice ne se demande que sur un compte intérimaires (NNN.1.x).", "userCompanyName"));
        // Attachments arrive with the documents feature; until then no document id can be known here.
        if (draft.DocumentIds is { Count: > 0 })
            errors.Add(new("DOCUMENT_NOT_FOUND", "Pièce jointe introuvable : déposez d'abord le document.", "documentIds"));
        if (errors.Count > 0) return new(null, errors);

        var request = new VisitRequest
        {
            CompanyId = employee.CompanyId, EmployeeId = employee.Id, Type = draft.Type, RequestedAt = time.GetUtcNow(),
            RequestedByUserId = currentUser.UserId, Situations = situations, Comment = comment, InterpreterLanguage = language, UserCompanyName = userCompany,
        };
        db.VisitRequests.Add(request);
        db.AuditEntries.Record(time, currentUser.UserId, "visit-request.created", "VisitRequest", request.Id, $$"""{"type":"{{draft.Type}}"}""");
        await db.SaveChangesAsync(ct);
        return new(VisitRequestView.Of(request), []);
    }

    /// <summary>A request can be cancelled online while it is pending (seeds 000, 001).</summary>
    public async Task<VisitRequestResult> CancelAsync(Guid id, CancellationToken ct = default)
    {
        var request = await db.VisitRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || !await access.CanSeeAsync(request.CompanyId, ct)) return new(null, [NotFound]);
        await access.RequireAsync(request.CompanyId, Permission.RequestVisits, ct);
        if (request.State != VisitRequestState.Pending)
            return new(null, [new("NOT_PENDING", $"Cette demande est « {VisitRules.Label(request.State).ToLowerInvariant()} » : seule une demande en attente peut être annulée.", "id")]);
        (request.State, request.ClosedAt, request.ClosingReason) = (VisitRequestState.Cancelled, time.GetUtcNow(), "Annulée par l'entreprise.");
        db.AuditEntries.Record(time, currentUser.UserId, "visit-request.cancelled", "VisitRequest", request.Id);
        await db.SaveChangesAsync(ct);
        return new(VisitRequestView.Of(request), []);
    }

    /// <summary>The company's requests, newest first, optionally in one state.</summary>
    public async Task<Page<VisitRequestView>> ListAsync(Guid companyId, VisitRequestState? state, int? first, string? after, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewAppointments, ct);
        var size = KeysetCursor.PageSize(first);
        var query = db.VisitRequests.AsNoTracking().Where(r => r.CompanyId == companyId);
        if (state is { } s) query = query.Where(r => r.State == s);
        var total = await query.CountAsync(ct);
        // Version-7 ids grow with time: the id alone orders the list and is its keyset.
        if (KeysetCursor.Decode(after) is var (_, lastId)) query = query.Where(r => r.Id.CompareTo(lastId) < 0);
        var rows = await query.OrderByDescending(r => r.Id).Take(size + 1).ToListAsync(ct);
        return KeysetCursor.ToPage(rows.Select(VisitRequestView.Of).ToList(), size, total, v => KeysetCursor.Encode("", v.Id));
    }

    /// <summary>Pending requests per company (the accountant's view).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> PendingCountsAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct = default) =>
        await db.VisitRequests.Where(r => companyIds.Contains(r.CompanyId) && r.State == VisitRequestState.Pending)
            .GroupBy(r => r.CompanyId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>
    /// A request the platform makes itself on tenants whose visits follow the periodicity (sist-on, seed 002):
    /// the nightly due-visit refresh calls it, no user acts. Added to the caller's unit of work.
    /// </summary>
    internal VisitRequest AddFromPeriodicity(Guid companyId, Guid employeeId, VisitType type, string comment)
    {
        var request = new VisitRequest { CompanyId = companyId, EmployeeId = employeeId, Type = type, RequestedAt = time.GetUtcNow(), Comment = comment };
        db.VisitRequests.Add(request);
        return request;
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
