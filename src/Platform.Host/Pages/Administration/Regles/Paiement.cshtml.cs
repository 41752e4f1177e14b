using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>Payment: accepted methods, SEPA discount and pre-notification, creditor identifier, bank details.</summary>
public sealed class PaiementModel(TenantRulesAdministration administration) : RulesPageModel(administration)
{
    public override RuleGroup Group => RuleGroup.All[3];
    [BindProperty] public List<string> Methods { get; set; } = [];
    [BindProperty] public string? SepaDiscountPercent { get; set; }
    [BindProperty] public string? SepaPreNotificationDays { get; set; }
    [BindProperty] public string? BeforeMandateMethod { get; set; }
    [BindProperty] public bool ChosenAtDeclaration { get; set; }
    [BindProperty] public string? CreditorIdentifier { get; set; }
    [BindProperty] public string? AccountHolder { get; set; }
    [BindProperty] public string? Iban { get; set; }
    [BindProperty] public string? Bic { get; set; }
    [BindProperty] public string? BankName { get; set; }

    protected override void Fill(TenantRules rules)
    {
        var p = rules.Payment;
        Methods = p.Methods.Select(m => m.ToString()).ToList();
        SepaDiscountPercent = Figure(p.SepaDiscountPercent);
        SepaPreNotificationDays = p.SepaPreNotificationDays?.ToString(French);
        BeforeMandateMethod = p.BeforeMandateMethod?.ToString() ?? "";
        ChosenAtDeclaration = p.ChosenAtDeclaration;
        CreditorIdentifier = p.CreditorIdentifier;
        AccountHolder = p.BankDetails?.AccountHolder;
        Iban = p.BankDetails?.Iban;
        Bic = p.BankDetails?.Bic;
        BankName = p.BankDetails?.BankName;
    }

    protected override IReadOnlyList<RuleValue> ToValues(List<UserError> errors)
    {
        // In the order the rules list them, new ones after: ticking nothing new changes nothing.
        var kept = Rules.Payment.Methods.Select(m => m.ToString()).Where(Methods.Contains);
        var added = Enum.GetNames<PaymentMethod>().Where(m => Methods.Contains(m) && !kept.Contains(m));
        var methods = new JsonArray(kept.Concat(added).Select(m => (JsonNode?)JsonValue.Create(m)).ToArray());
        var sepa = Methods.Contains(nameof(PaymentMethod.SepaDebit));
        JsonNode? bank = null;
        if (!string.IsNullOrWhiteSpace(Iban) || !string.IsNullOrWhiteSpace(AccountHolder))
        {
            if (string.IsNullOrWhiteSpace(AccountHolder)) errors.Add(new UserError("FIELD_REQUIRED", "indiquez le titulaire du compte", "payment.bankDetails.accountHolder"));
            bank = new JsonObject
            {
                ["accountHolder"] = AccountHolder?.Trim() ?? "",
                // People copy IBANs with spaces, in groups of four: stored without, in capitals.
                ["iban"] = (Iban ?? "").Replace(" ", "").ToUpperInvariant(),
                ["bic"] = Text(Bic?.ToUpperInvariant()),
                ["bankName"] = Text(BankName),
            };
        }
        return
        [
            new("payment.methods", methods),
            // Without SEPA debit, a discount or a notice has no object: blank means none.
            new("payment.sepaDiscountPercent", Number(string.IsNullOrWhiteSpace(SepaDiscountPercent) ? "0" : SepaDiscountPercent, "payment.sepaDiscountPercent", errors)),
            new("payment.sepaPreNotificationDays", Number(SepaPreNotificationDays, "payment.sepaPreNotificationDays", errors, optional: !sepa, integer: true)),
            new("payment.beforeMandateMethod", Text(BeforeMandateMethod)),
            new("payment.chosenAtDeclaration", JsonValue.Create(ChosenAtDeclaration)),
            new("payment.creditorIdentifier", Text(CreditorIdentifier?.Replace(" ", "").ToUpperInvariant())),
            new("payment.bankDetails", bank),
        ];
    }
}
