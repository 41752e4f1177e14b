using System.Net;
using System.Text.RegularExpressions;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Hosting;

/// <summary>What every answer tells the browser: where scripts and styles may come from, no framing, no sniffing, no caching of personal pages.</summary>
public sealed partial class SecurityHeadersTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Host = "sstrn.localhost";

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=""|\son[a-z]+=""")] private static partial Regex InlineCode();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content) : "";

    [Fact]
    public async Task Pages_allow_only_the_sites_own_scripts_and_styles_and_no_framing()
    {
        var response = await Factory.ClientFor(Host).GetAsync("/connexion");

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Signed_in_pages_and_the_employee_page_holding_a_nir_are_never_stored_and_have_no_inline_code()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var company = await api.CompanyIdAsync("101.1");
        var token = await api.EmployerTokenAsync();
        var employee = (await api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee,
            EmployeeTests.EmployeeInput(company, "Jean", "Dupont", ins: EmployeeTests.Nir))).GetProperty("employee").GetProperty("id").GetString();
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });

        foreach (var page in new[] { $"/entreprises/{company}/salaries/{employee}", $"/entreprises/{company}/salaries", $"/entreprises/{company}/postes",
                     $"/entreprises/{company}/salaries/import", "/compte", $"/entreprises/{company}" })
        {
            var response = await portal.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", Header(response, "Cache-Control"));
            Assert.DoesNotMatch(InlineCode(), await response.Content.ReadAsStringAsync());
        }
        Assert.Contains("1 85 05", await portal.GetHtmlAsync($"/entreprises/{company}/salaries/{employee}"));

        var client = Factory.ClientFor(Host);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var api_ = await client.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new { query = "{ me { email } }" }));
        Assert.Contains("no-store", Header(api_, "Cache-Control"));
    }

    [Fact]
    public async Task The_tenant_theme_is_a_stylesheet_of_the_site()
    {
        var client = Factory.ClientFor(Host);
        var html = await client.GetStringAsync("/");
        Assert.DoesNotMatch(InlineCode(), html);
        var css = await client.GetAsync("/tenant/theme.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("--primary: #00607A", await css.Content.ReadAsStringAsync());
    }
}
