using Platform.Features.Billing;
using Platform.Features.Notifications;
using Platform.Features.Regulation;
using Platform.Tenancy.Rules;

namespace Platform.Features.Declarations;

/// <summary>The recap the confirmation e-mail carries: figures, estimate, payment method, signatory.</summary>
internal static class DeclarationEmails
{
    public static EmailContent Confirmation(TenantRules rules, string companyName, DeclarationView d, bool amended)
    {
        var recap = new List<string>
        {
            $"Vous avez déclaré {d.Headcount} salarié{(d.Headcount > 1 ? "s" : "")} présent{(d.Headcount > 1 ? "s" : "")} au {Headcount.ReferenceDate(d.Year):dd/MM/yyyy}"
            + (d.Apprentices > 0 ? $" et {d.Apprentices} apprenti{(d.Apprentices > 1 ? "s" : "")}." : "."),
        };
        if (d.Estimate is { } e)
            recap.Add($"Estimation de votre cotisation : {Money.Format(e.TotalExclTax)} HT, TVA {Money.Format(e.Vat)}, soit {Money.Format(e.TotalInclTax)} TTC.");
        if (d.PaymentMethod is { } method) recap.Add($"Mode de règlement choisi : {PaymentLabels.Of(method)}.");
        recap.Add($"Déclaration signée par {d.SignatoryName} ({d.SignatoryEmail}).");
        var until = d.EditableUntil is { } at ? TimeZoneInfo.ConvertTime(at, FrenchTime.Paris).ToString("dd/MM/yyyy à HH:mm") : null;
        return EmailTemplates.DeclarationFiled(rules, companyName, d.Year, recap, amended, until);
    }
}

public static class PaymentLabels
{
    public static string Of(PaymentMethod method) => method switch
    {
        PaymentMethod.SepaDebit => "prélèvement",
        PaymentMethod.Card => "carte bancaire",
        PaymentMethod.Transfer => "virement",
        _ => "chèque",
    };
}
