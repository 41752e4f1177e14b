using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Regulation;
using Platform.Features.Workstations;

namespace Platform.Host.Pages.Entreprises;

/// <summary>One employee (seed 001): declaration, what may still change, the career, the exit and the return.</summary>
[Authorize]
public sealed class SalarieModel(EmployeeQueries queries, EmployeeDeclarations declarations, EmployeeCareers careers, EmployeeLock employeeLock, EmployeeChanges changes, WorkstationService workstations, CompanyAccess access,
    Platform.Features.Visits.EmployeeVisitRequests visitRequests, Platform.Features.DueVisits.DueVisitList dueVisits, TimeProvider time) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid? EmployeeId { get; set; }

    [BindProperty] public string? Civility { get; set; }
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? BirthName { get; set; }
    [BindProperty] public string? MarriedName { get; set; }
    [BindProperty] public DateOnly? BirthDate { get; set; }
    [BindProperty] public string? Ins { get; set; }
    [BindProperty] public string? Contract { get; set; }
    [BindProperty] public DateOnly? StartDate { get; set; }
    [BindProperty] public Guid? WorkstationId { get; set; }
    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public List<WorkerSituation> Situations { get; set; } = [];
    [BindProperty] public DateOnly? RetirementDate { get; set; }
    [BindProperty] public DateOnly? ExposureEndDate { get; set; }

    public static readonly IReadOnlyList<WorkerSituation> DeclarableSituations =
        [WorkerSituation.DisabledWorker, WorkerSituation.InvalidityPension, WorkerSituation.PregnantOrBreastfeeding, WorkerSituation.NightWorker];
    public DueVisit? NextVisit { get; private set; }
    public DateOnly Today => time.Today();

    public CompanyView Company { get; private set; } = null!;
    public EmployeeView? Employee { get; private set; }
    public IReadOnlyList<CareerEntryView> Career { get; private set; } = [];
    public IReadOnlyList<Platform.Features.PendingChanges.PendingChangeView> PendingChanges { get; private set; } = [];
    public IReadOnlyList<WorkstationView> Workstations { get; private set; } = [];
    public IReadOnlyList<string> Contracts { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public string? LockMessage { get; private set; }
    public bool CanManage { get; private set; }
    /// <summary>Pending visit requests an exit would cancel: the warning of seeds 000 and 001.</summary>
    public int PendingVisitRequests { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Employee is { } e) (Civility, FirstName, BirthName, MarriedName, BirthDate, Contract) = (e.Civility, e.FirstName, e.BirthName, e.MarriedName, e.BirthDate, e.Contract);
        return Page();
    }

    public async Task<IActionResult> OnPostCreerAsync()
    {
        var result = await declarations.CreateAsync(Id, new EmployeeDraft(Civility, FirstName, BirthName, MarriedName, BirthDate, Ins, Contract, StartDate, WorkstationId), HttpContext.RequestAborted);
        if (result.Value is { } created)
            return Redirect($"/entreprises/{Id}/salaries/{created.Id}?cree=1");
        Errors = result.Errors;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostModifierAsync() =>
        await AfterAsync(await declarations.UpdateAsync(EmployeeId!.Value, new EmployeeDraft(Civility, FirstName, BirthName, MarriedName, BirthDate, Ins, Contract, null), null, HttpContext.RequestAborted),
            "Les modifications sont enregistrées.");

    public async Task<IActionResult> OnPostSuiviAsync() =>
        await AfterAsync(await declarations.UpdateAsync(EmployeeId!.Value, new EmployeeDraft(null, null, null, null, null, null, null, null),
                new EmployeeFollowUpSituation(Situations, RetirementDate, ExposureEndDate), HttpContext.RequestAborted),
            "Le suivi médical du salarié est enregistré.");

    public async Task<IActionResult> OnPostSortieAsync() =>
        EndDate is not { } end
            ? await FailAsync(new UserError("REQUIRED", "Indiquez la date de fin du contrat (JJ/MM/AAAA).", "endDate"))
            : await AfterExitAsync(await careers.ExitAsync(EmployeeId!.Value, end, HttpContext.RequestAborted), $"La sortie au {end:dd/MM/yyyy} est enregistrée.");

    public async Task<IActionResult> OnPostPosteAsync() =>
        WorkstationId is not { } ws || StartDate is not { } start
            ? await FailAsync(new UserError("REQUIRED", "Choisissez le nouveau poste et sa date de prise de poste.", "workstationId"))
            : await AfterAsync(await careers.ChangeWorkstationAsync(EmployeeId!.Value, ws, Contract, start, EndDate, HttpContext.RequestAborted), "Le nouveau poste est enregistré dans la carrière.");

    public async Task<IActionResult> OnPostReactiverAsync() =>
        StartDate is not { } start
            ? await FailAsync(new UserError("REQUIRED", "Indiquez la date de début du nouveau contrat.", "startDate"))
            : await AfterAsync(await careers.ReactivateAsync(EmployeeId!.Value, start, Contract, WorkstationId, HttpContext.RequestAborted), "Le salarié est de nouveau en activité.");

    public async Task<IActionResult> OnPostSupprimerAsync()
    {
        Errors = (await declarations.DeleteAsync(EmployeeId!.Value, HttpContext.RequestAborted)).Errors;
        if (Errors.Count == 0) return Redirect($"/entreprises/{Id}/salaries");
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<IActionResult> AfterExitAsync(Outcome<EmployeeExit> result, string done)
    {
        // The employer reads which appointments the exit cancelled (the company's contacts are also e-mailed).
        if (result.Value?.CancelledAppointments is { Count: > 0 } cancelled)
            done += " Rendez-vous annulé(s) : " + string.Join(", ", cancelled.Select(a =>
            {
                var at = TimeZoneInfo.ConvertTime(a.StartsAt, Platform.Features.Regulation.FrenchTime.Paris);
                return $"visite « {Platform.Features.Visits.VisitRules.Label(a.Type)} » du {at:dd/MM/yyyy} à {at:HH\\:mm}";
            })) + ".";
        return await AfterAsync(result.Errors, result.Pending, done, result.Value?.CancelledVisitRequests.Count ?? 0);
    }

    private async Task<IActionResult> AfterAsync(Outcome<EmployeeView> result, string done) => await AfterAsync(result.Errors, result.Pending, done, 0);

    private async Task<IActionResult> AfterAsync(IReadOnlyList<UserError> errors, Platform.Features.PendingChanges.PendingChangeView? pending, string done, int cancelledVisitRequests)
    {
        Errors = errors;
        if (Errors.Count == 0)
        {
            Message = pending is null ? done : "Votre modification est transmise au service : elle prendra effet le lendemain de sa validation.";
            if (cancelledVisitRequests > 0) Message += $" {cancelledVisitRequests} demande(s) de visite en attente ont été annulée(s).";
            ModelState.Clear();
        }
        if (!await LoadAsync()) return NotFound();
        if (Errors.Count == 0 && Employee is { } e) (Civility, FirstName, BirthName, MarriedName, BirthDate, Contract, Ins, EndDate, StartDate) = (e.Civility, e.FirstName, e.BirthName, e.MarriedName, e.BirthDate, e.Contract, null, null, null);
        return Page();
    }

    private async Task<IActionResult> FailAsync(UserError error)
    {
        Errors = [error];
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return false;
        Company = company;
        if (EmployeeId is { } employeeId)
        {
            Employee = await queries.GetAsync(employeeId, HttpContext.RequestAborted);
            if (Employee is null || Employee.CompanyId != Id) return false;
            Career = (await queries.CareersAsync([Employee], HttpContext.RequestAborted))[Employee.Id];
            PendingChanges = await changes.PendingForAsync(Employee, HttpContext.RequestAborted);
            PendingVisitRequests = await visitRequests.CountPendingAsync(employeeId, HttpContext.RequestAborted);
            NextVisit = await dueVisits.NextForAsync(Employee, HttpContext.RequestAborted);
        }
        if (Request.Query.ContainsKey("cree")) Message ??= Employee?.Validated == true ? "Le salarié est enregistré." : "Le salarié est enregistré ; il sera validé par le service.";
        Workstations = await workstations.OpenAsync(Id, HttpContext.RequestAborted);
        Contracts = EmployeeRules.ContractsFor(company.IsTempWorkerAccount);
        LockMessage = await employeeLock.LockMessageAsync();
        CanManage = await access.HasAsync(Id, Permission.ManageEmployees) && LockMessage is null;
        return true;
    }
}
