using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>One line of the rates table: a year's contribution, visit prices, entry fee and VAT (text as typed).</summary>
public sealed class RateRow
{
    public string? Year { get; set; }
    public string? PerEmployee { get; set; }
    public string? ApprenticeVisit { get; set; }
    public string? TempWorkerVisit { get; set; }
    public string? EntryFee { get; set; }
    public string? VatPercent { get; set; }
    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Year) && string.IsNullOrWhiteSpace(PerEmployee) && string.IsNullOrWhiteSpace(ApprenticeVisit)
        && string.IsNullOrWhiteSpace(TempWorkerVisit) && string.IsNullOrWhiteSpace(EntryFee);
}

/// <summary>Billing: cycle, instalments, payment term, the service's VAT number, and the rates of each year.</summary>
public sealed partial class FacturationModel(TenantRulesAdministration administration) : RulesPageModel(administration)
{
    public override RuleGroup Group => RuleGroup.All[4];
    [BindProperty] public string Cycle { get; set; } = "";
    [BindProperty] public string? Instalments { get; set; }
    [BindProperty] public string? PaymentTermDays { get; set; }
    [BindProperty] public string? IssuerVatNumber { get; set; }
    [BindProperty] public string? LatePaymentPenalty { get; set; }
    [BindProperty] public string? RecoveryIndemnity { get; set; }
    [BindProperty] public string? EarlyPaymentDiscount { get; set; }
    [BindProperty] public List<RateRow> Rates { get; set; } = [];
    /// <summary>The general assembly approved the rates outside the national range.</summary>
    [BindProperty] public bool Confirm { get; set; }
    protected override bool Confirmed => Confirm;

    /// <summary>Rows sent to the service, by their index there: errors "rates[i]" point back to the row shown.</summary>
    private readonly List<int> rowOfRate = [];

    [GeneratedRegex(@"^rates\[(\d+)\]")] private static partial Regex RateIndex();

    protected override void Fill(TenantRules rules)
    {
        Cycle = rules.Billing.Cycle.ToString();
        Instalments = rules.Billing.Instalments.ToString(French);
        PaymentTermDays = rules.Billing.PaymentTermDays.ToString(French);
        IssuerVatNumber = rules.Billing.IssuerVatNumber;
        LatePaymentPenalty = rules.Billing.Mentions.LatePaymentPenalty;
        RecoveryIndemnity = Amount(rules.Billing.Mentions.RecoveryIndemnity);
        EarlyPaymentDiscount = rules.Billing.Mentions.EarlyPaymentDiscount;
        Rates = rules.Rates.OrderBy(r => r.Year).Select(r => new RateRow
        {
            Year = r.Year.ToString(French), PerEmployee = Amount(r.PerEmployee), ApprenticeVisit = Amount(r.ApprenticeVisit),
            TempWorkerVisit = Amount(r.TempWorkerVisit), EntryFee = Amount(r.EntryFee), VatPercent = Figure(r.VatPercent),
        }).ToList();
        // A blank line to add next year's rates.
        Rates.Add(new RateRow { VatPercent = "20" });
        Confirm = false;
    }

    protected override IReadOnlyList<RuleValue> ToValues(List<UserError> errors)
    {
        var rates = new JsonArray();
        for (var i = 0; i < Rates.Count; i++)
        {
            var row = Rates[i];
            if (row.Remove || row.IsBlank) continue;
            var at = $"rates[{i}]";
            var rate = new JsonObject
            {
                ["year"] = Number(row.Year, at + ".year", errors, integer: true),
                ["perEmployee"] = Number(row.PerEmployee, at + ".perEmployee", errors),
                ["vatPercent"] = Number(row.VatPercent, at + ".vatPercent", errors),
            };
            if (Number(row.ApprenticeVisit, at + ".apprenticeVisit", errors, optional: true) is { } apprentice) rate["apprenticeVisit"] = apprentice;
            if (Number(row.TempWorkerVisit, at + ".tempWorkerVisit", errors, optional: true) is { } temp) rate["tempWorkerVisit"] = temp;
            if (Number(row.EntryFee, at + ".entryFee", errors, optional: true) is { } fee) rate["entryFee"] = fee;
            // An approval of the general assembly stays with the amount it approved; a new amount asks again.
            var approved = Rules.Rates.FirstOrDefault(r => r.Year.ToString(French) == row.Year?.Trim());
            if (approved is { ApprovedOutsideNationalRange: true } && rate["perEmployee"] is JsonValue amount
                && amount.GetValue<decimal>() == approved.PerEmployee)
                rate["approvedOutsideNationalRange"] = true;
            rates.Add(rate);
            rowOfRate.Add(i);
        }
        return
        [
            new("billing.cycle", JsonValue.Create(Cycle)),
            new("billing.instalments", Number(Instalments, "billing.instalments", errors, integer: true)),
            new("billing.paymentTermDays", Number(PaymentTermDays, "billing.paymentTermDays", errors, integer: true)),
            new("billing.issuerVatNumber", Text(IssuerVatNumber?.Replace(" ", "").ToUpperInvariant())),
            new("billing.mentions", new JsonObject
            {
                ["latePaymentPenalty"] = LatePaymentPenalty?.Trim() ?? "",
                ["recoveryIndemnity"] = Number(RecoveryIndemnity, "billing.mentions.recoveryIndemnity", errors),
                ["earlyPaymentDiscount"] = EarlyPaymentDiscount?.Trim() ?? "",
            }),
            new("rates", rates),
        ];
    }

    protected override string MapErrorField(string field)
    {
        var match = RateIndex().Match(field);
        return match.Success && int.Parse(match.Groups[1].Value) is var index && index < rowOfRate.Count
            ? $"rates[{rowOfRate[index]}]" + field[match.Length..]
            : field;
    }
}
