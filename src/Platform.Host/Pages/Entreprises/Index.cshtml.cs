using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Features.Companies;

namespace Platform.Host.Pages.Entreprises;

[Authorize]
public sealed class IndexModel(CompanyAccess access, CompanyDirectory companies) : PageModel
{
    public CompanyView Company { get; private set; } = null!;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public bool CanManageUsers { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await access.CanSeeAsync(id)) return NotFound();
        Roles = await access.RequireAsync(id, Permission.ViewCompany);
        Company = (await companies.GetAsync(id))!;
        CanManageUsers = RoleCatalogue.Grants(await access.CatalogueAsync(), Roles, Permission.ManageUsers);
        return Page();
    }
}
