using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.PendingChanges;

namespace Platform.Host.Pages.PersonnelSalaries;

/// <summary>Staff: the declared employees waiting for validation, oldest first.</summary>
[Authorize]
public sealed class IndexModel(EmployeeService employees, EmployeeDeclarations declarations, EmployeeChanges changes, CurrentUser currentUser) : PageModel
{
    public IReadOnlyList<PendingChangeView> Changes { get; private set; } = [];
    public IReadOnlyList<(CompanyView Company, EmployeeView Employee)> Awaiting { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        Awaiting = await employees.AwaitingValidationAsync(ct: HttpContext.RequestAborted);
        Changes = await changes.AwaitingDecisionAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostModificationAsync(Guid changeId, bool accept)
    {
        var decided = await changes.DecideAsync(changeId, accept, HttpContext.RequestAborted);
        Errors = decided.Errors;
        if (decided.Value is { } change) Message = PersonnelEntreprises.IndexModel.DecisionMessage(change, accept);
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostValiderAsync(Guid employeeId)
    {
        var result = await declarations.ValidateAsync(employeeId, HttpContext.RequestAborted);
        Errors = result.Errors;
        if (result.Value is { } e) Message = $"{e.DisplayName} est validé(e).";
        return await OnGetAsync();
    }
}
