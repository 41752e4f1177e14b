using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;

namespace Platform.GraphQL.Http;

/// <summary>
/// Depth and complexity limits. The standard introspection query that GraphiQL, Postman and code
/// generators send nests type references about fifteen levels deep and lists every type, field and
/// argument: counted like data, it is refused. An operation that asks for nothing but the schema
/// (__schema, __type, __typename) reads no data, so it is held to a wider depth and to a few schema
/// fields, not to the complexity of data; every other operation keeps the limits of real queries.
/// </summary>
public static class IntrospectionLimits
{
    /// <summary>Deeper than the standard introspection query (about 15), far from a nesting attack.</summary>
    public const int IntrospectionMaxDepth = 20;
    /// <summary>How many schema fields one introspection operation may ask for (aliases count).</summary>
    public const int IntrospectionMaxFields = 3;

    private static readonly HashSet<string> MetaFields = ["__schema", "__type", "__typename"];

    public static Task Validate(ComplexityValidationContext context)
    {
        context.Error = Check(context.ValidationContext.Operation, context.TotalImpact, context.MaxDepth)
            ?? AliasInIntrospection(context.ValidationContext.Operation, context.ValidationContext.Document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Without aliases, the answer to an introspection-only operation is bounded by the schema: repeated
    /// selections merge into one key. Aliases would multiply it (twenty aliased `types` each with twenty
    /// aliased `fields` answered 11 MB to a 1 KB query), and no standard introspection query uses them.
    /// </summary>
    private static ComplexityError? AliasInIntrospection(GraphQLOperationDefinition? operation, GraphQLDocument document)
    {
        if (operation is null || !IsIntrospectionOnly(operation)) return null;
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        var visited = new HashSet<string>();
        var pending = new Stack<GraphQLSelectionSet>([operation.SelectionSet]);
        while (pending.TryPop(out var set))
            foreach (var selection in set.Selections)
                switch (selection)
                {
                    case GraphQLField { Alias: not null }:
                        return new ComplexityError("Les alias ne sont pas permis dans une requête d'introspection.");
                    case GraphQLField { SelectionSet: { } inner }:
                        pending.Push(inner);
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue)
                        && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        pending.Push(fragment.SelectionSet);
                        break;
                }
        return null;
    }

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition operation) =>
        operation.Operation == OperationType.Query && operation.SelectionSet.Selections.Count > 0
        && operation.SelectionSet.Selections.All(s => s is GraphQLField f && MetaFields.Contains(f.Name.StringValue));

    private static ComplexityError? Check(GraphQLOperationDefinition? operation, double complexity, int depth)
    {
        var selections = operation?.SelectionSet.Selections ?? [];
        var introspectionOnly = operation?.Operation == OperationType.Query && selections.Count > 0
            && selections.All(s => s is GraphQLField f && MetaFields.Contains(f.Name.StringValue));
        if (introspectionOnly)
        {
            if (depth > IntrospectionMaxDepth)
                return new ComplexityError($"Requête trop imbriquée : {depth} niveaux, au plus {IntrospectionMaxDepth} pour l'introspection.");
            var schemaFields = selections.Count(s => ((GraphQLField)s).Name.StringValue != "__typename");
            return schemaFields > IntrospectionMaxFields
                ? new ComplexityError($"Requête d'introspection trop complexe : {schemaFields} champs de schéma demandés, au plus {IntrospectionMaxFields} par requête.")
                : null;
        }
        if (depth > GraphQLSetup.MaxDepth)
            return new ComplexityError($"Requête trop imbriquée : {depth} niveaux, au plus {GraphQLSetup.MaxDepth} sur cette API. Découpez-la en plusieurs requêtes.");
        return complexity > GraphQLSetup.MaxComplexity
            ? new ComplexityError($"Requête trop complexe : complexité {complexity:0}, au plus {GraphQLSetup.MaxComplexity} sur cette API. Demandez moins d'éléments par page (first) ou moins de champs imbriqués.")
            : null;
    }
}
