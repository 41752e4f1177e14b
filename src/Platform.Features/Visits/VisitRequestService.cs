using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Documents;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.Visits;

/// <param name="DocumentIds">Documents already uploaded for the company (POST /api/documents) to attach.</param>
/// <param name="UserCompanyName">Required on a temp-worker account (the company the temp worker is placed with); refused elsewhere.</param>
public sealed record VisitRequestDraft(Guid EmployeeId, VisitType Type, IReadOnlyList<string>? Situations, string? Comment, string? InterpreterLanguage, IReadOnlyList<string>? DocumentIds,
    string? UserCompanyName = null)
{
    /// <summary>The fields of the request's type.</summary>
    public VisitRequestDetails Details { get; init; } = new();
    /// <summary>Files sent with the request (the portal's form): stored with it, or not at all.</summary>
    public IReadOnlyList<NewDocument> Uploads { get; init; } = [];
}

/// <summary>
/// Employers' visit requests (SPEC.md 3.5, seeds 000, 001): asking for a visit of an employee who
/// holds a workstation with the fields of its type and up to 5 PDF attachments, one pending request
/// per motive, the tracking list with each request's history, cancelling while pending.
/// </summary>
public sealed class VisitRequestService(PlatformDbContext db, IdentityDb identity, CompanyAccess access, EmployeeQueries employees, DocumentService documents, CurrentUser currentUser, TimeProvider time)
{
    public static readonly UserError NotFound = new("NOT_FOUND", "Cette demande de visite n'existe pas.", "id");

    public async Task<Outcome<VisitRequestView>> RequestAsync(VisitRequestDraft draft, CancellationToken ct = default)
    {
        // Read through the employee feature: an unknown, foreign or hidden employee reads as null.
        var employee = await employees.GetAsync(draft.EmployeeId, ct);
        if (employee is null) return EmployeeService.NotFound with { Field = "employeeId" };
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

        // Attachments: documents uploaded before (by id) and files sent with the request, 5 at most in all.
        var (attached, natures) = await AttachmentsAsync(employee.CompanyId, draft, errors, ct);
        var details = VisitRequestForm.Clean(draft.Details);
        errors.AddRange(VisitRequestForm.Check(draft.Type, situations, details, natures, time.Today()));
        if (errors.Count > 0) return Outcome<VisitRequestView>.Fail(errors);

        var request = new VisitRequest
        {
            CompanyId = employee.CompanyId, EmployeeId = employee.Id, Type = draft.Type, RequestedAt = time.GetUtcNow(),
            RequestedByUserId = currentUser.UserId, Situations = situations, Comment = comment, InterpreterLanguage = language, UserCompanyName = userCompany,
            SituationDetails = details.SituationDetails, HiringWaiver = details.HiringWaiver,
            AbsenceNature = details.AbsenceNature, AbsenceStart = details.AbsenceStart, AbsenceEnd = details.AbsenceEnd, TherapeuticPartTime = details.TherapeuticPartTime,
            RetirementDate = details.RetirementDate, ExposureRisk = details.ExposureRisk, ExposureEndDate = details.ExposureEndDate,
            OccasionalRequester = details.OccasionalRequester, EmployerReason = details.EmployerReason, ReasonComment = details.ReasonComment,
            LastOpinionDeadline = details.LastOpinionDeadline,
        };
        db.VisitRequests.Add(request);
        foreach (var document in attached) document.VisitRequestId = request.Id;
        var uploaded = draft.Uploads.Select(u => (documents.Add(employee.CompanyId, u, request.Id), u.Content)).ToList();
        db.AuditEntries.Record(time, currentUser.UserId, "visit-request.created", "VisitRequest", request.Id, $$"""{"type":"{{draft.Type}}"}""");
        await documents.SaveWithFilesAsync(uploaded, ct);
        return Outcome<VisitRequestView>.Ok((await ViewsAsync([request], ct))[0]);
    }

    private async Task<(List<Document> Attached, List<DocumentNature> Natures)> AttachmentsAsync(Guid companyId, VisitRequestDraft draft, List<UserError> errors, CancellationToken ct)
    {
        var ids = (draft.DocumentIds ?? []).Distinct().ToList();
        if (ids.Count + draft.Uploads.Count > DocumentRules.MaxAttachmentsPerRequest)
            errors.Add(new("TOO_MANY_ATTACHMENTS",
                $"Vous avez joint {ids.Count + draft.Uploads.Count} documents : une demande en accepte {DocumentRules.MaxAttachmentsPerRequest} au plus.", "documentIds"));
        var guids = ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).ToList();
        var found = await documents.FindForAttachmentAsync(companyId, guids.Where(g => g != Guid.Empty).ToList(), ct);
        // Another company's document, another tenant's, or one deleted reads as not found.
        if (guids.Any(g => found.All(d => d.Id != g)))
            errors.Add(new("DOCUMENT_NOT_FOUND", "Pièce jointe introuvable : déposez d'abord le document dans l'espace Documents de l'entreprise.", "documentIds"));
        if (found.Any(d => d.VisitRequestId is not null))
            errors.Add(new("DOCUMENT_ALREADY_ATTACHED", "Ce document est déjà joint à une autre demande de visite : déposez-le de nouveau.", "documentIds"));
        for (var i = 0; i < draft.Uploads.Count; i++)
            errors.AddRange(DocumentService.Check(draft.Uploads[i], "attachments", "attachments"));
        return (found, found.Select(d => d.Nature).Concat(draft.Uploads.Where(u => u.Nature is not null).Select(u => u.Nature!.Value)).ToList());
    }

    /// <summary>A request can be cancelled online while it is pending (seeds 000, 001).</summary>
    public async Task<Outcome<VisitRequestView>> CancelAsync(Guid id, CancellationToken ct = default)
    {
        var request = await db.VisitRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || !await access.CanSeeAsync(request.CompanyId, ct)) return NotFound;
        await access.RequireAsync(request.CompanyId, Permission.RequestVisits, ct);
        if (request.State != VisitRequestState.Pending)
            return new UserError("NOT_PENDING", $"Cette demande est « {VisitRules.Label(request.State).ToLowerInvariant()} » : seule une demande en attente peut être annulée.", "id");
        var now = time.GetUtcNow();
        (request.State, request.ClosedAt, request.ClosingReason) = (VisitRequestState.Cancelled, now, "Annulée par l'entreprise.");
        (request.CancelledAt, request.CancelledByUserId) = (now, currentUser.UserId);
        db.AuditEntries.Record(time, currentUser.UserId, "visit-request.cancelled", "VisitRequest", request.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<VisitRequestView>.Ok((await ViewsAsync([request], ct))[0]);
    }

    /// <summary>The company's requests, newest first, optionally of one type and in one state (seed 001's filters).</summary>
    public async Task<Page<VisitRequestView>> ListAsync(Guid companyId, VisitRequestState? state, int? first, string? after, CancellationToken ct = default) =>
        await ListAsync(companyId, state, null, first, after, ct);

    public async Task<Page<VisitRequestView>> ListAsync(Guid companyId, VisitRequestState? state, VisitType? type, int? first, string? after, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewAppointments, ct);
        var size = KeysetCursor.PageSize(first);
        var query = db.VisitRequests.AsNoTracking().Where(r => r.CompanyId == companyId);
        if (state is { } s) query = query.Where(r => r.State == s);
        if (type is { } t) query = query.Where(r => r.Type == t);
        var total = await query.CountAsync(ct);
        // Version-7 ids grow with time: the id alone orders the list and is its keyset.
        if (KeysetCursor.Decode(after) is var (_, lastId)) query = query.Where(r => r.Id.CompareTo(lastId) < 0);
        var rows = await query.OrderByDescending(r => r.Id).Take(size + 1).ToListAsync(ct);
        return KeysetCursor.ToPage(await ViewsAsync(rows, ct), size, total, v => KeysetCursor.Encode("", v.Id));
    }

    /// <summary>Pending requests per company (the accountant's view).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> PendingCountsAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct = default) =>
        await db.VisitRequests.Where(r => companyIds.Contains(r.CompanyId) && r.State == VisitRequestState.Pending)
            .GroupBy(r => r.CompanyId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>The views with their attachments and history (two queries for the whole page).</summary>
    private async Task<List<VisitRequestView>> ViewsAsync(IReadOnlyList<VisitRequest> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var attachments = await documents.AttachedToAsync(rows.Select(r => r.Id).ToList(), ct);
        var people = rows.SelectMany(r => new[] { r.RequestedByUserId, r.CancelledByUserId }).OfType<Guid>().Distinct().ToList();
        // People are platform rows (IdentityDb), read apart from the tenant's requests.
        var names = (await identity.PeopleAsync(people, ct)).ToDictionary(p => p.Key, p => $"{p.Value.FirstName} {p.Value.LastName}".Trim());
        return rows.Select(r =>
        {
            var attached = attachments[r.Id].ToList();
            return VisitRequestView.Of(r) with { Attachments = attached, History = VisitRequestHistory.Of(r, attached, names) };
        }).ToList();
    }

    /// <summary>
    /// A request the platform makes itself on tenants whose visits follow the periodicity (sist-on, seed 002):
    /// the nightly due-visit refresh calls it, no user acts. Added to the caller's unit of work.
    /// </summary>
    internal VisitRequest AddFromPeriodicity(Guid companyId, Guid employeeId, VisitType type, string comment)
    {
        var request = FromPeriodicity(companyId, employeeId, type, comment);
        db.VisitRequests.Add(request);
        return request;
    }

    /// <summary>The request the periodicity makes, not added to the context (the nightly job inserts them in bulk).</summary>
    internal VisitRequest FromPeriodicity(Guid companyId, Guid employeeId, VisitType type, string comment) =>
        new() { CompanyId = companyId, EmployeeId = employeeId, Type = type, RequestedAt = time.GetUtcNow(), Comment = comment };

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

/// <summary>
/// A request's history as the employer follows it (seeds 001, 002: envoyée, en cours de traitement,
/// acceptée, refusée, annulée), derived from the request's own fields.
/// </summary>
public static class VisitRequestHistory
{
    public static IReadOnlyList<VisitRequestEvent> Of(VisitRequest r, IReadOnlyList<DocumentView> attachments, IReadOnlyDictionary<Guid, string> names)
    {
        string? Name(Guid? id) => id is { } i && names.TryGetValue(i, out var n) ? n : null;
        var events = new List<VisitRequestEvent> { new(VisitRequestEventKind.Sent, r.RequestedAt, Name(r.RequestedByUserId)) };
        // The health team has started on it once a medical secretary took it in hand, or acknowledged receipt of an attachment: the earlier.
        var acknowledged = attachments.Where(a => a.AcknowledgedAt is not null).Select(a => a.AcknowledgedAt!.Value).Order().FirstOrDefault();
        (DateTimeOffset At, string Detail)? started = (r.TakenInChargeAt, acknowledged) switch
        {
            ({ } taken, var seen) when seen == default || taken <= seen => (taken, "Prise en charge par l'équipe santé travail."),
            (_, var seen) when seen != default => (seen, "Pièces jointes reçues par l'équipe santé travail."),
            _ => null,
        };
        if (started is { } s && (r.ClosedAt is null || s.At <= r.ClosedAt))
            events.Add(new(VisitRequestEventKind.InProgress, s.At, Detail: s.Detail));
        switch (r.State)
        {
            case VisitRequestState.Accepted:
                // The appointment it became comes with the scheduling work (AppointmentId on the request).
                events.Add(new(VisitRequestEventKind.Accepted, r.ClosedAt ?? r.RequestedAt));
                break;
            case VisitRequestState.Refused:
                events.Add(new(VisitRequestEventKind.Refused, r.ClosedAt ?? r.RequestedAt, Detail: r.ClosingReason));
                break;
            case VisitRequestState.Cancelled:
                var by = Name(r.CancelledByUserId);
                events.Add(new(VisitRequestEventKind.Cancelled, r.CancelledAt ?? r.ClosedAt ?? r.RequestedAt, by,
                    by is null && r.CancelledByUserId is null ? r.ClosingReason : null));
                break;
        }
        return events;
    }
}
