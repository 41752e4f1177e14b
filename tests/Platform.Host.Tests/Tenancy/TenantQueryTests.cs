using System.Net;
using System.Text.Json;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Tenancy;

public sealed class TenantQueryTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Query = """
        { tenant { slug name loginMethod
            theme { primaryColor secondaryColor logoUrl displayName contact { phone email openingHours } }
            rules { loginIdentifier billingCycle paymentMethods holidayCalendar cancellationNotice { hours workingDays } } } }
        """;

    [Theory]
    [InlineData("sst68.localhost", "sst68", "Santé au Travail 68", "#005CA9", "PASSWORD", "MEMBER_NUMBER", "ANNUAL", "ALSACE_MOSELLE", 48, null, "03 89 36 30 15")]
    [InlineData("sstrn.localhost", "sstrn", "Service de Santé au Travail de la Région Nantaise", "#00607A", "PASSWORD", "EMAIL", "ANNUAL", "FRANCE", 48, null, "02 59 45 10 10")]
    [InlineData("sist-on.localhost", "sist-on", "SIST Ouest Normandie", "#1D4F91", "EMAIL_CODE", "EMAIL", "MONTHLY", "FRANCE", 48, null, "02 33 57 00 00")]
    [InlineData("sstbtp-bfc.localhost", "sstbtp-bfc", "SPSTI BTP Bourgogne-Franche-Comté", "#C8102E", "PASSWORD", "MEMBER_NUMBER", "QUARTERLY", "FRANCE", null, 3, "03 81 41 98 50")]
    public async Task Each_host_answers_with_its_own_tenant(string host, string slug, string name, string color, string login,
        string identifier, string billing, string calendar, int? hours, int? workingDays, string phone)
    {
        var data = (await Factory.GraphQLAsync(host, Query)).GetProperty("data").GetProperty("tenant");

        Assert.Equal(slug, data.GetProperty("slug").GetString());
        Assert.Equal(name, data.GetProperty("name").GetString());
        Assert.Equal(login, data.GetProperty("loginMethod").GetString());
        var theme = data.GetProperty("theme");
        Assert.Equal(color, theme.GetProperty("primaryColor").GetString());
        Assert.Equal("/tenant/logo.svg", theme.GetProperty("logoUrl").GetString());
        Assert.Equal(phone, theme.GetProperty("contact").GetProperty("phone").GetString());
        var rules = data.GetProperty("rules");
        Assert.Equal(identifier, rules.GetProperty("loginIdentifier").GetString());
        Assert.Equal(billing, rules.GetProperty("billingCycle").GetString());
        Assert.Equal(calendar, rules.GetProperty("holidayCalendar").GetString());
        var notice = rules.GetProperty("cancellationNotice");
        Assert.Equal(hours, notice.GetProperty("hours").ValueKind == JsonValueKind.Null ? null : notice.GetProperty("hours").GetInt32());
        Assert.Equal(workingDays, notice.GetProperty("workingDays").ValueKind == JsonValueKind.Null ? null : notice.GetProperty("workingDays").GetInt32());
    }

    [Fact]
    public async Task Payment_methods_follow_the_rule_matrix()
    {
        async Task<string[]> Methods(string host) =>
            (await Factory.GraphQLAsync(host, "{ tenant { rules { paymentMethods } } }"))
            .GetProperty("data").GetProperty("tenant").GetProperty("rules").GetProperty("paymentMethods")
            .EnumerateArray().Select(e => e.GetString()!).ToArray();

        Assert.Contains("SEPA_DEBIT", await Methods("sstrn.localhost"));
        Assert.DoesNotContain("CARD", await Methods("sstrn.localhost"));
        Assert.Contains("CARD", await Methods("sist-on.localhost"));
        Assert.Equal(["SEPA_DEBIT", "CHEQUE", "TRANSFER"], await Methods("sstbtp-bfc.localhost"));
    }

    [Fact]
    public async Task Production_domain_and_get_requests_resolve_the_tenant()
    {
        var response = await Factory.ClientFor("sist-on.sante-travail.example").GetAsync("/graphql?query=" + Uri.EscapeDataString("{ tenant { slug } }"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("sist-on", json.RootElement.GetProperty("data").GetProperty("tenant").GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("unknown.localhost", "/")]
    [InlineData("unknown.localhost", "/graphql")]
    [InlineData("sante-travail.example", "/")]
    [InlineData("sstrn.other-domain.example", "/connexion")]
    public async Task Unknown_host_gets_a_french_404_and_never_a_default_tenant(string host, string path)
    {
        var response = await Factory.ClientFor(host).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Service introuvable", html);
        Assert.Contains("lang=\"fr\"", html);
        foreach (var name in new[] { "SSTRN", "Santé au Travail 68", "SIST", "BTP" })
            Assert.DoesNotContain(name, html);
    }

    [Fact]
    public async Task Unknown_host_cannot_post_graphql()
    {
        var response = await Factory.ClientFor("evil.localhost").PostAsync("/graphql",
            new StringContent("""{"query":"{ tenant { slug } }"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("slug", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_checks_the_database_on_any_host()
    {
        foreach (var host in new[] { "localhost", "sstrn.localhost", "10.0.0.1" })
        {
            var response = await Factory.ClientFor(host).GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }
}
