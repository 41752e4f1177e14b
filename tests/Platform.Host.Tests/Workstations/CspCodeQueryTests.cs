using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Workstations;

public sealed class CspCodeQueryTests(PlatformFactory factory) : PlatformTest(factory)
{
    [Fact]
    public async Task Codes_are_found_by_code_or_keyword_on_any_tenant()
    {
        var byCode = await Factory.GraphQLAsync("sstrn.localhost", """{ cspCodes(search: "526c") { code label } }""");
        var first = byCode.GetProperty("data").GetProperty("cspCodes")[0];
        Assert.Equal("526c", first.GetProperty("code").GetString());
        Assert.Equal("Auxiliaires de puériculture", first.GetProperty("label").GetString());

        var byWord = await Factory.GraphQLAsync("sst68.localhost", """{ cspCodes(search: "infirmiers", first: 3) { code } }""");
        var codes = byWord.GetProperty("data").GetProperty("cspCodes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.InRange(codes.Count, 1, 3);
        Assert.All(codes, c => Assert.StartsWith("43", c));
    }
}
