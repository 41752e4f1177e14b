using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Features.TenantSettings;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>
/// Rules as a tenant administrator reads them: the French name of a rule (a path of the tenant file) and
/// its value as a sentence, never JSON — for the overview, the history and the error summary.
/// </summary>
public static partial class RuleText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    [GeneratedRegex(@"\[\d+\]")] private static partial Regex Index();

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["name"] = "Nom du service", ["displayName"] = "Nom affiché",
        ["theme"] = "Thème", ["theme.primaryColor"] = "Couleur principale", ["theme.secondaryColor"] = "Couleur secondaire",
        ["theme.logo"] = "Logo", ["theme.contact"] = "Coordonnées du service", ["theme.contact.phone"] = "Téléphone",
        ["theme.contact.email"] = "E-mail de contact", ["theme.contact.openingHours"] = "Horaires", ["theme.contact.address"] = "Adresse",
        ["login"] = "Connexion", ["login.identifier"] = "Identifiant de connexion", ["login.proof"] = "Preuve de connexion",
        ["login.passwordRule"] = "Règle de mot de passe", ["login.passwordRule.minLength"] = "Longueur minimale du mot de passe",
        ["login.emailCode"] = "Code envoyé par e-mail", ["login.emailCode.digits"] = "Chiffres du code",
        ["login.emailCode.validityMinutes"] = "Validité du code", ["login.emailCode.maxWrongTries"] = "Essais du code",
        ["login.emailCode.resendAfterSeconds"] = "Renvoi du code",
        ["login.lockout"] = "Blocage après échecs", ["login.lockout.mode"] = "Blocage après échecs",
        ["login.lockout.maxFailures"] = "Échecs avant blocage", ["login.lockout.lockMinutes"] = "Durée du blocage",
        ["login.lockout.message"] = "Message du compte bloqué",
        ["login.connectionHistorySize"] = "Historique des connexions", ["login.proxyLogin"] = "Connexion mandataire",
        ["users"] = "Utilisateurs", ["users.subUsers"] = "Ajout des utilisateurs", ["users.accountantAccess"] = "Accès des cabinets comptables",
        ["users.selfRegistration"] = "Création de compte en ligne",
        ["payment"] = "Paiement", ["payment.methods"] = "Moyens de paiement", ["payment.sepaDiscountPercent"] = "Remise pour prélèvement SEPA",
        ["payment.sepaPreNotificationDays"] = "Préavis de prélèvement", ["payment.beforeMandateMethod"] = "Paiement avant la signature du mandat",
        ["payment.chosenAtDeclaration"] = "Choix du moyen de paiement à la déclaration",
        ["payment.creditorIdentifier"] = "Identifiant créancier SEPA (ICS)", ["payment.bankDetails"] = "Coordonnées bancaires",
        ["payment.bankDetails.accountHolder"] = "Titulaire du compte", ["payment.bankDetails.iban"] = "IBAN",
        ["payment.bankDetails.bic"] = "BIC", ["payment.bankDetails.bankName"] = "Banque",
        ["billing"] = "Facturation", ["billing.cycle"] = "Rythme de facturation", ["billing.instalments"] = "Nombre d'échéances",
        ["billing.paymentTermDays"] = "Délai de paiement", ["billing.issuerVatNumber"] = "N° de TVA intracommunautaire du service",
        ["billing.issuerSiret"] = "SIRET du service", ["billing.mentions"] = "Mentions des factures",
        ["billing.mentions.latePaymentPenalty"] = "Pénalités de retard", ["billing.mentions.recoveryIndemnity"] = "Indemnité de recouvrement",
        ["billing.mentions.earlyPaymentDiscount"] = "Escompte pour paiement anticipé",
        ["rates"] = "Barèmes annuels", ["rates.year"] = "Année du barème", ["rates.perEmployee"] = "Cotisation par salarié",
        ["rates.apprenticeVisit"] = "Visite d'apprenti", ["rates.tempWorkerVisit"] = "Visite d'intérimaire",
        ["rates.entryFee"] = "Droit d'entrée", ["rates.vatPercent"] = "Taux de TVA",
        ["cancellation"] = "Délai d'annulation des rendez-vous", ["cancellation.notice"] = "Délai d'annulation des rendez-vous",
        ["cancellation.hours"] = "Délai d'annulation en heures",
        ["cancellation.workingDays"] = "Délai d'annulation en jours ouvrés", ["cancellation.appointmentChannel"] = "Annulation d'un rendez-vous dans le délai",
        ["cancellation.pendingRequestsCancelOnline"] = "Annulation en ligne des demandes en attente",
        ["holidayCalendar"] = "Calendrier des jours fériés",
        ["visitPlanning.requestsFromPeriodicity"] = "Demandes de visite créées d'après la périodicité",
        ["declaration"] = "Déclaration annuelle", ["declaration.window"] = "Période de déclaration",
        ["declaration.opensMonth"] = "Mois d'ouverture", ["declaration.closesMonth"] = "Mois de clôture",
        ["declaration.campaigns"] = "Campagnes de déclaration", ["declaration.campaigns.year"] = "Année de la campagne",
        ["declaration.campaigns.opensOn"] = "Ouverture de la campagne", ["declaration.campaigns.closesOn"] = "Clôture de la campagne",
        ["declaration.campaigns.dueOn"] = "Échéance de la campagne",
        ["declaration.editableDaysAfterSubmission"] = "Modification après l'envoi", ["declaration.notDueInJoiningYear"] = "Pas de déclaration l'année de l'adhésion",
        ["employerChanges"] = "Changements des adhérents", ["employerChanges.needStaffValidation"] = "Changements validés par le service",
        ["employerChanges.takesEffectNextDay"] = "Prise d'effet le lendemain de la validation",
        ["employerChanges.employeesVisibleAfterDeclaration"] = "Salariés visibles après la déclaration",
        ["employerChanges.employeeSectionLock"] = "Verrouillage de la rubrique « Mes salariés »",
        ["employerChanges.employeeSectionLock.month"] = "Mois du verrouillage", ["employerChanges.employeeSectionLock.message"] = "Message du verrouillage",
    };

    /// <summary>Enum values by property name (several enums share "None").</summary>
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["identifier:Email"] = "l'adresse e-mail", ["identifier:MemberNumber"] = "le numéro d'adhérent",
        ["proof:Password"] = "mot de passe", ["proof:EmailCode"] = "code à usage unique envoyé par e-mail",
        ["mode:None"] = "aucun blocage", ["mode:Temporary"] = "blocage temporaire", ["mode:UntilUnlockedByStaff"] = "blocage jusqu'au déblocage par le service",
        ["subUsers:DelegatedByStaff"] = "créés par le service", ["subUsers:AccessRequest"] = "sur demande d'accès",
        ["subUsers:EmployerInvitation"] = "invités par l'employeur", ["subUsers:ProxyAccounts"] = "comptes mandataires",
        ["accountantAccess:None"] = "aucun accès", ["accountantAccess:AccessRequest"] = "sur demande d'accès",
        ["accountantAccess:ExternalUser"] = "utilisateur externe invité", ["accountantAccess:ProxyLogin"] = "connexion mandataire",
        ["SepaDebit"] = "prélèvement SEPA", ["Card"] = "carte bancaire", ["Transfer"] = "virement", ["Cheque"] = "chèque",
        ["cycle:Monthly"] = "mensuelle", ["cycle:Quarterly"] = "trimestrielle", ["cycle:Annual"] = "annuelle",
        ["appointmentChannel:Online"] = "en ligne, immédiatement", ["appointmentChannel:MedicalSecretary"] = "par téléphone au secrétariat médical",
        ["appointmentChannel:Request"] = "par une demande confirmée par le service",
        ["holidayCalendar:France"] = "France", ["holidayCalendar:AlsaceMoselle"] = "Alsace-Moselle (Vendredi saint et 26 décembre en plus)",
        ["window:YearlyMonths"] = "chaque année, certains mois", ["window:AnyTime"] = "toute l'année", ["window:Campaigns"] = "par campagnes datées",
        ["needStaffValidation:None"] = "aucune validation", ["needStaffValidation:NewEmployees"] = "les nouveaux salariés",
        ["needStaffValidation:AllChanges"] = "tous les changements",
    };

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["sepaDiscountPercent"] = "%", ["vatPercent"] = "%", ["perEmployee"] = "€ HT", ["apprenticeVisit"] = "€ HT",
        ["tempWorkerVisit"] = "€ HT", ["entryFee"] = "€ HT", ["recoveryIndemnity"] = "€", ["sepaPreNotificationDays"] = "jours", ["paymentTermDays"] = "jours",
        ["hours"] = "heures", ["workingDays"] = "jours ouvrés", ["connectionHistorySize"] = "connexions",
        ["editableDaysAfterSubmission"] = "jours", ["lockMinutes"] = "minutes", ["minLength"] = "caractères",
        ["validityMinutes"] = "minutes", ["resendAfterSeconds"] = "secondes", ["maxFailures"] = "échecs", ["maxWrongTries"] = "essais",
        ["instalments"] = "échéances", ["digits"] = "chiffres",
    };

    private static readonly HashSet<string> Months = ["opensMonth", "closesMonth", "month"];

    /// <summary>The French name of a rule; "rates[1].perEmployee" reads "Cotisation par salarié (barème 2)".</summary>
    public static string Label(string path)
    {
        var plain = Index().Replace(path, "");
        if (Labels.TryGetValue(plain, out var label))
        {
            var index = Index().Match(path);
            return index.Success ? $"{label} (ligne {int.Parse(index.Value.Trim('[', ']')) + 1})" : label;
        }
        return path;
    }

    public static string Option(string property, string value) =>
        Values.TryGetValue($"{property}:{value}", out var text) || Values.TryGetValue(value, out text) ? text : value;

    public static string MonthName(int month) => month is >= 1 and <= 12 ? French.DateTimeFormat.GetMonthName(month) : month.ToString(French);

    /// <summary>A rule's value (JSON text) as French text.</summary>
    public static string Describe(string path, string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException) { return json; }
        return Describe(Index().Replace(path, "").Split('.')[^1], node);
    }

    public static string Describe(string property, JsonNode? node)
    {
        switch (node)
        {
            case null: return "aucune valeur";
            case JsonArray array when property == "rates":
                return array.Count == 0 ? "aucun barème" : string.Join(" ; ", array.Select(Rate));
            case JsonArray array when property == "campaigns":
                return array.Count == 0 ? "aucune campagne" : string.Join(" ; ", array.Select(Campaign));
            case JsonArray array:
                return array.Count == 0 ? "aucun" : string.Join(", ", array.Select(i => Describe(property, i)));
            case JsonObject o when property == "lockout":
                return Lockout(o);
            case JsonObject o:
                var parts = o.Where(p => p.Value is not null && p.Key != "approvedOutsideNationalRange")
                    .Select(p => $"{Label(property, p.Key)} : {Describe(p.Key, p.Value)}").ToList();
                return parts.Count == 0 ? "vide" : string.Join(" ; ", parts);
            case JsonValue v when v.TryGetValue<bool>(out var b):
                return b ? "oui" : "non";
            case JsonValue v when v.TryGetValue<decimal>(out var d):
                if (Months.Contains(property)) return MonthName((int)d);
                // Amounts to the cent; other figures as people write them (1,5 %, 48 heures).
                var number = d.ToString(Units.GetValueOrDefault(property)?.StartsWith('€') == true ? "0.00" : "0.##", French);
                return Units.TryGetValue(property, out var unit) ? $"{number} {unit}" : number;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (property == "logo")
                    return TenantLogos.Uploaded(s) is { } up ? $"logo téléversé ({(up.ContentType == "image/png" ? "PNG" : "SVG")})" : $"logo du fichier ({s})";
                if (DateOnly.TryParseExact(s, "yyyy-MM-dd", out var date)) return date.ToString("dd/MM/yyyy", French);
                return s.Length == 0 ? "vide" : Option(property, s);
            default:
                return node.ToJsonString();
        }
    }

    private static readonly Dictionary<string, string> PartLabels = new(StringComparer.Ordinal)
    {
        ["minLength"] = "longueur minimale", ["requireUpper"] = "majuscule", ["requireLower"] = "minuscule", ["requireDigit"] = "chiffre",
        ["requireSpecial"] = "caractère spécial", ["strengthMeter"] = "jauge de robustesse", ["digits"] = "chiffres",
        ["validityMinutes"] = "validité", ["maxWrongTries"] = "essais", ["resendAfterSeconds"] = "renvoi après",
        ["accountHolder"] = "titulaire", ["iban"] = "IBAN", ["bic"] = "BIC", ["bankName"] = "banque",
        ["phone"] = "téléphone", ["email"] = "e-mail", ["openingHours"] = "horaires", ["address"] = "adresse",
        ["month"] = "mois", ["message"] = "message", ["hours"] = "heures", ["workingDays"] = "jours ouvrés",
        ["appointmentChannel"] = "dans le délai", ["pendingRequestsCancelOnline"] = "demandes en attente annulables en ligne",
        ["latePaymentPenalty"] = "pénalités de retard", ["recoveryIndemnity"] = "indemnité de recouvrement", ["earlyPaymentDiscount"] = "escompte",
        ["primaryColor"] = "couleur principale", ["secondaryColor"] = "couleur secondaire", ["logo"] = "logo", ["contact"] = "coordonnées",
    };

    private static string Label(string parent, string key) => PartLabels.GetValueOrDefault(key) ?? Label($"{parent}.{key}");

    private static string Rate(JsonNode? node)
    {
        if (node is not JsonObject r) return Describe("", node);
        var text = $"{r["year"]} : {Describe("perEmployee", r["perEmployee"])} par salarié, TVA {Describe("vatPercent", r["vatPercent"])}";
        if (r["apprenticeVisit"] is { } a) text += $", visite d'apprenti {Describe("apprenticeVisit", a)}";
        if (r["tempWorkerVisit"] is { } t) text += $", visite d'intérimaire {Describe("tempWorkerVisit", t)}";
        if (r["entryFee"] is { } e) text += $", droit d'entrée {Describe("entryFee", e)}";
        if (r["approvedOutsideNationalRange"]?.GetValue<bool>() == true) text += " (hors fourchette, approuvé par l'assemblée générale)";
        return text;
    }

    private static string Campaign(JsonNode? node) => node is JsonObject c
        ? $"{c["year"]} : du {Describe("opensOn", c["opensOn"])} au {Describe("closesOn", c["closesOn"])}, échéance le {Describe("dueOn", c["dueOn"])}"
        : Describe("", node);

    private static string Lockout(JsonObject o)
    {
        var mode = Option("mode", o["mode"]?.GetValue<string>() ?? "");
        if (o["maxFailures"] is { } failures && o["mode"]?.GetValue<string>() != "None") mode += $" après {Describe("maxFailures", failures)}";
        if (o["lockMinutes"] is { } minutes) mode += $", pendant {Describe("lockMinutes", minutes)}";
        if (o["message"] is { } message) mode += $" ; message : « {message.GetValue<string>()} »";
        return mode;
    }
}
