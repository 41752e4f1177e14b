using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Tenancy.Rules;

/// <summary>Reads and writes tenant rules as JSON: strict, so that a typo in a file is an error, not a default.</summary>
public static class TenantRulesJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>Parses rules; on failure returns the JSON path of the offending field and a French message.</summary>
    public static (TenantRules? Rules, RuleError? Error) Parse(JsonNode node)
    {
        try
        {
            var rules = node.Deserialize<TenantRules>(Options);
            return rules is null ? (null, new RuleError("$", "le fichier est vide")) : (rules, null);
        }
        catch (JsonException e)
        {
            return (null, new RuleError(e.Path ?? "$", Describe(e)));
        }
    }

    public static JsonNode ParseNode(string json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        }) ?? throw new JsonException("Le fichier est vide.");

    private static string Describe(JsonException e)
    {
        var m = e.Message;
        if (m.Contains("missing required properties", StringComparison.OrdinalIgnoreCase))
        {
            var names = m[(m.IndexOf(':') + 1)..].Split('.')[0].Trim();
            return $"champ obligatoire absent : {names}";
        }
        if (m.Contains("could not be mapped", StringComparison.OrdinalIgnoreCase))
            return "champ inconnu";
        if (m.Contains("null", StringComparison.OrdinalIgnoreCase))
            return "valeur nulle interdite";
        return "valeur invalide pour ce champ";
    }
}

/// <summary>A problem in tenant rules: the JSON path of the field and a French message; Code when callers react to it.</summary>
public sealed record RuleError(string Field, string Message, string? Code = null)
{
    public const string RateOutsideNationalRange = "RATE_OUTSIDE_NATIONAL_RANGE";

    public override string ToString() => $"{Field} : {Message}";
}
