using Platform.Features.Notifications;
using Platform.Tenancy.Rules;

namespace Platform.Features.Payments;

public static class PaymentEmails
{
    /// <summary>To the company's billing contacts when a debit or a card payment is refused.</summary>
    public static EmailContent PaymentFailed(TenantRules rules, string companyName, string invoiceNumber, string amount, PaymentMethod method, string? reason) =>
        EmailTemplates.Compose(rules,
            $"Paiement refusé — facture {invoiceNumber}",
            [
                "Bonjour,",
                method == PaymentMethod.SepaDebit
                    ? $"Le prélèvement de {amount} pour la facture {invoiceNumber} de {companyName} a été rejeté par la banque."
                    : $"Le paiement par carte de {amount} pour la facture {invoiceNumber} de {companyName} a été refusé.",
                "Cette somme reste à régler : vous pouvez la payer depuis l'espace adhérent, rubrique Factures, ou contacter le service.",
            ],
            after: reason is null ? null : [$"Motif communiqué par la banque : {reason}."]);
}
