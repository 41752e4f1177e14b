using System.Globalization;
using Platform.Features.Billing;
using Platform.Features.Notifications;
using Platform.Features.Regulation;
using Platform.Tenancy.Rules;

namespace Platform.Features.Payments.Sepa;

/// <summary>The SEPA e-mails, in French with the tenant's look (<see cref="EmailTemplates"/>). None carries more of an IBAN than its last 4 characters.</summary>
public static class SepaEmails
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static EmailContent SignatureCode(TenantRules rules, string companyName, string reference, string maskedIban, string code, int validityMinutes) =>
        EmailTemplates.Compose(rules, $"Code de signature de votre mandat SEPA : {code}",
        [
            "Bonjour,",
            $"Vous avez saisi un mandat de prélèvement SEPA pour {companyName} (référence {reference}, compte {maskedIban}).",
            "Pour le signer, saisissez ce code sur l'espace adhérent :",
        ],
        highlight: code,
        after:
        [
            $"Ce code est valable {validityMinutes} minutes et ne sert qu'une fois.",
            "Si vous n'êtes pas à l'origine de cette saisie, ignorez ce message : aucun mandat n'est signé sans ce code.",
        ]);

    public static EmailContent MandateSigned(TenantRules rules, string companyName, string reference, string maskedIban, DateTimeOffset signedAt, int preNotificationDays) =>
        EmailTemplates.Compose(rules, $"Votre mandat SEPA {reference} est signé",
        [
            "Bonjour,",
            $"Le mandat de prélèvement SEPA de {companyName} a été signé le {Paris(signedAt)} (référence unique de mandat {reference}, compte {maskedIban}).",
            $"Vos prochaines factures seront prélevées à leur échéance sur ce compte ; un e-mail vous préviendra {preNotificationDays} jour{(preNotificationDays > 1 ? "s" : "")} avant chaque prélèvement.",
            "Les factures dont l'échéance précède la signature du mandat restent à régler par virement.",
        ],
        after: ["Le justificatif du mandat est joint à ce message ; il reste téléchargeable depuis l'espace adhérent, rubrique Factures."]);

    public static EmailContent MandateRevoked(TenantRules rules, string companyName, string reference, DateTimeOffset revokedAt) =>
        EmailTemplates.Compose(rules, $"Mandat SEPA {reference} révoqué",
        [
            "Bonjour,",
            $"Le mandat de prélèvement SEPA {reference} de {companyName} a été révoqué le {Paris(revokedAt)}.",
            "Aucun nouveau prélèvement ne sera présenté ; les prochaines factures sont à régler par un autre moyen de paiement.",
        ]);

    /// <summary>The pre-notification (seed 000: « un mail est transmis au signataire du mandat 2 jours avant la date du prélèvement »).</summary>
    public static EmailContent PreNotification(TenantRules rules, string companyName, string reference, string maskedIban, IReadOnlyList<(string Invoice, decimal Amount, DateOnly On)> debits) =>
        EmailTemplates.Compose(rules, $"Prélèvement SEPA à venir — {companyName}",
        [
            "Bonjour,",
            $"Conformément au mandat SEPA {reference} (identifiant créancier {rules.Payment.CreditorIdentifier}), {rules.Name} prélèvera sur le compte {maskedIban} :",
            .. debits.Select(d => $"• facture {d.Invoice} : {Money.Format(d.Amount)} le {d.On.ToString("dd/MM/yyyy", Fr)}"),
            "Veillez à ce que le compte soit approvisionné à cette date.",
        ]);

    public static EmailContent DebitFailed(TenantRules rules, string companyName, string invoice, decimal amount, DateOnly on, string link) =>
        EmailTemplates.Compose(rules, $"Prélèvement rejeté — facture {invoice}",
        [
            "Bonjour,",
            $"Le prélèvement de {Money.Format(amount)} du {on.ToString("dd/MM/yyyy", Fr)} pour la facture {invoice} de {companyName} a été rejeté par la banque.",
            "La facture est de nouveau à régler : par virement sur le compte indiqué dans la rubrique Factures, ou par un autre moyen proposé.",
        ],
        link: (link, "Voir mes factures"));

    /// <summary>« e•••@domaine.fr »: the signer's e-mail as the receipt prints it.</summary>
    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 1 ? email : $"{email[0]}***{email[at..]}";
    }

    private static string Paris(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, FrenchTime.Paris).ToString("dd/MM/yyyy 'à' HH'h'mm", Fr);
}
