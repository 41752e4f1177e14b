using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Features.CrossTenant;
using Platform.Tenancy;

namespace Platform.Host.Pages;

/// <summary>
/// « Toutes mes entreprises, tous services » (the header's link says the same) : the companies the user works for on every tenant (accountant
/// firms), with what needs doing, each figure only where the company's roles grant it.
/// </summary>
[Authorize]
public sealed class MesClientsModel(CrossTenantReader reader, CurrentUser currentUser, ITenantContext tenantContext) : PageModel
{
    public IReadOnlyList<ClientCompanyView> Clients { get; private set; } = [];
    /// <summary>Services whose database did not answer: their companies are missing from the list for now.</summary>
    public IReadOnlyList<Tenant> Unanswered { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (currentUser.UserId is not { } userId) return Challenge();
        (Clients, Unanswered) = await reader.ClientsOfAsync(userId, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The company's page on its own tenant's host: this host with the other tenant's slug in front.</summary>
    public string CompanyUrl(ClientCompanyView client)
    {
        var path = $"/entreprises/{client.Company.Id}";
        var current = tenantContext.RequireTenant().Slug;
        if (client.Tenant.Slug == current) return path;
        return SiteUrl.OfTenant(Request, current, client.Tenant.Slug) is { } site ? site + path : path;
    }
}
