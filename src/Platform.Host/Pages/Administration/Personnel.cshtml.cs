using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;

namespace Platform.Host.Pages.Administration;

/// <summary>Tenant administrators: the service's staff accounts.</summary>
[Authorize]
public sealed class PersonnelModel(StaffAccounts staff) : PageModel
{
    public IReadOnlyList<StaffAccountView> Staff { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public StaffRole Role { get; set; }

    public async Task OnGetAsync() => Staff = await staff.ListAsync(HttpContext.RequestAborted);

    public async Task OnPostAjouterAsync() =>
        await DoAsync(staff.AddAsync(Email, FirstName, LastName, Role, SiteUrl.Of(Request), HttpContext.RequestAborted),
            $"Un e-mail d'activation a été envoyé à {Email}.");

    public async Task OnPostRoleAsync(Guid userId) => await DoAsync(staff.ChangeRoleAsync(userId, Role, HttpContext.RequestAborted), "Rôle enregistré.");

    public async Task OnPostRetirerAsync(Guid userId) => await DoAsync(staff.RemoveAsync(userId, HttpContext.RequestAborted), "Accès du personnel retiré.");

    private async Task DoAsync(Task<Platform.Features.Outcome> action, string success)
    {
        Errors = (await action).Errors;
        if (Errors.Count == 0) Message = success;
        Staff = await staff.ListAsync(HttpContext.RequestAborted);
    }
}
