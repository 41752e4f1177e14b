using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Platform.Tenancy.Rules;

/// <summary>
/// Consistency checks across a tenant's rules, beyond what the JSON types enforce. Messages are
/// French because tenant administrators read them when they change a rule.
/// </summary>
public static partial class TenantRulesValidator
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")] private static partial Regex SlugPattern();
    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")] private static partial Regex ColorPattern();
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")] private static partial Regex HostPattern();
    // SVG or PNG: a file's logo is an SVG of tenants/assets; an uploaded one may be either (TenantLogos).
    [GeneratedRegex(@"^[a-zA-Z0-9_-]+\.(svg|png)$")] private static partial Regex LogoPattern();

    public static IReadOnlyList<RuleError> Validate(TenantRules r, Func<string, bool>? logoExists = null)
    {
        var errors = new List<RuleError>();
        void Check(bool ok, string field, string message) { if (!ok) errors.Add(new RuleError(field, message)); }

        Check(SlugPattern().IsMatch(r.Slug), "$.slug", "lettres minuscules, chiffres et tirets uniquement");
        Check(!string.IsNullOrWhiteSpace(r.Name), "$.name", "le nom est obligatoire");
        Check(!string.IsNullOrWhiteSpace(r.DisplayName), "$.displayName", "le nom affiché est obligatoire");
        Check(Naming.FrenchGrammar.Normalize(r.Article) is null || Naming.FrenchGrammar.Articles.Contains(Naming.FrenchGrammar.Normalize(r.Article)!),
            "$.article", "article attendu : « le », « la », « l' » ou « les » (ou rien)");
        for (var i = 0; i < r.Hosts.Count; i++)
            Check(HostPattern().IsMatch(r.Hosts[i]), $"$.hosts[{i}]", "nom d'hôte invalide (minuscules, sans port)");

        // Theme
        Check(ColorPattern().IsMatch(r.Theme.PrimaryColor), "$.theme.primaryColor", "couleur attendue au format #RRGGBB");
        Check(ColorPattern().IsMatch(r.Theme.SecondaryColor), "$.theme.secondaryColor", "couleur attendue au format #RRGGBB");
        if (!LogoPattern().IsMatch(r.Theme.Logo))
            errors.Add(new RuleError("$.theme.logo", "nom de fichier SVG ou PNG attendu (ex. sstrn.svg)"));
        else if (logoExists is not null && !logoExists(r.Theme.Logo))
            errors.Add(new RuleError("$.theme.logo", $"le fichier {r.Theme.Logo} est introuvable dans tenants/assets"));
        Check(!string.IsNullOrWhiteSpace(r.Theme.Contact.Phone), "$.theme.contact.phone", "le téléphone est obligatoire");
        Check(IsEmail(r.Theme.Contact.Email), "$.theme.contact.email", "adresse e-mail invalide");
        Check(!string.IsNullOrWhiteSpace(r.Theme.Contact.OpeningHours), "$.theme.contact.openingHours", "les horaires sont obligatoires");

        ValidateLogin(r, Check);
        Check(!r.Users.SelfRegistration || r.Login.Proof == LoginProof.Password, "$.users.selfRegistration",
            "la création de compte en ligne suppose une connexion par mot de passe");
        // The démarches are how people who created their own account reach a company (seed 000).
        Check(!r.Demarches.Any || r.Users.SelfRegistration, "$.demarches",
            "les démarches supposent que les personnes créent elles-mêmes leur compte (users.selfRegistration)");
        Check(!r.Demarches.Manage || r.Users.SubUsers == SubUserModel.AccessRequest, "$.demarches.manage",
            "la demande de gestion suppose l'ajout des utilisateurs par demande d'accès (users.subUsers = AccessRequest)");
        ValidatePayment(r.Payment, Check);
        ValidateBilling(r.Billing, Check);
        ValidateRates(r.Rates, errors);
        var c = r.Cancellation;
        Check(c.Hours is null ^ c.WorkingDays is null, "$.cancellation", "indiquer soit un délai en heures, soit en jours ouvrés");
        Check(c.Hours is null or (> 0 and <= 720), "$.cancellation.hours", "délai entre 1 et 720 heures");
        Check(c.WorkingDays is null or (> 0 and <= 30), "$.cancellation.workingDays", "délai entre 1 et 30 jours ouvrés");
        ValidateDeclaration(r.Declaration, Check);

        var lockout = r.EmployerChanges.EmployeeSectionLock;
        if (lockout is not null)
        {
            Check(lockout.Month is >= 1 and <= 12, "$.employerChanges.employeeSectionLock.month", "mois entre 1 et 12");
            Check(!string.IsNullOrWhiteSpace(lockout.Message), "$.employerChanges.employeeSectionLock.message", "le message affiché aux adhérents est obligatoire");
        }
        Check(!r.EmployerChanges.TakesEffectNextDay || r.EmployerChanges.NeedStaffValidation != StaffValidation.None,
            "$.employerChanges.takesEffectNextDay", "un changement sans validation prend effet immédiatement");
        return errors;
    }

    private static void ValidateLogin(TenantRules r, Action<bool, string, string> check)
    {
        var login = r.Login;
        if (login.Proof == LoginProof.Password)
        {
            check(login.PasswordRule is not null, "$.login.passwordRule", "obligatoire quand la connexion se fait par mot de passe");
            check(login.EmailCode is null, "$.login.emailCode", "sans objet quand la connexion se fait par mot de passe");
            if (login.PasswordRule is { } p)
            {
                check(p.MinLength is >= 8 and <= 128, "$.login.passwordRule.minLength", "longueur minimale entre 8 et 128 caractères");
                check(p.IsAtLeast(PasswordRule.PlatformMinimum), "$.login.passwordRule",
                    "une règle de service ne peut qu'être plus stricte que le minimum de la plateforme (8 caractères avec majuscule, minuscule, chiffre et caractère spécial)");
            }
        }
        else
        {
            check(login.Identifier == LoginIdentifier.Email, "$.login.identifier", "le code à usage unique est envoyé par e-mail : l'identifiant doit être l'e-mail");
            check(login.PasswordRule is null, "$.login.passwordRule", "aucun mot de passe n'existe quand la connexion se fait par code");
            check(login.EmailCode is not null, "$.login.emailCode", "obligatoire quand la connexion se fait par code");
            if (login.EmailCode is { } code)
            {
                check(code.Digits is >= 6 and <= 8, "$.login.emailCode.digits", "entre 6 et 8 chiffres");
                check(code.ValidityMinutes is >= 1 and <= 60, "$.login.emailCode.validityMinutes", "validité entre 1 et 60 minutes");
                check(code.MaxWrongTries is >= 1 and <= 10, "$.login.emailCode.maxWrongTries", "entre 1 et 10 essais");
                check(code.ResendAfterSeconds is >= 0 and <= 600, "$.login.emailCode.resendAfterSeconds", "entre 0 et 600 secondes");
            }
        }
        var lockout = login.Lockout;
        switch (lockout.Mode)
        {
            case LockoutMode.Temporary:
                check(lockout.MaxFailures > 0, "$.login.lockout.maxFailures", "nombre d'échecs supérieur à 0");
                check(lockout.LockMinutes is > 0, "$.login.lockout.lockMinutes", "durée de blocage obligatoire");
                break;
            case LockoutMode.UntilUnlockedByStaff:
                check(lockout.MaxFailures > 0, "$.login.lockout.maxFailures", "nombre d'échecs supérieur à 0");
                check(lockout.LockMinutes is null, "$.login.lockout.lockMinutes", "sans objet : le compte reste bloqué jusqu'au déblocage");
                check(!string.IsNullOrWhiteSpace(lockout.Message), "$.login.lockout.message", "le message indiquant qui appeler est obligatoire");
                break;
        }
        check(login.ConnectionHistorySize is >= 0 and <= 50, "$.login.connectionHistorySize", "entre 0 et 50 connexions");
        check(!login.ProxyLogin || r.Users.AccountantAccess == AccountantAccess.ProxyLogin,
            "$.users.accountantAccess", "la connexion mandataire suppose un accès des cabinets par mandataire");
        check(login.ProxyLogin || r.Users.AccountantAccess != AccountantAccess.ProxyLogin,
            "$.login.proxyLogin", "l'accès des cabinets par mandataire suppose la connexion mandataire");
    }

    private static void ValidatePayment(PaymentRules p, Action<bool, string, string> check)
    {
        check(p.Methods.Count > 0, "$.payment.methods", "au moins un moyen de paiement");
        check(p.Methods.Distinct().Count() == p.Methods.Count, "$.payment.methods", "moyen de paiement en double");
        var sepa = p.Methods.Contains(PaymentMethod.SepaDebit);
        check(p.SepaDiscountPercent is >= 0 and <= 100, "$.payment.sepaDiscountPercent", "pourcentage entre 0 et 100");
        check(sepa || p.SepaDiscountPercent == 0, "$.payment.sepaDiscountPercent", "une remise SEPA suppose le prélèvement SEPA");
        check(!sepa || p.SepaPreNotificationDays is >= 1 and <= 30, "$.payment.sepaPreNotificationDays", "préavis de prélèvement entre 1 et 30 jours (14 par défaut en SEPA)");
        check(sepa || p.SepaPreNotificationDays is null, "$.payment.sepaPreNotificationDays", "sans objet sans prélèvement SEPA");
        check(p.BeforeMandateMethod is null || (p.BeforeMandateMethod != PaymentMethod.SepaDebit && p.Methods.Contains(p.BeforeMandateMethod.Value)),
            "$.payment.beforeMandateMethod", "doit être un autre moyen de paiement accepté");
        check(!p.ChosenAtDeclaration || p.Methods.Count > 1, "$.payment.chosenAtDeclaration", "un choix suppose plusieurs moyens de paiement");
        check(!sepa || (p.CreditorIdentifier is { } ics && System.Text.RegularExpressions.Regex.IsMatch(ics, "^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$")),
            "$.payment.creditorIdentifier", "identifiant créancier SEPA (ICS) au format FRkkZZZnnnnnn, obligatoire avec le prélèvement");
        check(p.BankDetails is null || System.Text.RegularExpressions.Regex.IsMatch(p.BankDetails.Iban, "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$"),
            "$.payment.bankDetails.iban", "IBAN sans espaces, en majuscules");
    }

    private static void ValidateBilling(BillingRules b, Action<bool, string, string> check)
    {
        check(b.Instalments is >= 1 and <= 12, "$.billing.instalments", "entre 1 et 12 échéances");
        check(b.Cycle == BillingCycle.Annual || b.Instalments == 1, "$.billing.instalments", "l'échéancier ne s'applique qu'à la cotisation annuelle");
        check(b.Cycle != BillingCycle.Quarterly || b.Instalments == 1, "$.billing.instalments", "facturation trimestrielle : une seule échéance par trimestre");
        // L441-10: at most 60 days from the invoice between professionals.
        check(b.PaymentTermDays is >= 0 and <= 60, "$.billing.paymentTermDays", "délai de paiement entre 0 et 60 jours");
        check(b.RunAfterDays is >= 0 and <= 90, "$.billing.runAfterDays", "entre 0 et 90 jours après le début de la période");
        check(b.Mentions.RecoveryIndemnity >= 40m, "$.billing.mentions.recoveryIndemnity", "l'indemnité forfaitaire de recouvrement est d'au moins 40 €");
        check(!string.IsNullOrWhiteSpace(b.Mentions.LatePaymentPenalty), "$.billing.mentions.latePaymentPenalty", "le taux des pénalités de retard est une mention obligatoire");
        check(!string.IsNullOrWhiteSpace(b.Mentions.EarlyPaymentDiscount), "$.billing.mentions.earlyPaymentDiscount", "les conditions d'escompte sont une mention obligatoire");
    }

    private static void ValidateRates(IReadOnlyList<RateRules> rates, List<RuleError> errors)
    {
        if (rates.Count == 0) errors.Add(new RuleError("$.rates", "au moins un barème annuel"));
        for (var i = 0; i < rates.Count; i++)
        {
            var rate = rates[i];
            var at = $"$.rates[{i}]";
            if (rate.Year is < 2000 or > 2100) errors.Add(new RuleError($"{at}.year", "année invalide"));
            if (rates.Take(i).Any(o => o.Year == rate.Year)) errors.Add(new RuleError($"{at}.year", $"barème {rate.Year} en double"));
            if (rate.PerEmployee <= 0 || decimal.Round(rate.PerEmployee, 2) != rate.PerEmployee)
                errors.Add(new RuleError($"{at}.perEmployee", "montant positif en euros, au centime"));
            else if (!rate.ApprovedOutsideNationalRange && NationalAverageCost.RangeFor(rate.Year) is { } range
                     && !NationalAverageCost.IsWithinRange(rate.Year, rate.PerEmployee))
                errors.Add(new RuleError($"{at}.perEmployee",
                    $"{rate.PerEmployee:0.00} € est hors de la fourchette légale {rate.Year} ({range.Min:0.00} € – {range.Max:0.00} €, 80 à 120 % du coût moyen national) : une approbation de l'assemblée générale doit être confirmée",
                    RuleError.RateOutsideNationalRange));
            if (rate.ApprenticeVisit is <= 0) errors.Add(new RuleError($"{at}.apprenticeVisit", "montant positif"));
            if (rate.TempWorkerVisit is <= 0) errors.Add(new RuleError($"{at}.tempWorkerVisit", "montant positif"));
            if (rate.EntryFee is <= 0) errors.Add(new RuleError($"{at}.entryFee", "montant positif"));
            if (rate.VatPercent is < 0 or > 100) errors.Add(new RuleError($"{at}.vatPercent", "taux de TVA entre 0 et 100 %"));
        }
    }

    private static void ValidateDeclaration(DeclarationRules d, Action<bool, string, string> check)
    {
        switch (d.Window)
        {
            case DeclarationWindow.YearlyMonths:
                check(d.OpensMonth is >= 1 and <= 12, "$.declaration.opensMonth", "mois d'ouverture entre 1 et 12");
                check(d.ClosesMonth is >= 1 and <= 12, "$.declaration.closesMonth", "mois de clôture entre 1 et 12");
                check(d.OpensMonth is null || d.ClosesMonth is null || d.OpensMonth <= d.ClosesMonth, "$.declaration.closesMonth", "la clôture précède l'ouverture");
                check(d.Campaigns.Count == 0, "$.declaration.campaigns", "sans objet pour une fenêtre annuelle");
                break;
            case DeclarationWindow.AnyTime:
                check(d.OpensMonth is null && d.ClosesMonth is null, "$.declaration.opensMonth", "sans objet : la déclaration est ouverte toute l'année");
                check(d.Campaigns.Count == 0, "$.declaration.campaigns", "sans objet : la déclaration est ouverte toute l'année");
                break;
            case DeclarationWindow.Campaigns:
                check(d.Campaigns.Count > 0, "$.declaration.campaigns", "au moins une campagne");
                check(d.OpensMonth is null && d.ClosesMonth is null, "$.declaration.opensMonth", "sans objet : les dates viennent des campagnes");
                for (var i = 0; i < d.Campaigns.Count; i++)
                {
                    var c = d.Campaigns[i];
                    check(c.OpensOn < c.ClosesOn, $"$.declaration.campaigns[{i}].closesOn", "la clôture doit suivre l'ouverture");
                    check(c.DueOn >= c.OpensOn && c.DueOn <= c.ClosesOn, $"$.declaration.campaigns[{i}].dueOn", "l'échéance doit tomber pendant la campagne");
                    check(d.Campaigns.Take(i).All(o => o.Year != c.Year), $"$.declaration.campaigns[{i}].year", "campagne en double pour cette année");
                }
                break;
        }
        check(d.EditableDaysAfterSubmission is >= 0 and <= 90, "$.declaration.editableDaysAfterSubmission", "entre 0 et 90 jours");
        check(d.Steps.Distinct().Count() == d.Steps.Count, "$.declaration.steps", "étape en double");
        check(d.Steps.Contains(DeclarationStep.Employees) && d.Steps.Contains(DeclarationStep.Estimate) && d.Steps.Count > 0 && d.Steps[^1] == DeclarationStep.Signature,
            "$.declaration.steps", "le contrôle de la liste et l'estimatif sont obligatoires, la signature vient en dernier");
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.');
}
