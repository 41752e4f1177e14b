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
/// The schema is committed (src/Platform.GraphQL/schema.graphql) and must serve the fixed part of
/// the API (api/contract.graphql, a copy of the shared contract kept in the repository). Regenerate
/// the schema file with: UPDATE_SCHEMA=1 dotnet test --filter SchemaContractTests
/// </summary>
public sealed class SchemaContractTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static readonly string CommittedSchema = RepositoryFiles.Path("src", "Platform.GraphQL", "schema.graphql");
    private static readonly string Contract = RepositoryFiles.Path("api", "contract.graphql");

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

    /// <summary>
    /// Contract elements of features still to come (scheduled visits and appointments, the declaration's
    /// estimate and filing, SEPA mandates): named here one by one, so that nothing else may be missing
    /// and each entry must go when its feature is served.
    /// </summary>
    private static readonly IReadOnlySet<string> NotYetServed = new HashSet<string>
    {
    };

    [Fact]
    public void The_served_schema_has_every_contract_element_with_the_contract_shape()
    {
        Assert.True(File.Exists(Contract), $"The API contract is expected at {Contract}");
        var problems = ContractProblems(File.ReadAllText(Contract), PrintSchema());
        var unexpected = problems.Where(p => !NotYetServed.Contains(p)).ToList();
        var served = NotYetServed.Where(p => !problems.Contains(p)).ToList();
        Assert.True(unexpected.Count == 0, "The schema breaks the contract:" + Environment.NewLine + string.Join(Environment.NewLine, unexpected));
        Assert.True(served.Count == 0, "Now served: remove from NotYetServed:" + Environment.NewLine + string.Join(Environment.NewLine, served));
    }

    /// <summary>The check itself must see what is missing or reshaped, not only what matches.</summary>
    [Theory]
    [InlineData("type Tenant { slug: String! }", "type Tenant { name: String! }", "Tenant.slug: field of the contract is missing")]
    [InlineData("type Tenant { slug: String! }", "type Tenant { slug: String }", "Tenant.slug: String, contract says String!")]
    [InlineData("type Tenant { slug: String! }", "type Other { slug: String! }", "Tenant: type of the contract is missing")]
    [InlineData("type Query { a(x: Int): Int }", "type Query { a: Int }", "Query.a(x): argument of the contract is missing")]
    [InlineData("input I { a: Int }", "input I { b: Int }", "I.a: input field of the contract is missing")]
    [InlineData("enum E { A B }", "enum E { A }", "E: value B of the contract is missing")]
    [InlineData("type Tenant { slug: String! }", "input Tenant { slug: String! }", "Tenant: kind InputObjectTypeDefinition, contract says ObjectTypeDefinition")]
    public void A_missing_or_reshaped_contract_element_is_reported(string contract, string schema, string expected) =>
        Assert.Contains(expected, ContractProblems(contract, schema));

    private static List<string> ContractProblems(string contractSdl, string schemaSdl)
    {
        var contract = Definitions(contractSdl);
        var ours = Definitions(schemaSdl);
        var problems = new List<string>();
        foreach (var (name, expected) in contract)
        {
            if (!ours.TryGetValue(name, out var actual)) { problems.Add($"{name}: type of the contract is missing"); continue; }
            if (expected.GetType() != actual.GetType()) { problems.Add($"{name}: kind {actual.Kind}, contract says {expected.Kind}"); continue; }
            switch (expected)
            {
                case GraphQLObjectTypeDefinition e:
                    CompareFields(name, e.Fields?.Items, ((GraphQLObjectTypeDefinition)actual).Fields?.Items, problems);
                    break;
                case GraphQLInterfaceTypeDefinition e:
                    CompareFields(name, e.Fields?.Items, ((GraphQLInterfaceTypeDefinition)actual).Fields?.Items, problems);
                    break;
                case GraphQLInputObjectTypeDefinition e:
                    var actualInputs = ((GraphQLInputObjectTypeDefinition)actual).Fields?.Items.ToDictionary(f => f.Name.StringValue) ?? [];
                    foreach (var field in e.Fields?.Items ?? [])
                    {
                        if (!actualInputs.TryGetValue(field.Name.StringValue, out var a)) { problems.Add($"{name}.{field.Name}: input field of the contract is missing"); continue; }
                        if (Print(a.Type) != Print(field.Type)) problems.Add($"{name}.{field.Name}: {Print(a.Type)}, contract says {Print(field.Type)}");
                        if (Print(a.DefaultValue) != Print(field.DefaultValue)) problems.Add($"{name}.{field.Name}: default {Print(a.DefaultValue)}, contract says {Print(field.DefaultValue)}");
                    }
                    // Input fields we add must not break existing callers.
                    var contractInputs = e.Fields?.Items.Select(f => f.Name.StringValue).ToHashSet() ?? [];
                    foreach (var (inputName, a) in actualInputs)
                        if (!contractInputs.Contains(inputName) && a.Type is GraphQLNonNullType && a.DefaultValue is null)
                            problems.Add($"{name}.{inputName}: a new required input field breaks the contract");
                    break;
                case GraphQLEnumTypeDefinition e:
                    var values = ((GraphQLEnumTypeDefinition)actual).Values?.Items.Select(v => v.Name.StringValue).ToHashSet() ?? [];
                    foreach (var value in e.Values?.Items ?? [])
                        if (!values.Contains(value.Name.StringValue)) problems.Add($"{name}: value {value.Name} of the contract is missing");
                    break;
                case GraphQLUnionTypeDefinition e:
                    var members = ((GraphQLUnionTypeDefinition)actual).Types?.Items.Select(t => t.Name.StringValue).ToHashSet() ?? [];
                    foreach (var member in e.Types?.Items ?? [])
                        if (!members.Contains(member.Name.StringValue)) problems.Add($"{name}: member {member.Name} of the contract is missing");
                    break;
            }
        }
        return problems;
    }

    private static void CompareFields(string type, List<GraphQLFieldDefinition>? expected, List<GraphQLFieldDefinition>? actual, List<string> problems)
    {
        var ours = actual?.ToDictionary(f => f.Name.StringValue) ?? [];
        foreach (var field in expected ?? [])
        {
            var at = $"{type}.{field.Name}";
            if (!ours.TryGetValue(field.Name.StringValue, out var a)) { problems.Add($"{at}: field of the contract is missing"); continue; }
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
