using System.Text;

namespace Platform.Features.Payments.Sepa;

/// <summary>An IBAN as typed (spaces allowed, any case) once checked: upper case, no spaces.</summary>
public sealed record IbanCheck(string? Iban, UserError? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// The IBAN check of SPEC.md 4.5: the first 4 characters moved to the end, letters turned into numbers
/// (A = 10 … Z = 35), the result mod 97 is 1. French IBANs (and Monaco's, same bank codes) have 27 characters.
/// Only SEPA debits use it: the member's account never leaves this check unencrypted (see SepaIbanProtection).
/// </summary>
public static class Iban
{
    public const string Field = "iban";

    public static IbanCheck Check(string? input)
    {
        var iban = Normalize(input);
        if (iban.Length == 0)
            return Fail("IBAN_REQUIRED", "Saisissez l'IBAN du compte à débiter (il figure sur votre RIB).");
        if (!iban.All(char.IsAsciiLetterOrDigit))
            return Fail("IBAN_INVALID", "L'IBAN ne contient que des lettres et des chiffres (les espaces sont acceptés).");
        if (iban.Length < 15 || !char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
            return Fail("IBAN_INVALID", "Un IBAN commence par le code du pays et deux chiffres de contrôle, par exemple FR76….");
        if (iban.StartsWith("FR") || iban.StartsWith("MC"))
        {
            if (iban.Length != 27)
                return Fail("IBAN_LENGTH", $"Un IBAN français compte 27 caractères ; celui saisi en compte {iban.Length}.");
        }
        else if (iban.Length > 34)
            return Fail("IBAN_LENGTH", "Un IBAN compte au plus 34 caractères.");
        if (Mod97(iban[4..] + iban[..4]) != 1)
            return Fail("IBAN_CHECKSUM", "Cet IBAN n'est pas valide : vérifiez-le sur votre RIB (une erreur de saisie est probable).");
        return new IbanCheck(iban, null);
    }

    /// <summary>Upper case without spaces (as it is typed or printed by groups of four).</summary>
    public static string Normalize(string? input) =>
        string.Concat((input ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();

    /// <summary>The last 4 characters: all that is shown of a member's IBAN once stored.</summary>
    public static string Last4(string iban) => iban.Length <= 4 ? iban : iban[^4..];

    /// <summary>« FR** **** … 7879 »: all a page, an e-mail or the receipt prints of a member's IBAN.</summary>
    public static string Masked(string country, string last4) => $"{country}** **** … {last4}";

    /// <summary>Grouped by 4 for reading (the tenant's own account on the invoices page).</summary>
    public static string Grouped(string iban)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < iban.Length; i++)
        {
            if (i > 0 && i % 4 == 0) sb.Append(' ');
            sb.Append(iban[i]);
        }
        return sb.ToString();
    }

    private static int Mod97(string rearranged)
    {
        // Digit by digit (letters as two digits): no big integer needed.
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder;
    }

    private static IbanCheck Fail(string code, string message) => new(null, new UserError(code, message, Field));
}

/// <summary>The BIC (SWIFT code), optional in SEPA since 2016: 8 or 11 characters, bank, country, place, branch.</summary>
public static class Bic
{
    public const string Field = "bic";

    /// <summary>Null when left empty; upper case without spaces when valid.</summary>
    public static (string? Bic, UserError? Error) Check(string? input)
    {
        var bic = string.Concat((input ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (bic.Length == 0) return (null, null);
        var valid = bic.Length is 8 or 11 && bic[..6].All(char.IsAsciiLetter) && bic[6..].All(char.IsAsciiLetterOrDigit);
        return valid ? (bic, null)
            : (null, new UserError("BIC_INVALID", "Le BIC compte 8 ou 11 caractères (par exemple BNPAFRPP ou BNPAFRPPXXX) ; il est facultatif.", Field));
    }
}
