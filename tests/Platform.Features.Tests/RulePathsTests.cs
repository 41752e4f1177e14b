using System.Text.Json.Nodes;
using Platform.Features.TenantSettings;

namespace Platform.Features.Tests;

public sealed class RulePathsTests
{
    [Theory]
    [InlineData("theme.primaryColor", null)]
    [InlineData("rates", null)]
    [InlineData("slug", "exploitant")]
    [InlineData("hosts", "exploitant")]
    [InlineData("connectionStringName", "exploitant")]
    [InlineData("theme..x", "invalide")]
    [InlineData("../x", "invalide")]
    [InlineData("", "invalide")]
    public void Problems(string path, string? expected)
    {
        var problem = RulePaths.Problem(path);
        if (expected is null) Assert.Null(problem);
        else Assert.Contains(expected, problem);
    }

    [Fact]
    public void Apply_sets_values_in_order_on_a_copy_creating_objects()
    {
        var root = JsonNode.Parse("""{"theme":{"primaryColor":"#000000"}}""")!.AsObject();
        var result = RulePaths.Apply(root, [("theme.primaryColor", JsonValue.Create("#111111")), ("theme.primaryColor", JsonValue.Create("#222222")), ("a.b", JsonValue.Create(1))]);
        Assert.Equal("#222222", RulePaths.Get(result, "theme.primaryColor")!.GetValue<string>());
        Assert.Equal(1, RulePaths.Get(result, "a.b")!.GetValue<int>());
        Assert.Equal("#000000", RulePaths.Get(root, "theme.primaryColor")!.GetValue<string>());
        Assert.Null(RulePaths.Get(root, "a.b"));
    }
}
