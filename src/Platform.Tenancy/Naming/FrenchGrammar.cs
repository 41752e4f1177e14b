using System.Globalization;
using System.Text;

namespace Platform.Tenancy.Naming;

/// <summary>
/// The little French grammar a name needs in a sentence: « de » contracts with the article
/// (de + le → du, de + les → des) and elides before a vowel (d'Entreprise Démo, de l'Association…).
/// A name's article is given, never guessed (« le Service… » but « Santé au Travail 68 »).
/// </summary>
public static class FrenchGrammar
{
    /// <summary>The articles a name may take; « l' » before a vowel.</summary>
    public static readonly IReadOnlyList<string> Articles = ["le", "la", "l'", "les"];

    /// <summary>« de » and the name: du Service…, de la Caisse…, de l'Association…, des Services…, d'Entreprise…, de Santé…</summary>
    public static string De(string name, string? article = null) => Normalize(article) switch
    {
        "le" => "du " + name,
        "les" => "des " + name,
        "la" => "de la " + name,
        "l'" => "de l'" + name,
        _ => StartsWithVowel(name) ? "d'" + name : "de " + name,
    };

    /// <summary>« à » and the name: au Service…, à la Caisse…, à l'Association…, aux Services…, à Santé…</summary>
    public static string A(string name, string? article = null) => Normalize(article) switch
    {
        "le" => "au " + name,
        "les" => "aux " + name,
        "la" => "à la " + name,
        "l'" => "à l'" + name,
        _ => "à " + name,
    };

    /// <summary>The name with its article, as the subject of a sentence: « le Service… », « l'Association… », « Santé au Travail 68 ».</summary>
    public static string WithArticle(string name, string? article = null) => Normalize(article) switch
    {
        null => name,
        "l'" => "l'" + name,
        var a => a + " " + name,
    };

    /// <summary>Whether a word begins with a vowel sound for elision (accents ignored; « h » and « y » are not elided: « de Hauts-de-France »).</summary>
    public static bool StartsWithVowel(string word)
    {
        var first = word.TrimStart().FirstOrDefault();
        if (first == default) return false;
        if (first is 'Œ' or 'œ' or 'Æ' or 'æ') return true;
        var bare = first.ToString().Normalize(NormalizationForm.FormD)[0];
        return "aeiouAEIOU".Contains(bare);
    }

    /// <summary>The article as written in a tenant file: trimmed, lower-case, with the typographic apostrophe accepted; null for none.</summary>
    public static string? Normalize(string? article)
    {
        var a = article?.Trim().Replace('’', '\'').ToLower(CultureInfo.GetCultureInfo("fr-FR"));
        return string.IsNullOrEmpty(a) ? null : a;
    }
}
