using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.GraphQL.Common;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.GraphQL;

/// <summary>
/// The developers of accountant firms read the schema in GraphiQL, Postman or a generated client: every
/// type, field, argument and enum value of the schema has a French description, from
/// src/Platform.GraphQL/Common/schema-descriptions.txt (a new field needs its line there).
/// </summary>
public sealed class SchemaDescriptionTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static readonly HashSet<string> BuiltInScalars = ["String", "Int", "Float", "Boolean", "ID"];

    private IEnumerable<IGraphType> OurTypes()
    {
        var schema = factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !BuiltInScalars.Contains(t.Name));
    }

    /// <summary>Every element of the schema, as the descriptions file names it, with its description as served.</summary>
    private List<(string Key, string? Description)> Elements()
    {
        var elements = new List<(string, string?)>();
        foreach (var type in OurTypes())
        {
            elements.Add((type.Name, type.Description));
            if (type is IComplexGraphType complex)
                foreach (var field in complex.Fields)
                {
                    elements.Add(($"{type.Name}.{field.Name}", field.Description));
                    foreach (var argument in (IEnumerable<QueryArgument>?)field.Arguments ?? [])
                        elements.Add(($"{type.Name}.{field.Name}({argument.Name})", argument.Description));
                }
            if (type is EnumerationGraphType enumeration)
                foreach (var value in enumeration.Values)
                    elements.Add(($"{type.Name}.{value.Name}", value.Description));
        }
        return elements;
    }

    [Fact]
    public void Every_type_field_argument_and_enum_value_has_a_description()
    {
        var elements = Elements();
        Assert.True(elements.Count > 1000, $"Only {elements.Count} elements read: the walk over the schema is broken.");
        var undescribed = elements.Where(e => string.IsNullOrWhiteSpace(e.Description)).Select(e => e.Key).ToList();
        Assert.True(undescribed.Count == 0,
            "Without a description (add a line to src/Platform.GraphQL/Common/schema-descriptions.txt):" + Environment.NewLine
            + string.Join(Environment.NewLine, undescribed));
    }

    [Fact]
    public void The_descriptions_are_the_french_file_s_and_name_only_what_the_schema_has()
    {
        var elements = Elements().ToDictionary(e => e.Key, e => e.Description);
        // What the schema serves is the file's text, not a description left in code.
        Assert.Equal("Un salarié d'une entreprise adhérente.", elements["Employee"]);
        Assert.Equal("Le salarié.", elements["Query.employee(id)"]);
        Assert.Equal("Accident du travail.", elements["AbsenceNature.WORK_ACCIDENT"]);
        // Common lines: every payload's errors, every page's cursor.
        Assert.Equal(FrenchDescriptions.All["*Payload.errors"], elements["EmployeePayload.errors"]);
        Assert.Equal(FrenchDescriptions.All["*.*(after)"], elements["Company.employees(after)"]);

        // A line for an element the schema no longer has is a mistake waiting to mislead.
        var stale = FrenchDescriptions.All.Keys.Where(k => !k.Contains('*') && !elements.ContainsKey(k)).ToList();
        Assert.True(stale.Count == 0, "Described but not in the schema: " + string.Join(", ", stale));
    }
}
