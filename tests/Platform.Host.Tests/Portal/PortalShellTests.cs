using System.Net;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Portal;

public sealed class PortalShellTests(PlatformFactory factory) : PlatformTest(factory)
{
    [Theory]
    [InlineData("sst68.localhost", "de Santé au Travail 68", "#005CA9", "03 89 36 30 15")]
    [InlineData("sstrn.localhost", "du Service de Santé au Travail de la Région Nantaise", "#00607A", "contact.adherents@sstrn.fr")]
    [InlineData("sist-on.localhost", "du SIST Ouest Normandie", "#1D4F91", "info@santetravail-on.fr")]
    [InlineData("sstbtp-bfc.localhost", "du SPSTI BTP Bourgogne-Franche-Comté", "#C8102E", "03 81 41 98 50")]
    public async Task Home_page_is_french_and_themed_per_tenant(string host, string ofName, string color, string contact)
    {
        var client = Factory.ClientFor(host);
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"fr\">", html);
        // « de » contracts with the tenant file's article: « du Service… », but « de Santé au Travail 68 ».
        Assert.Contains($"Bienvenue sur l'espace adhérent {ofName}", html);
        Assert.Contains($"--primary: {color}", await PortalClient.ThemeOfAsync(client, html));
        Assert.Contains("src=\"/tenant/logo.svg\"", html);
        Assert.Contains(contact, html);
        Assert.Contains("href=\"/connexion\"", html);
    }

    [Fact]
    public async Task Logo_is_the_tenant_svg()
    {
        var response = await Factory.ClientFor("sstbtp-bfc.localhost").GetAsync("/tenant/logo.svg");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("SPSTI BTP BFC", svg);
        Assert.Contains("#C8102E", svg);
    }

    [Theory]
    [InlineData("sist-on.localhost", "code de connexion à usage unique")]
    [InlineData("sstrn.localhost", "votre adresse e-mail et votre mot de passe")]
    [InlineData("sst68.localhost", "votre numéro d'adhérent et votre mot de passe")]
    [InlineData("sstbtp-bfc.localhost", "mandataire")]
    public async Task Sign_in_page_describes_the_tenant_method(string host, string expected)
    {
        var html = WebUtility.HtmlDecode(await Factory.ClientFor(host).GetStringAsync("/connexion"));
        Assert.Contains(expected, html);
    }

    [Fact]
    public async Task Unknown_page_gets_a_themed_french_404()
    {
        var client = Factory.ClientFor("sstrn.localhost");
        var response = await client.GetAsync("/nulle-part");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Page introuvable", html);
        Assert.Contains("--primary: #00607A", await PortalClient.ThemeOfAsync(client, html));
    }
}
