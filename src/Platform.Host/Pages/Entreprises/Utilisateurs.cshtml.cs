using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;

namespace Platform.Host.Pages.Entreprises;

[Authorize]
public sealed class UtilisateursModel(CompanyUsers users, CompanyAccess access, CompanyDirectory companies) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public string CompanyName { get; private set; } = "";
    public IReadOnlyList<CompanyUserView> Users { get; private set; } = [];
    public IReadOnlyList<RoleDefinition> Catalogue { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviterAsync()
    {
        Errors = await users.InviteAsync(Id, Email, Roles, SiteUrl.Of(Request), HttpContext.RequestAborted);
        if (Errors.Count == 0) { Message = $"Invitation envoyée à {Email}."; Email = null; }
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid userId)
    {
        Errors = await users.ChangeRolesAsync(Id, userId, Roles, HttpContext.RequestAborted);
        if (Errors.Count == 0) Message = "Rôles enregistrés.";
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid userId)
    {
        Errors = await users.RemoveAsync(Id, userId, HttpContext.RequestAborted);
        if (Errors.Count == 0) Message = "L'accès de cet utilisateur a été retiré.";
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAnnulerAsync(Guid invitationId)
    {
        Errors = await users.CancelInvitationAsync(Id, invitationId, HttpContext.RequestAborted);
        if (Errors.Count == 0) Message = "Invitation annulée.";
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await companies.GetAsync(Id) is not { } company) return false;
        CompanyName = company.Name;
        Users = await users.ListAsync(Id, HttpContext.RequestAborted);
        Catalogue = await access.CatalogueAsync();
        return true;
    }
}
