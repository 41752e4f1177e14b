using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Payments;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.PersonnelFacturation;

/// <summary>Staff: preview the billing run of a period from the tenant's rules, start (or resume) it, and see past runs.</summary>
[Authorize]
public sealed class IndexModel(BillingRuns runs, PaymentHistory payments, Refunds refunds, CurrentUser currentUser, ITenantContext tenant, TenantRulesCache rulesCache) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "type")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }

    public TenantRules Rules { get; private set; } = null!;
    public BillingRunPreview? Preview { get; private set; }
    public IReadOnlyList<BillingRunView> History { get; private set; } = [];
    /// <summary>Payments received for instalments already paid: to refund.</summary>
    public IReadOnlyList<OverpaymentView> ToRefund { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public BillingRunKind RunKind => Kind == "visites" ? BillingRunKind.Visits : BillingRunKind.Contribution;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        return await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        var outcome = await runs.StartAsync(RunKind, Period, HttpContext.RequestAborted);
        Errors = outcome.Errors;
        if (outcome.Value is { } run)
            Message = $"Facturation {run.Period} terminée : {run.Issued} facture(s) émise(s) au total pour {Platform.Features.Billing.Money.Format(run.Total)} TTC.";
        return await LoadAsync();
    }

    /// <summary>« Remboursé » on a line of the overpayments: the clerk refunded it (transfer, Stripe's dashboard) and records it.</summary>
    public async Task<IActionResult> OnPostRefundedAsync(Guid payment)
    {
        if (!currentUser.IsStaff) return Forbid();
        var outcome = await refunds.MarkRefundedAsync(payment, HttpContext.RequestAborted);
        Errors = outcome.Errors;
        if (outcome.Value is { } done)
            Message = $"Trop-perçu de {Platform.Features.Billing.Money.Format(done.Amount)} marqué comme remboursé.";
        return await LoadAsync();
    }

    private async Task<IActionResult> LoadAsync()
    {
        Rules = (await rulesCache.GetAsync(tenant.RequireTenant())).Rules;
        var preview = await runs.PreviewAsync(RunKind, Period, HttpContext.RequestAborted);
        Preview = preview.Value;
        Errors = [.. Errors, .. preview.Errors];
        Period ??= Preview?.Period;
        History = await runs.ListAsync(HttpContext.RequestAborted);
        ToRefund = await payments.ToRefundAsync(HttpContext.RequestAborted);
        return Page();
    }

    public static string Cycle(BillingCycle cycle) => cycle switch
    {
        BillingCycle.Annual => "annuelle", BillingCycle.Quarterly => "trimestrielle", _ => "mensuelle",
    };
}
