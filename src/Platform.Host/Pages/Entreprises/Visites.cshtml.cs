using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Visits;

namespace Platform.Host.Pages.Entreprises;

/// <summary>« Demandes de visite » (seeds 000, 001): request a visit for an employee, track the requests, cancel a pending one.</summary>
[Authorize]
public sealed class VisitesModel(VisitRequestService visits, EmployeeQueries employees, CompanyAccess access, CompanyDirectory companies) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "etat")] public VisitRequestState? State { get; set; }
    [FromQuery(Name = "apres")] public string? After { get; set; }

    [BindProperty] public Guid? EmployeeId { get; set; }
    [BindProperty] public VisitType? Type { get; set; }
    [BindProperty] public List<string> Situations { get; set; } = [];
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? InterpreterLanguage { get; set; }
    [BindProperty] public string? UserCompanyName { get; set; }

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
        List = await visits.ListAsync(Id, State, null, After);
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
            var result = await visits.RequestAsync(new VisitRequestDraft(employeeId, type, Situations, Comment, InterpreterLanguage, null, UserCompanyName));
            Errors = result.Errors;
            if (result.Request is { } request)
            {
                Message = $"Votre demande de visite « {VisitRules.Label(request.Type)} » est enregistrée : le service vous proposera un rendez-vous.";
                (EmployeeId, Type, Situations, Comment, InterpreterLanguage, UserCompanyName) = (null, null, [], null, null, null);
            }
        }
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostAnnulerAsync(Guid requestId)
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var result = await visits.CancelAsync(requestId);
        Errors = result.Errors;
        if (result.Request is not null) Message = "La demande de visite est annulée.";
        return await OnGetAsync();
    }
}
