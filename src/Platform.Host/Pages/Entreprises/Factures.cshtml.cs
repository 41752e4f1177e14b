using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Payments.Sepa;
using Platform.Tenancy.Rules;
using Platform.Features.Payments;
using Platform.Tenancy.Resolution;

namespace Platform.Host.Pages.Entreprises;

/// <summary>« Factures » (seeds 000, 001, 003, 004): invoices and credit notes with their schedule; filters to pay, paid, credit notes, year, and a search by number.</summary>
[Authorize]
public sealed class FacturesModel(InvoiceService invoices, CompanyAccess access, CompanyDirectory companies, CardPayments cardPayments, PaymentHistory paymentHistory, SepaMandates mandates) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "statut")] public string? Status { get; set; }
    [FromQuery(Name = "annee")] public int? Year { get; set; }
    [FromQuery(Name = "apres")] public string? After { get; set; }
    /// <summary>Back from Stripe: « confirmation » or « annule ». Says so, and changes nothing.</summary>
    [FromQuery(Name = "paiement")] public string? PaymentReturn { get; set; }
    /// <summary>« Rechercher une pièce par son numéro de référence » (seeds 000, 001).</summary>
    [FromQuery(Name = "numero")] public string? Number { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public Page<InvoiceView> List { get; private set; } = null!;
    /// <summary>The years the company has invoices in: the choices of the year filter.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];
    /// <summary>Whether the tenant offers SEPA debit: the « Mandat SEPA » button with its green tick or red cross.</summary>
    public bool SepaOffered { get; private set; }
    public SepaMandateView? Mandate { get; private set; }
    /// <summary>The service's account for transfers (invoices due before the mandate, or without one).</summary>
    public BankDetails? TransferAccount { get; private set; }
    /// <summary>Card payment: offered by the tenant's rules, configured on this deployment, allowed to this user.</summary>
    public CardPaymentOffer CardOffer { get; private set; } = new(false, false);
    public bool CanPay { get; private set; }
    public ILookup<Guid, PaymentView> Payments { get; private set; } = Array.Empty<PaymentView>().ToLookup(p => p.InvoiceId);
    public IReadOnlyList<UserError> PaymentErrors { get; private set; } = [];

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
        var notOffered = await mandates.WhyNotOfferedAsync(Id);
        SepaOffered = notOffered is null || notOffered.Code == "SEPA_NOT_CHOSEN";
        Mandate = await mandates.GetAsync(Id);
        TransferAccount = await mandates.TransferAccountAsync();
        CardOffer = await cardPayments.OfferAsync();
        CanPay = await access.HasAsync(Id, Permission.PayInvoices);
        Payments = (await paymentHistory.ForInvoicesAsync(List.Items.Select(i => i.Node.Id).ToList())).ToLookup(p => p.InvoiceId);
        return Page();
    }

    /// <summary>« Payer par carte »: off to Stripe's checkout page; the invoice turns paid when Stripe's webhook confirms.</summary>
    public async Task<IActionResult> OnPostPayAsync(Guid invoiceId, Guid? instalmentId)
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var outcome = await cardPayments.StartAsync(invoiceId, instalmentId, SiteUrl.Of(Request));
        if (outcome.Succeeded) return Redirect(outcome.Value!.CheckoutUrl);
        PaymentErrors = outcome.Errors;
        return await OnGetAsync();
    }
}
