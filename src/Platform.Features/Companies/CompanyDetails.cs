using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Features.Access;

namespace Platform.Features.Companies;

/// <summary>What an employer may change of the company (the SIRET changes through a takeover request, not here).</summary>
public sealed record CompanyDetails(
    string? Name, string? LegalForm, DateOnly? CreationDate, string? NafCode, string? Activity,
    PostalAddress? MainAddress, PostalAddress? BillingAddress, PostalAddress? ConvocationAddress, string? Phone = null, string? Fax = null)
{
    public static readonly IReadOnlyList<string> Fields =
        ["name", "legalForm", "creationDate", "nafCode", "activity", "phone", "fax", "mainAddress", "billingAddress", "convocationAddress"];

    public static string Label(string field) => field switch
    {
        "name" => "Raison sociale", "legalForm" => "Forme juridique", "creationDate" => "Date de création", "nafCode" => "Code NAF",
        "activity" => "Activité", "phone" => "Téléphone", "fax" => "Fax", "mainAddress" => "Adresse de l'entreprise",
        "billingAddress" => "Adresse de facturation", _ => "Adresse de convocation",
    };

    public object? Value(string field) => field switch
    {
        "name" => Name, "legalForm" => LegalForm, "creationDate" => CreationDate, "nafCode" => NafCode, "activity" => Activity,
        "phone" => Phone, "fax" => Fax, "mainAddress" => MainAddress, "billingAddress" => BillingAddress, _ => ConvocationAddress,
    };

    /// <summary>These details with the fields not given taken from <paramref name="current"/> (an absent field is unchanged).</summary>
    public CompanyDetails Over(CompanyDetails current, IReadOnlySet<string> given) => new(
        given.Contains("name") ? Name : current.Name, given.Contains("legalForm") ? LegalForm : current.LegalForm,
        given.Contains("creationDate") ? CreationDate : current.CreationDate, given.Contains("nafCode") ? NafCode : current.NafCode,
        given.Contains("activity") ? Activity : current.Activity, given.Contains("mainAddress") ? MainAddress : current.MainAddress,
        given.Contains("billingAddress") ? BillingAddress : current.BillingAddress, given.Contains("convocationAddress") ? ConvocationAddress : current.ConvocationAddress,
        given.Contains("phone") ? Phone : current.Phone, given.Contains("fax") ? Fax : current.Fax);

    /// <summary>A value as the employer reads it in the list of changes.</summary>
    public static string? Display(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("dd/MM/yyyy"),
        PostalAddress a => string.Join(", ", new[] { a.CompanyName, a.Line1, a.Line2, $"{a.PostalCode} {a.City}" }.Where(x => !string.IsNullOrWhiteSpace(x))),
        _ => value.ToString(),
    };
}

/// <summary>What the employer changed: the fields named, with their new values (the others are not touched when applied).</summary>
public sealed record CompanyDetailsChange(IReadOnlyList<string> Changed, CompanyDetails Values);

/// <summary>The company as its details page shows it: addresses with their fallback to the main one.</summary>
public sealed record CompanyDetailsView(CompanyView Company, DateOnly? CreationDate, string? Activity,
    PostalAddress? MainAddress, PostalAddress? BillingAddress, PostalAddress? ConvocationAddress, string? Phone = null, string? Fax = null)
{
    /// <summary>Where invoices go: the billing address, else the main one.</summary>
    public PostalAddress? EffectiveBillingAddress => BillingAddress ?? MainAddress;
    /// <summary>Where convocations go: the convocation address, else the main one.</summary>
    public PostalAddress? EffectiveConvocationAddress => ConvocationAddress ?? MainAddress;
}

/// <summary>The checks of company details, contacts and addresses, with French messages.</summary>
public static partial class CompanyRules
{
    public static readonly IReadOnlyList<string> ContactFunctions =
        ["Dirigeant", "Responsable des ressources humaines", "Comptable", "Correspondant facturation", "Référent santé et sécurité", "Assistant de direction", "Autre"];

    /// <summary>
    /// Checks and normalises the details. The fields seed 001 marks « * » (legal form, creation date, NAF
    /// code, activity, address, postcode and town, telephone) are required when given: a field not given
    /// (<paramref name="given"/>; null means every field) keeps its value, whatever it is.
    /// </summary>
    public static (CompanyDetails? Details, IReadOnlyList<UserError> Errors) Check(CompanyDetails d, DateOnly today, IReadOnlySet<string>? given = null)
    {
        bool Required(string field) => given is null || given.Contains(field);
        var errors = new List<UserError>();
        var name = Text(d.Name, 200, "name", "la raison sociale", errors, required: true);
        var legalForm = Text(d.LegalForm, 100, "legalForm", "la forme juridique", errors, Required("legalForm"));
        if (d.CreationDate is null && Required("creationDate")) errors.Add(new("REQUIRED", "Indiquez la date de création.", "creationDate"));
        string? naf = null;
        if (!string.IsNullOrWhiteSpace(d.NafCode))
        {
            var m = Naf().Match(d.NafCode.Trim().ToUpperInvariant());
            if (m.Success) naf = m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value;
            else errors.Add(new("INVALID_NAF", "Le code NAF s'écrit avec 4 chiffres et une lettre, par exemple 43.32B.", "nafCode"));
        }
        else if (Required("nafCode")) errors.Add(new("REQUIRED", "Indiquez le code NAF de l'établissement.", "nafCode"));
        var activity = Text(d.Activity, 200, "activity", "l'activité", errors, Required("activity"));
        if (d.CreationDate > today) errors.Add(new("INVALID_DATE", "La date de création ne peut pas être dans le futur.", "creationDate"));
        var phone = Phone(d.Phone, "phone", errors);
        if (phone is null && string.IsNullOrWhiteSpace(d.Phone) && Required("phone")) errors.Add(new("REQUIRED", "Indiquez le téléphone de l'entreprise.", "phone"));
        var fax = Phone(d.Fax, "fax", errors);
        var main = Address(d.MainAddress, "mainAddress", errors);
        if (main is null && errors.All(e => e.Field != "mainAddress") && Required("mainAddress"))
            errors.Add(new("REQUIRED", "Indiquez l'adresse de l'entreprise (numéro et voie, code postal et commune).", "mainAddress"));
        // An address kept as it is (not given) is not refused for a line it was saved without.
        var billing = Address(d.BillingAddress, "billingAddress", errors, withCompanyName: true, companyNameRequired: Required("billingAddress"));
        var convocation = Address(d.ConvocationAddress, "convocationAddress", errors, withCompanyName: true, companyNameRequired: Required("convocationAddress"));
        if (main is null && errors.All(e => e.Field != "mainAddress") && (billing is not null || convocation is not null))
            errors.Add(new("REQUIRED", "Indiquez l'adresse principale : les adresses de facturation et de convocation la complètent.", "mainAddress"));
        return errors.Count > 0 ? (null, errors) : (new CompanyDetails(name, legalForm, d.CreationDate, naf, activity, main, billing, convocation, phone, fax), errors);
    }

    /// <summary>A French address: line, 5-digit postal code, town. An address left wholly empty is none.</summary>
    public static PostalAddress? Address(PostalAddress? a, string field, List<UserError> errors, bool withCompanyName = false, bool companyNameRequired = true)
    {
        if (a is null || (string.IsNullOrWhiteSpace(a.Line1) && string.IsNullOrWhiteSpace(a.Line2) && string.IsNullOrWhiteSpace(a.PostalCode) && string.IsNullOrWhiteSpace(a.City)
            && (!withCompanyName || string.IsNullOrWhiteSpace(a.CompanyName)))) return null;
        var count = errors.Count;
        // Billing and convocation addresses start with the name they are sent to (seed 001: « Raison sociale * »).
        var companyName = withCompanyName ? Text(a.CompanyName, 200, field, "la raison sociale de l'adresse", errors, required: companyNameRequired) : null;
        var line1 = Text(a.Line1, 200, field, "le numéro et la voie de l'adresse", errors, required: true);
        var line2 = Text(a.Line2, 200, field, "le complément d'adresse", errors);
        var postalCode = (a.PostalCode ?? "").Replace(" ", "");
        if (!PostalCode().IsMatch(postalCode)) errors.Add(new("INVALID_POSTAL_CODE", "Le code postal s'écrit avec 5 chiffres.", field));
        var city = Text(a.City, 100, field, "la commune de l'adresse", errors, required: true)?.ToUpperInvariant();
        return errors.Count > count ? null : new PostalAddress(line1!, line2, postalCode, city!, companyName);
    }

    public static (string Function, string Name, string? Email, string? Phone)? CheckContact(string? function, string? name, string? email, string? phone, List<UserError> errors)
    {
        var chosen = ContactFunctions.FirstOrDefault(f => string.Equals(f, function?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (chosen is null) errors.Add(new("INVALID_FUNCTION", $"Choisissez la fonction du contact parmi : {string.Join(", ", ContactFunctions)}.", "function"));
        var person = Text(name, 200, "name", "le nom et prénom du contact", errors, required: true);
        string? mail = null;
        if (!string.IsNullOrWhiteSpace(email))
        {
            if (PersonDetails.EmailProblem(email) is { } problem) errors.Add(problem);
            else mail = email.Trim();
        }
        var tel = Phone(phone, "phone", errors);
        if (mail is null && tel is null && errors.All(e => e.Field is not ("email" or "phone")))
            errors.Add(new("CONTACT_CHANNEL_REQUIRED", "Indiquez au moins un téléphone ou une adresse e-mail pour joindre ce contact.", "phone"));
        return errors.Count > 0 ? null : (chosen!, person!, mail, tel);
    }

    /// <summary>A French phone number written "03 89 36 30 15"; +33 accepted.</summary>
    public static string? Phone(string? value, string field, List<UserError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (value.TrimStart().StartsWith("+33", StringComparison.Ordinal)) digits = "0" + digits[2..];
        if (digits.Length != 10 || digits[0] != '0')
        {
            errors.Add(new("INVALID_PHONE", "Le numéro de téléphone s'écrit avec 10 chiffres, par exemple 03 89 36 30 15.", field));
            return null;
        }
        return string.Join(' ', Enumerable.Range(0, 5).Select(i => digits.Substring(2 * i, 2)));
    }

    public static string? Text(string? value, int max, string field, string what, List<UserError> errors, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(new("REQUIRED", $"Indiquez {what}.", field));
            return null;
        }
        if (text.Length > max) { errors.Add(new("TOO_LONG", $"{Capitalise(what)} ne doit pas dépasser {max} caractères.", field)); return null; }
        return text;
    }

    private static string Capitalise(string what)
    {
        var noun = what.StartsWith("l'", StringComparison.Ordinal) ? what[2..] : what.Split(' ', 2)[1];
        return char.ToUpper(noun[0], CultureInfo.GetCultureInfo("fr-FR")) + noun[1..];
    }

    [GeneratedRegex(@"^(\d{2})\.?(\d{2})([A-Z])$")] private static partial Regex Naf();
    [GeneratedRegex(@"^(\d{5})$")] private static partial Regex PostalCode();
}
