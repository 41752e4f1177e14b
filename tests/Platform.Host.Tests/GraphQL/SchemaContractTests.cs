using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Microsoft.Extensions.DependencyInjection;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.GraphQL;

/// <summary>
/// The schema is committed (src/Platform.GraphQL/schema.graphql) and must follow the fixed part of
/// the API (../shared/api/contract.graphql). Regenerate it with: UPDATE_SCHEMA=1 dotnet test --filter SchemaContractTests
/// </summary>
public sealed class SchemaContractTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static readonly string CommittedSchema = RepositoryFiles.Path("src", "Platform.GraphQL", "schema.graphql");
    private static readonly string Contract = Path.GetFullPath(RepositoryFiles.Path("..", "shared", "api", "contract.graphql"));

    private string PrintSchema()
    {
        var schema = factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, StringComparison = StringComparison.Ordinal })
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    [Fact]
    public void Committed_schema_is_up_to_date()
    {
        var current = PrintSchema();
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1") File.WriteAllText(CommittedSchema, current);
        Assert.True(File.Exists(CommittedSchema), $"{CommittedSchema} is missing: run UPDATE_SCHEMA=1 dotnet test --filter SchemaContractTests");
        var committed = File.ReadAllText(CommittedSchema).ReplaceLineEndings("\n");
        Assert.True(committed == current,
            "The GraphQL schema changed but src/Platform.GraphQL/schema.graphql was not updated: run UPDATE_SCHEMA=1 dotnet test --filter SchemaContractTests and commit it.");
    }

    [Fact]
    public void Every_contract_element_present_in_the_schema_has_the_contract_shape()
    {
        Assert.True(File.Exists(Contract), $"The API contract is expected at {Contract}");
        var contract = Definitions(File.ReadAllText(Contract));
        var ours = Definitions(PrintSchema());
        var problems = new List<string>();
        var compared = 0;

        foreach (var (name, expected) in contract)
        {
            if (!ours.TryGetValue(name, out var actual)) continue;
            compared++;
            if (expected.GetType() != actual.GetType()) { problems.Add($"{name}: kind {actual.Kind}, contract says {expected.Kind}"); continue; }
            switch (expected)
            {
                case GraphQLObjectTypeDefinition e:
                    CompareFields(name, e.Fields?.Items, ((GraphQLObjectTypeDefinition)actual).Fields?.Items, problems);
                    break;
                case GraphQLInputObjectTypeDefinition e:
                    var actualInputs = ((GraphQLInputObjectTypeDefinition)actual).Fields?.Items.ToDictionary(f => f.Name.StringValue) ?? [];
                    foreach (var field in e.Fields?.Items ?? [])
                        if (actualInputs.TryGetValue(field.Name.StringValue, out var a))
                        {
                            if (Print(a.Type) != Print(field.Type)) problems.Add($"{name}.{field.Name}: {Print(a.Type)}, contract says {Print(field.Type)}");
                            if (Print(a.DefaultValue) != Print(field.DefaultValue)) problems.Add($"{name}.{field.Name}: default {Print(a.DefaultValue)}, contract says {Print(field.DefaultValue)}");
                        }
                    break;
                case GraphQLEnumTypeDefinition e:
                    var values = ((GraphQLEnumTypeDefinition)actual).Values?.Items.Select(v => v.Name.StringValue).ToHashSet() ?? [];
                    foreach (var value in e.Values?.Items ?? [])
                        if (!values.Contains(value.Name.StringValue)) problems.Add($"{name}: value {value.Name} of the contract is missing");
                    break;
            }
        }

        Assert.True(compared >= 10, $"only {compared} contract types found in the schema");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static void CompareFields(string type, List<GraphQLFieldDefinition>? expected, List<GraphQLFieldDefinition>? actual, List<string> problems)
    {
        var ours = actual?.ToDictionary(f => f.Name.StringValue) ?? [];
        foreach (var field in expected ?? [])
        {
            if (!ours.TryGetValue(field.Name.StringValue, out var a)) continue;
            var at = $"{type}.{field.Name}";
            if (Print(a.Type) != Print(field.Type)) problems.Add($"{at}: {Print(a.Type)}, contract says {Print(field.Type)}");
            var ourArgs = a.Arguments?.Items.ToDictionary(x => x.Name.StringValue) ?? [];
            var contractArgs = field.Arguments?.Items.ToDictionary(x => x.Name.StringValue) ?? [];
            foreach (var (argName, arg) in contractArgs)
            {
                if (!ourArgs.TryGetValue(argName, out var ourArg)) { problems.Add($"{at}({argName}): argument of the contract is missing"); continue; }
                if (Print(ourArg.Type) != Print(arg.Type)) problems.Add($"{at}({argName}): {Print(ourArg.Type)}, contract says {Print(arg.Type)}");
                if (Print(ourArg.DefaultValue) != Print(arg.DefaultValue)) problems.Add($"{at}({argName}): default {Print(ourArg.DefaultValue)}, contract says {Print(arg.DefaultValue)}");
            }
            // Arguments we add must not break existing callers: they need a default or must be nullable.
            foreach (var (argName, ourArg) in ourArgs)
                if (!contractArgs.ContainsKey(argName) && ourArg.Type is GraphQLNonNullType && ourArg.DefaultValue is null)
                    problems.Add($"{at}({argName}): a new required argument breaks the contract");
        }
    }

    private static Dictionary<string, GraphQLTypeDefinition> Definitions(string sdl) =>
        Parser.Parse(sdl).Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(d => d.Name.StringValue);

    private static string Print(ASTNode? node) => node is null ? "" : new SDLPrinter().Print(node);
}
