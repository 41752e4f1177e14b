using GraphQL.Types;
using GraphQL.Utilities;

namespace Platform.GraphQL.Common;

/// <summary>
/// The schema's descriptions, in French, for the developers who read it in GraphiQL, Postman or a
/// generated client. They live in one file (Common/schema-descriptions.txt, embedded), one line a type,
/// field, argument or enum value: `Type`, `Type.field`, `Type.field(argument)`, `Enum.VALUE`, then
/// « | » and the text; a few common lines (`*Payload.errors`, `*.*(first)`…) serve every type they match. The file's text replaces any description given in code, and an element without
/// a line has none: SchemaDescriptionTests then names it.
/// </summary>
public sealed class FrenchDescriptions : BaseSchemaNodeVisitor
{
    private const string Resource = "Platform.GraphQL.Common.schema-descriptions.txt";

    /// <summary>Built-in scalars keep the specification's descriptions (not printed in the schema file anyway).</summary>
    private static readonly HashSet<string> BuiltIn = ["String", "Int", "Float", "Boolean", "ID"];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Texts = new(Load);

    /// <summary>The descriptions by key, as read from the file.</summary>
    public static IReadOnlyDictionary<string, string> All => Texts.Value;

    private static IReadOnlyDictionary<string, string> Load()
    {
        using var stream = typeof(FrenchDescriptions).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in Platform.GraphQL.");
        using var reader = new StreamReader(stream);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var bar = line.IndexOf(" | ", StringComparison.Ordinal);
            if (bar < 0) throw new InvalidOperationException($"{Resource}, line {number}: « key | text » expected.");
            if (!texts.TryAdd(line[..bar].Trim(), line[(bar + 3)..].Trim()))
                throw new InvalidOperationException($"{Resource}, line {number}: {line[..bar].Trim()} is described twice.");
        }
        return texts;
    }

    /// <summary>
    /// The text for a type (field null), a field (argument null) or an argument. An exact line wins; then
    /// common lines: « *Suffix.field » for types whose name ends with Suffix (the longest suffix first),
    /// « Type.*(argument) » and « *.*(argument) » for an argument of any field.
    /// </summary>
    public static string? Find(string type, string? field = null, string? argument = null)
    {
        var exact = type + (field is null ? "" : "." + field) + (argument is null ? "" : $"({argument})");
        if (All.TryGetValue(exact, out var text) && text.Length > 0) return text;
        string? best = null;
        var bestRank = -1;
        foreach (var (key, value) in All)
        {
            if (!key.StartsWith('*') && !(argument is not null && key.StartsWith(type + ".*(", StringComparison.Ordinal))) continue;
            var dot = key.IndexOf('.');
            var keyType = dot < 0 ? key : key[..dot];
            var rest = dot < 0 ? null : key[(dot + 1)..];
            var keyField = rest is null ? null : rest.IndexOf('(') is var p and >= 0 ? rest[..p] : rest;
            var keyArgument = rest is not null && rest.IndexOf('(') is var q and >= 0 ? rest[(q + 1)..^1] : null;
            if (keyArgument != argument || (field is null) != (keyField is null)) continue;
            if (keyField is not null && keyField != "*" && keyField != field) continue;
            var typeMatches = keyType == type || (keyType.StartsWith('*') && type.EndsWith(keyType[1..], StringComparison.Ordinal));
            if (!typeMatches) continue;
            // A named field counts more than any type suffix; a longer suffix more than a shorter one.
            var rank = (keyField == "*" ? 0 : 1000) + keyType.Length;
            if (rank > bestRank) (best, bestRank) = (value, rank);
        }
        return best is { Length: > 0 } ? best : null;
    }

    private static string? For(string type) => Find(type);

    private static bool Ours(string typeName) => !typeName.StartsWith("__", StringComparison.Ordinal) && !BuiltIn.Contains(typeName);

    public override void VisitScalar(ScalarGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) type.Description = For(type.Name);
    }

    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) type.Description = For(type.Name);
    }

    public override void VisitInputObject(IInputObjectGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) type.Description = For(type.Name);
    }

    public override void VisitInterface(IInterfaceGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) type.Description = For(type.Name);
    }

    public override void VisitUnion(UnionGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) type.Description = For(type.Name);
    }

    public override void VisitEnum(EnumerationGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) type.Description = For(type.Name);
    }

    public override void VisitEnumValue(EnumValueDefinition value, EnumerationGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) value.Description = All.TryGetValue($"{type.Name}.{value.Name}", out var text) && text.Length > 0 ? text : null;
    }

    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) field.Description = Find(type.Name, field.Name);
    }

    public override void VisitInterfaceFieldDefinition(FieldType field, IInterfaceGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) field.Description = Find(type.Name, field.Name);
    }

    public override void VisitInputObjectFieldDefinition(FieldType field, IInputObjectGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) field.Description = Find(type.Name, field.Name);
    }

    public override void VisitObjectFieldArgumentDefinition(QueryArgument argument, FieldType field, IObjectGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) argument.Description = Find(type.Name, field.Name, argument.Name);
    }

    public override void VisitInterfaceFieldArgumentDefinition(QueryArgument argument, FieldType field, IInterfaceGraphType type, ISchema schema)
    {
        if (Ours(type.Name)) argument.Description = Find(type.Name, field.Name, argument.Name);
    }
}
