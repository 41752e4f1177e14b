using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Features.Companies;
using Platform.Features.Imports;
using Platform.Features.Regulation;

namespace Platform.Features.Employees;

/// <summary>What an employee is declared with, before it is checked.</summary>
public sealed record EmployeeDraft(
    string? Civility, string? FirstName, string? BirthName, string? MarriedName, DateOnly? BirthDate, string? Ins,
    string? Contract, DateOnly? StartDate, Guid? WorkstationId = null, FollowUpCategory? DeclaredFollowUp = null);

/// <summary>A checked declaration: names trimmed, civility spelt out, the NIR normalised (still in clear: encrypt before storing).</summary>
public sealed record CheckedEmployee(
    string Civility, string FirstName, string BirthName, string? MarriedName, DateOnly BirthDate, string? Nir,
    string Contract, DateOnly StartDate, Guid? WorkstationId, FollowUpCategory? DeclaredFollowUp);

/// <summary>The checks of an employee declaration (SPEC.md 3.4 and 4.5, seed 001), shared by the form, the API and the imports.</summary>
public static partial class EmployeeRules
{
    public const string Madame = "Madame";
    public const string Monsieur = "Monsieur";
    public const int MinimumAge = 14;
    public const int NameMaxLength = 100;

    /// <summary>The contract types offered; temp-worker accounts only take the last two (seed 000).</summary>
    public static readonly IReadOnlyList<string> Contracts =
        ["CDI", "CDD", "Apprentissage", "Contrat de professionnalisation", "Stage", "Saisonnier", "Intermittent", .. TempAgency.TempContracts];

    public static IReadOnlyList<string> ContractsFor(bool tempWorkerAccount) => tempWorkerAccount ? TempAgency.TempContracts : Contracts;

    public static string? Civility(string? value) => Csv.Fold(value ?? "") switch
    {
        "madame" or "mme" or "mademoiselle" or "mlle" or "f" => Madame,
        "monsieur" or "m" or "mr" or "h" => Monsieur,
        _ => null,
    };

    public static (CheckedEmployee? Employee, IReadOnlyList<UserError> Errors) Check(EmployeeDraft draft, DateOnly today, bool tempWorkerAccount)
    {
        var errors = new List<UserError>();
        var civility = Civility(draft.Civility);
        if (civility is null) errors.Add(new("INVALID_CIVILITY", "Indiquez la civilité : Madame ou Monsieur.", "civility"));
        var firstName = Name(draft.FirstName, "firstName", "le prénom", errors);
        var birthName = Name(draft.BirthName, "birthName", "le nom de naissance", errors)?.ToUpperInvariant();
        var marriedName = string.IsNullOrWhiteSpace(draft.MarriedName) ? null : Name(draft.MarriedName, "marriedName", "le nom marital", errors)?.ToUpperInvariant();

        var birthDate = draft.BirthDate;
        if (birthDate is null) errors.Add(new("REQUIRED", "Indiquez la date de naissance (JJ/MM/AAAA).", "birthDate"));
        else if (birthDate > today.AddYears(-MinimumAge)) errors.Add(new("TOO_YOUNG", $"La date de naissance donne moins de {MinimumAge} ans : vérifiez-la.", "birthDate"));
        else if (birthDate < today.AddYears(-100)) errors.Add(new("INVALID_BIRTH_DATE", "La date de naissance donne plus de 100 ans : vérifiez-la.", "birthDate"));

        string? nir = null;
        if (!string.IsNullOrWhiteSpace(draft.Ins))
        {
            nir = Nir.Normalize(draft.Ins);
            if (nir is null) errors.Add(new("INVALID_INS", "Le numéro INS (sécurité sociale) est incorrect : vérifiez les 13 caractères et la clé à 2 chiffres.", "ins"));
            else if (NirMismatch(nir, civility, birthDate) is { } mismatch) errors.Add(mismatch);
        }

        var contract = Contracts.FirstOrDefault(c => Csv.Fold(c) == Csv.Fold(draft.Contract ?? ""));
        var allowed = ContractsFor(tempWorkerAccount);
        if (string.IsNullOrWhiteSpace(draft.Contract)) errors.Add(new("REQUIRED", "Indiquez le type de contrat.", "contract"));
        else if (contract is null || !allowed.Contains(contract))
            errors.Add(new(tempWorkerAccount && contract is not null ? "TEMP_CONTRACT_ONLY" : "INVALID_CONTRACT",
                tempWorkerAccount
                    ? "Sur un compte intérimaires, le contrat est « Intérim » ou « CDI intérim »."
                    : $"Type de contrat inconnu : choisissez parmi {string.Join(", ", allowed)}.", "contract"));

        var startDate = draft.StartDate;
        if (startDate is null) errors.Add(new("REQUIRED", "Indiquez la date d'entrée (JJ/MM/AAAA).", "startDate"));
        else if (startDate > today.AddYears(1)) errors.Add(new("INVALID_START_DATE", "La date d'entrée ne peut pas dépasser d'un an la date du jour.", "startDate"));
        else if (birthDate is not null && errors.All(e => e.Field != "birthDate") && startDate < birthDate.Value.AddYears(MinimumAge))
            errors.Add(new("INVALID_START_DATE", $"À la date d'entrée, le salarié aurait moins de {MinimumAge} ans : vérifiez les dates.", "startDate"));

        return errors.Count > 0
            ? (null, errors)
            : (new CheckedEmployee(civility!, firstName!, birthName!, marriedName, birthDate!.Value, nir, contract!, startDate!.Value, draft.WorkstationId, draft.DeclaredFollowUp), errors);
    }

    /// <summary>The NIR carries the sex (1 man, 2 woman) and the year and month of birth: they must agree with the rest.</summary>
    public static UserError? NirMismatch(string nir, string? civility, DateOnly? birthDate)
    {
        if ((nir[0] == '1' && civility == Madame) || (nir[0] == '2' && civility == Monsieur))
            return new("INS_MISMATCH", "Le premier chiffre de l'INS (1 pour un homme, 2 pour une femme) ne correspond pas à la civilité.", "ins");
        if (birthDate is { } date)
        {
            var year = int.Parse(nir.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var month = int.Parse(nir.AsSpan(3, 2), CultureInfo.InvariantCulture);
            if (year != date.Year % 100 || (month is >= 1 and <= 12 && month != date.Month))
                return new("INS_MISMATCH", "L'année ou le mois de naissance inscrits dans l'INS ne correspondent pas à la date de naissance.", "ins");
        }
        return null;
    }

    private static string? Name(string? value, string field, string what, List<UserError> errors)
    {
        var name = Regex.Replace(value ?? "", @"\s+", " ").Trim();
        if (name.Length == 0) { errors.Add(new("REQUIRED", $"Indiquez {what}.", field)); return null; }
        if (name.Length > NameMaxLength) { errors.Add(new("TOO_LONG", $"{char.ToUpperInvariant(what[3])}{what[4..]} ne doit pas dépasser {NameMaxLength} caractères.", field)); return null; }
        if (!NamePattern().IsMatch(name)) { errors.Add(new("INVALID_NAME", $"Écrivez {what} en lettres, avec si besoin des espaces, tirets ou apostrophes.", field)); return null; }
        return name;
    }

    [GeneratedRegex(@"^\p{L}[\p{L}\p{M} '’\-\.]*$")]
    private static partial Regex NamePattern();

    /// <summary>The list's sort and search key: "BIRTHNAME FIRSTNAME", upper-case, without accents.</summary>
    public static string SortName(string birthName, string firstName) => Fold($"{birthName} {firstName}");

    public static string Fold(string text)
    {
        var decomposed = text.ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c is '’' ? '\'' : c);
        return folded.ToString();
    }
}
