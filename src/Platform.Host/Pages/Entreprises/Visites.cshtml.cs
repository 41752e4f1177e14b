using Platform.Features.Regulation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Documents;
using Platform.Features.Employees;
using Platform.Features.Visits;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages.Entreprises;

/// <summary>
/// « Demandes de visite » (seeds 000, 001): request a visit for an employee with the fields of its type
/// and up to 5 PDF attachments, track the requests by type and state with their history, cancel a pending one.
/// </summary>
[Authorize]
[UploadLimit(DocumentRules.MaxAttachmentsPerRequest * DocumentRules.MaxBytes)]
public sealed class VisitesModel(VisitRequestService visits, EmployeeQueries employees, CompanyAccess access, CompanyDirectory companies) : PageModel
{
    /// <summary>The form's file fields are Piece1…Piece5 with Nature1…Nature5.</summary>
    public const string FilePrefix = "Piece";

    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "etat")] public VisitRequestState? State { get; set; }
    [FromQuery(Name = "type")] public VisitType? TypeFilter { get; set; }
    [FromQuery(Name = "apres")] public string? After { get; set; }

    [BindProperty] public Guid? EmployeeId { get; set; }
    [BindProperty] public VisitType? Type { get; set; }
    [BindProperty] public List<string> Situations { get; set; } = [];
    [BindProperty] public string? SituationDetails { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public bool NeedsInterpreter { get; set; }
    [BindProperty] public string? InterpreterLanguage { get; set; }
    [BindProperty] public string? UserCompanyName { get; set; }
    [BindProperty] public bool HiringWaiver { get; set; }
    [BindProperty] public AbsenceNature? AbsenceNature { get; set; }
    [BindProperty] public DateOnly? AbsenceStart { get; set; }
    [BindProperty] public DateOnly? AbsenceEnd { get; set; }
    [BindProperty] public bool TherapeuticPartTime { get; set; }
    [BindProperty] public DateOnly? RetirementDate { get; set; }
    [BindProperty] public string? ExposureRisk { get; set; }
    [BindProperty] public DateOnly? ExposureEndDate { get; set; }
    [BindProperty] public OccasionalRequester? OccasionalRequester { get; set; }
    [BindProperty] public EmployerVisitReason? EmployerReason { get; set; }
    [BindProperty] public string? ReasonComment { get; set; }
    [BindProperty] public DateOnly? LastOpinionDeadline { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public Page<VisitRequestView> List { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, EmployeeView> Employees { get; private set; } = new Dictionary<Guid, EmployeeView>();
    /// <summary>Who a visit can be requested for: active employees holding a workstation (seed 001).</summary>
    public IReadOnlyList<EmployeeView> Requestable { get; private set; } = [];
    public bool CanRequest { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        List = await visits.ListAsync(Id, State, TypeFilter, null, After);
        Company = (await companies.GetAsync(Id))!;
        CanRequest = await access.HasAsync(Id, Permission.RequestVisits);
        var all = await employees.AllAsync(Id, new EmployeeFilter(ActiveOnly: false));
        Employees = all.ToDictionary(e => e.Id);
        Requestable = all.Where(e => e.Active && e.CurrentWorkstation is not null).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostDemanderAsync()
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        if (EmployeeId is not { } employeeId || Type is not { } type)
            Errors = [new UserError("REQUIRED", "Choisissez le salarié et le type de visite.")];
        else
        {
            var draft = new VisitRequestDraft(employeeId, type, VisitRules.TakesSituations(type) ? Situations : [], Comment, NeedsInterpreter ? InterpreterLanguage : null, null, UserCompanyName)
            {
                Details = DetailsFor(type),
                Uploads = await UploadsAsync(),
            };
            if (NeedsInterpreter && string.IsNullOrWhiteSpace(InterpreterLanguage))
                Errors = [new UserError("REQUIRED", "Précisez la langue de l'interprète.", "interpreterLanguage")];
            else
            {
                var result = await visits.RequestAsync(draft);
                Errors = result.Errors;
                if (result.Value is { } request)
                {
                    Message = $"Votre demande de visite « {VisitRules.Label(request.Type)} » est enregistrée"
                              + (request.Attachments.Count > 0 ? $" avec {request.Attachments.Count} document(s)" : "") + " : le service vous proposera un rendez-vous.";
                    ModelState.Clear();
                    (EmployeeId, Type, Situations, Comment, InterpreterLanguage, UserCompanyName, NeedsInterpreter) = (null, null, [], null, null, null, false);
                    (SituationDetails, HiringWaiver, AbsenceNature, AbsenceStart, AbsenceEnd, TherapeuticPartTime) = (null, false, null, null, null, false);
                    (RetirementDate, ExposureRisk, ExposureEndDate, OccasionalRequester, EmployerReason, ReasonComment, LastOpinionDeadline) = (null, null, null, null, null, null, null);
                }
            }
        }
        return await OnGetAsync();
    }

    /// <summary>Only the fields of the chosen type: the form shows them all when scripts are off.</summary>
    private VisitRequestDetails DetailsFor(VisitType type) => new(
        SituationDetails: VisitRules.TakesSituations(type) && Situations.Contains("OTHER_EXPOSURE") ? SituationDetails : null,
        HiringWaiver: type == VisitType.Hiring && HiringWaiver,
        AbsenceNature: type == VisitType.ReturnToWork ? AbsenceNature : null,
        AbsenceStart: type == VisitType.ReturnToWork ? AbsenceStart : null,
        AbsenceEnd: type == VisitType.ReturnToWork ? AbsenceEnd : null,
        TherapeuticPartTime: type == VisitType.ReturnToWork && TherapeuticPartTime,
        RetirementDate: type == VisitType.EndOfCareer ? RetirementDate : null,
        ExposureRisk: type is VisitType.EndOfCareer or VisitType.PostExposure ? ExposureRisk : null,
        ExposureEndDate: type == VisitType.PostExposure ? ExposureEndDate : null,
        OccasionalRequester: type == VisitType.Occasional ? OccasionalRequester : null,
        EmployerReason: type == VisitType.Occasional && OccasionalRequester == Platform.Features.Visits.OccasionalRequester.Employer ? EmployerReason : null,
        ReasonComment: type == VisitType.Occasional && OccasionalRequester == Platform.Features.Visits.OccasionalRequester.Employer ? ReasonComment : null,
        LastOpinionDeadline: type == VisitType.Occasional && OccasionalRequester == Platform.Features.Visits.OccasionalRequester.Doctor ? LastOpinionDeadline : null);

    /// <summary>Every file field sent (Piece1…), with the nature chosen beside it; empty slots are skipped.</summary>
    private async Task<IReadOnlyList<NewDocument>> UploadsAsync()
    {
        if (!Request.HasFormContentType) return [];
        var uploads = new List<NewDocument>();
        foreach (var file in Request.Form.Files.Where(f => f.Name.StartsWith(FilePrefix, StringComparison.Ordinal) && f.Length > 0).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            var nature = DocumentRules.ParseNature(Request.Form["Nature" + file.Name[FilePrefix.Length..]]);
            uploads.Add(new NewDocument(nature, file.FileName, buffer.ToArray()));
        }
        return uploads;
    }

    public async Task<IActionResult> OnPostAnnulerAsync(Guid requestId)
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var result = await visits.CancelAsync(requestId);
        Errors = result.Errors;
        if (result.Value is not null) Message = "La demande de visite est annulée.";
        return await OnGetAsync();
    }

    public string FilterQuery(string? after = null) =>
        string.Join("&", new[] { State is { } s ? $"etat={s}" : null, TypeFilter is { } t ? $"type={t}" : null, after is null ? null : $"apres={Uri.EscapeDataString(after)}" }.OfType<string>());
}
