using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Companies;

namespace Platform.Host.Pages.Entreprises;

/// <summary>« Factures » (seeds 000, 001, 003, 004): invoices and credit notes with their schedule; filters to pay, paid, credit notes, year, and a search by number.</summary>
[Authorize]
public sealed class FacturesModel(InvoiceService invoices, CompanyAccess access, CompanyDirectory companies) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "statut")] public string? Status { get; set; }
    [FromQuery(Name = "annee")] public int? Year { get; set; }
    [FromQuery(Name = "apres")] public string? After { get; set; }
    /// <summary>« Rechercher une pièce par son numéro de référence » (seeds 000, 001).</summary>
    [FromQuery(Name = "numero")] public string? Number { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public Page<InvoiceView> List { get; private set; } = null!;
    /// <summary>The years the company has invoices in: the choices of the year filter.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    public static readonly IReadOnlyList<(string Value, string Label, InvoiceStatus? Status)> Filters =
    [
        ("", "Toutes", null), ("a-payer", "À payer", InvoiceStatus.ToPay), ("payees", "Payées", InvoiceStatus.Paid), ("avoirs", "Avoirs", InvoiceStatus.CreditNote),
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var status = Filters.FirstOrDefault(f => f.Value == (Status ?? "")).Status;
        // Throws AccessDenied for a role without invoices (Convocation): the portal's 403 page.
        List = await invoices.ListAsync(Id, status, Year, null, After, Number);
        Years = await invoices.YearsAsync(Id);
        Company = (await companies.GetAsync(Id))!;
        return Page();
    }
}
