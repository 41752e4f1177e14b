using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Home;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages;

/// <summary>
/// « /mon-entreprise/salaries » and the like: the welcome page's links, before anyone knows which
/// company is theirs. Signed out, the sign-in comes first and brings the person back here; then
/// the section of their company, or their home when they have several companies or none.
/// </summary>
[Authorize]
public sealed class MonEntrepriseModel(Landing landing) : PageModel
{
    /// <summary>The sections the welcome page links to, and their path under the company.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sections = new Dictionary<string, string>
    {
        ["fiche"] = "/fiche",
        ["salaries"] = "/salaries",
        ["visites"] = "/visites",
        ["declaration"] = "#declarations",
        ["factures"] = "/factures",
    };

    public async Task<IActionResult> OnGetAsync(string? section)
    {
        var home = await landing.MineAsync(HttpContext.RequestAborted);
        if (home.Kind != HomeKind.Company) return LocalRedirect(HomeUrls.Of(home));
        var suffix = section is not null && Sections.TryGetValue(section, out var path) ? path : "";
        return LocalRedirect(HomeUrls.Of(home) + suffix);
    }
}
