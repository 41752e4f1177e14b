using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQL.Validation.Errors.Custom;

namespace Platform.GraphQL.Http;

/// <summary>
/// The API's clients are French: every error of a response gets a French message. GraphQL.NET writes
/// its own errors (parsing, validation, variables, operation choice) in English; they are translated
/// here from their English text, names kept. The extensions (code, number) stay GraphQL.NET's: clients
/// branch on codes. Our own errors (access, internal, limits) are written in French where they arise.
/// </summary>
public sealed class FrenchErrorInfoProvider(ErrorInfoProviderOptions options) : ErrorInfoProvider(options)
{
    /// <summary>Codes of the errors we raise ourselves, already in French.</summary>
    private static readonly HashSet<string> OwnCodes = [GraphQLErrors.Unauthenticated, GraphQLErrors.Forbidden, GraphQLErrors.Internal, GraphQLErrors.TenantUnavailable];

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError.Code is { } code && OwnCodes.Contains(code)) return info;
        if (executionError is ComplexityError) return info; // IntrospectionLimits writes them in French
        return new ErrorInfo { Message = FrenchErrorMessages.Translate(executionError), Extensions = info.Extensions };
    }
}

/// <summary>GraphQL.NET's English messages (version 8), one pattern each, in French.</summary>
public static class FrenchErrorMessages
{
    private sealed record Rule(Regex Pattern, Func<Match, string> French);

    private static Rule R(string pattern, Func<Match, string> french) =>
        new(new Regex("^" + pattern + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, MatchTimeout), french);

    // The messages echo the caller's input: bounded work per message (a long value could make a pattern backtrack).
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);
    private const int MaxMessageLength = 2000;
    private const int MaxEchoedName = 100;

    private static readonly Rule[] Rules =
    [
        // Parsing and the choice of the operation.
        R(@"Error parsing query: (.*)", _ => "Requête GraphQL mal formée : voyez la ligne et la colonne indiquées."),
        R(@"GraphQL query is missing\.", _ => "La requête GraphQL est vide : le champ query est obligatoire."),
        R(@"Document does not contain any operations\.", _ => "La requête ne contient aucune opération (query ou mutation)."),
        R(@"Document does not contain an operation named '(.*)'\.", m => $"La requête ne contient pas d'opération nommée {Q(m, 1)}."),
        R(@"Document contains more than one operation, but the operation name was not specified\.",
            _ => "La requête contient plusieurs opérations : indiquez laquelle exécuter (operationName)."),
        R(@"This anonymous operation must be the only defined operation\.", _ => "Une opération sans nom doit être la seule de la requête."),
        R(@"There can only be one operation named (.*)\.", m => $"Une seule opération peut s'appeler {Q(m, 1)}."),

        // Fields and selections.
        R(@"Cannot query field '(.*?)' on type '(.*?)'\. Did you mean to use an inline fragment on (.*)\?",
            m => $"Le champ {Q(m, 1)} n'existe pas sur le type {Q(m, 2)}. Vouliez-vous utiliser un fragment sur {List(m, 3)} ?"),
        R(@"Cannot query field '(.*?)' on type '(.*?)'\. Did you mean (.*)\?",
            m => $"Le champ {Q(m, 1)} n'existe pas sur le type {Q(m, 2)}. Vouliez-vous dire {List(m, 3)} ?"),
        R(@"Cannot query field '(.*?)' on type '(.*?)'\.", m => $"Le champ {Q(m, 1)} n'existe pas sur le type {Q(m, 2)}."),
        R(@"Field (\S+) of type (\S+) must have a sub selection",
            m => $"Le champ {Q(m, 1)} (type {Q(m, 2)}) est un objet : précisez entre accolades les sous-champs à renvoyer."),
        R(@"Field (\S+) of type (\S+) must not have a sub selection",
            m => $"Le champ {Q(m, 1)} (type {Q(m, 2)}) est une valeur simple : il ne prend pas de sous-champs entre accolades."),
        R(@"Fields (.*?) conflicts because .*",
            m => $"Les sélections {Q(m, 1)} se contredisent (mêmes noms, champs ou arguments différents) : donnez-leur des alias différents pour obtenir les deux."),

        // Arguments.
        R(@"Unknown argument '(.*?)' on field '(.*?)' of type '(.*?)'\. Did you mean (.*)",
            m => $"L'argument {Q(m, 1)} n'existe pas sur le champ {Q(m, 2)} du type {Q(m, 3)}. Vouliez-vous dire {List(m, 4)} ?"),
        R(@"Unknown argument '(.*?)' on field '(.*?)' of type '(.*?)'\.", m => $"L'argument {Q(m, 1)} n'existe pas sur le champ {Q(m, 2)} du type {Q(m, 3)}."),
        R(@"Unknown argument '(.*?)' on directive '(.*?)'\..*", m => $"L'argument {Q(m, 1)} n'existe pas sur la directive {Q(m, 2)}."),
        R(@"Argument '(.*?)' of type '(.*?)' is required for field '(.*?)' but not provided\.",
            m => $"L'argument {Q(m, 1)} (type {Q(m, 2)}) du champ {Q(m, 3)} est obligatoire et n'est pas fourni."),
        R(@"Argument '(.*?)' of type '(.*?)' is required for directive '(.*?)' but not provided\.",
            m => $"L'argument {Q(m, 1)} (type {Q(m, 2)}) de la directive {Q(m, 3)} est obligatoire et n'est pas fourni."),
        R(@"Argument '(.*?)' has invalid value\.(.*)", m => $"L'argument {Q(m, 1)} a une valeur invalide.{Detail(m.Groups[2].Value)}"),
        R(@"There can be only one argument named '(.*?)'\.", m => $"L'argument {Q(m, 1)} est donné plusieurs fois."),
        R(@"There can be only one input field named (.*)\.", m => $"Le champ {Q(m, 1)} est donné plusieurs fois dans le même objet."),
        R(@"Invalid (?:value|literal) for (.*?)\. (.*)", m => $"Valeur invalide pour {Where(m.Groups[1].Value)}.{Detail(m.Groups[2].Value)}"),
        R(@"Input object literals mapping to a OneOf Input Object must contain exactly one non-null value\.",
            _ => "Cet objet attend exactement une valeur non nulle."),

        // Variables.
        R(@"Variable '\$(.*?)' is invalid\. (.*)", m => $"La variable {Q(m, 1, "$")} est invalide : {Lower(Translate(m.Groups[2].Value.Trim()))}"),
        R(@"No value provided for a non-null variable\.", _ => "elle est obligatoire et aucune valeur n'est fournie."),
        R(@"Received a null input for a non-null variable\.", _ => "elle est obligatoire et ne peut pas valoir null."),
        R(@"Unable to convert '(.*)' to '(.*?)'", m => $"la valeur {Q(m, 1)} n'est pas du type {Q(m, 2)}."),
        R(@"Unable to convert '(.*)' (?:literal from AST representation|value of type '.*?') to the scalar type '(.*?)'.*",
            m => $"la valeur {Q(m, 1)} n'est pas du type {Q(m, 2)}."),
        R(@"Unable to convert null \(nothing\) to the scalar type '(.*?)'", m => $"la valeur null n'est pas du type {Q(m, 1)}."),
        R(@"Unable to parse input as a '(.*?)' type\..*", m => $"un objet {Q(m, 1)} est attendu (pas une liste ni une valeur simple)."),
        R(@"Unrecognized input fields (.*) for type '(.*?)'\.", m => $"le type {Q(m, 2)} n'a pas de champ {List(m, 1, " ni ")}."),
        R(@"Variable has unknown type '(.*?)'", m => $"son type {Q(m, 1)} n'existe pas."),
        R(@"The graph type '(.*?)' is not an input graph type\.", m => $"le type {Q(m, 1)} ne peut pas être donné en entrée."),
        R(@"Variable '\$(.*?)' of type '(.*?)' used in position expecting type '(.*?)'\.",
            m => $"La variable {Q(m, 1, "$")} est de type {Q(m, 2)} mais utilisée là où le type {Q(m, 3)} est attendu."),
        R(@"Variable '\$(.*?)' is not defined by operation '(.*?)'\.", m => $"La variable {Q(m, 1, "$")} n'est pas déclarée par l'opération {Q(m, 2)}."),
        R(@"Variable '\$(.*?)' is not defined\.", m => $"La variable {Q(m, 1, "$")} n'est pas déclarée."),
        R(@"Variable '\$(.*?)' is never used in operation '\$?(.*?)'\.", m => $"La variable {Q(m, 1, "$")} n'est pas utilisée par l'opération {Q(m, 2)}."),
        R(@"Variable '\$(.*?)' is never used\.", m => $"La variable {Q(m, 1, "$")} n'est pas utilisée."),
        R(@"Variable '\$?(.*?)' cannot be non-input type '(.*?)'\.", m => $"La variable {Q(m, 1, "$")} ne peut pas être du type {Q(m, 2)}, qui n'est pas un type d'entrée."),
        R(@"Variable '\$?(.*?)' of type '(.*?)' has invalid default value '(.*)'\..*",
            m => $"La valeur par défaut {Q(m, 3)} de la variable {Q(m, 1, "$")} n'est pas du type {Q(m, 2)}."),
        R(@"There can be only one variable named '\$?(.*?)'", m => $"La variable {Q(m, 1, "$")} est déclarée plusieurs fois."),
        R(@"Variable '\$?(.*?)' has invalid length \((.*?)\)\. Length must be in range \[(.*?), (.*?)\]\.",
            m => $"La variable {Q(m, 1, "$")} a une longueur invalide ({m.Groups[2].Value}) : elle doit être comprise entre {m.Groups[3].Value} et {Max(m.Groups[4].Value)}."),
        R(@"\S+ '(.*?)' has invalid length \((.*?)\)\. Length must be in range \[(.*?), (.*?)\]\.",
            m => $"{Q(m, 1)} a une longueur invalide ({m.Groups[2].Value}) : elle doit être comprise entre {m.Groups[3].Value} et {Max(m.Groups[4].Value)}."),

        // Types, fragments, directives.
        R(@"Unknown type (.*?)\. Did you mean (.*)\?", m => $"Le type {Q(m, 1)} n'existe pas. Vouliez-vous dire {List(m, 2)} ?"),
        R(@"Unknown type (.*?)\.", m => $"Le type {Q(m, 1)} n'existe pas."),
        R(@"Unknown fragment '(.*?)'\.", m => $"Le fragment {Q(m, 1)} n'est pas défini."),
        R(@"Fragment '(.*?)' is never used\.", m => $"Le fragment {Q(m, 1)} n'est pas utilisé."),
        R(@"There can only be one fragment named '(.*?)'", m => $"Le fragment {Q(m, 1)} est défini plusieurs fois."),
        R(@"Cannot spread fragment '(.*?)' within itself.*", m => $"Le fragment {Q(m, 1)} s'inclut lui-même."),
        R(@"Fragment '(.*?)' cannot condition on non composite type '(.*?)'\.", m => $"Le fragment {Q(m, 1)} ne peut porter que sur un objet, pas sur {Q(m, 2)}."),
        R(@"Fragment cannot condition on non composite type '(.*?)'\.", m => $"Un fragment ne peut porter que sur un objet, pas sur {Q(m, 1)}."),
        R(@"Fragment '(.*?)' cannot be spread here as objects of type '(.*?)' can never be of type '(.*?)'\.",
            m => $"Le fragment {Q(m, 1)} ne peut pas être utilisé ici : un objet {Q(m, 2)} n'est jamais un {Q(m, 3)}."),
        R(@"Fragment cannot be spread here as objects of type '(.*?)' can never be of type '(.*?)'\.",
            m => $"Ce fragment ne peut pas être utilisé ici : un objet {Q(m, 1)} n'est jamais un {Q(m, 2)}."),
        R(@"Unknown directive '(.*?)'\.", m => $"La directive {Q(m, 1)} n'existe pas."),
        R(@"Directive '(.*?)' may not be used on (.*)\.", m => $"La directive {Q(m, 1)} ne peut pas être utilisée sur {m.Groups[2].Value}."),
        R(@"The directive '(.*?)' can only be used once at this location\.", m => $"La directive {Q(m, 1)} ne peut être utilisée qu'une fois à cet endroit."),
        R(@"Introspection queries are not allowed\.", _ => "Les requêtes d'introspection ne sont pas permises."),
        R(@".*must have exactly one root field and that field must not be an introspection field\.",
            _ => "Un abonnement doit avoir exactement un champ racine, hors introspection."),
    ];

    /// <summary>The error's message in French; one we do not know is said in general terms, never left in English.</summary>
    public static string Translate(ExecutionError error) =>
        TryTranslate(error.Message) ?? error switch
        {
            ValidationError { Number: { } number } => $"La requête ne respecte pas la règle {number} de la spécification GraphQL.",
            ValidationError => "La requête ne respecte pas la spécification GraphQL.",
            _ => "La requête GraphQL n'a pas pu être traitée.",
        };

    /// <summary>A message or part of one in French; a part we do not know becomes a general phrase.</summary>
    public static string Translate(string message) => TryTranslate(message) ?? "la valeur donnée ne convient pas.";

    private static string? TryTranslate(string message)
    {
        if (message.Length > MaxMessageLength) return null;
        try
        {
            foreach (var rule in Rules)
                if (rule.Pattern.Match(message) is { Success: true } match) return rule.French(match);
        }
        catch (RegexMatchTimeoutException)
        {
        }
        return null;
    }

    /// <summary>A name from the English message, between French quotation marks.</summary>
    private static string Q(Match m, int group, string prefix = "")
    {
        var name = m.Groups[group].Value.Trim('\'');
        return $"« {prefix}{(name.Length > MaxEchoedName ? name[..MaxEchoedName] + "…" : name)} »";
    }

    /// <summary>« 'a', 'b', or 'c' » from GraphQL.NET's suggestions as « a », « b » ou « c ».</summary>
    private static string List(Match m, int group, string last = " ou ")
    {
        var names = Regex.Matches(m.Groups[group].Value, "'([^']*)'").Select(x => $"« {x.Groups[1].Value} »").ToList();
        if (names.Count == 0) return $"« {m.Groups[group].Value} »";
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + last + names[^1];
    }

    /// <summary>« argument 'x' of field 'y' » as « l'argument « x » du champ « y » ».</summary>
    private static string Where(string english)
    {
        var parts = new List<string>();
        foreach (Match part in Regex.Matches(english, "(argument|directive|field|fragment spread for fragment) '([^']*)'"))
            parts.Add(part.Groups[1].Value switch
            {
                "argument" => $"l'argument « {part.Groups[2].Value} »",
                "directive" => $"la directive « {part.Groups[2].Value} »",
                "field" => $"le champ « {part.Groups[2].Value} »",
                _ => $"le fragment « {part.Groups[2].Value} »",
            });
        return parts.Count == 0 ? "cet élément" : string.Join(parts.Count == 2 && parts[0].StartsWith("l'argument") ? " de " : ", ", parts)
            .Replace(" de le ", " du ");
    }

    /// <summary>A detail after the main sentence, translated when known and left out otherwise.</summary>
    private static string Detail(string english) =>
        string.IsNullOrWhiteSpace(english) || TryTranslate(english.Trim()) is not { } french ? "" : " " + Upper(french);

    private static string Max(string english) => english == "unrestricted" ? "l'infini" : english;
    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
    private static string Upper(string s) => s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s;
}
