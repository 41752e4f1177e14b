using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Portal;

/// <summary>Issue 10, « a home per role »: where each person lands, the welcome page's links, the API block, the French, the error reference.</summary>
public sealed class RoleHomeTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Host = "sstrn.localhost";

    private static Dictionary<string, string> Form(string identifier, string password = DemoData.Password) =>
        new() { ["Identifier"] = identifier, ["Password"] = password };

    private static string? Location(HttpResponseMessage r) => r.Headers.Location?.OriginalString;

    [Fact]
    public async Task An_employer_lands_on_their_company_home_with_what_needs_doing()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1");
        var portal = Factory.PortalFor(Host);

        var signIn = await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo"));
        Assert.Equal($"/entreprises/{company}", Location(signIn));

        var home = await portal.GetHtmlAsync(Location(signIn)!);
        var todo = Regex.Match(home, "<section class=\"panel\" id=\"a-faire\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("À faire", todo);
        // This year's contribution is unpaid in the demo: counted, with its amount, and a link to the invoices.
        Assert.Matches($"<a href=\"/entreprises/{company}/factures\">1 facture à régler \\(", todo);
        Assert.Contains($"href=\"/entreprises/{company}/salaries\"", todo);
        Assert.Contains($"href=\"/entreprises/{company}/visites\"", todo);
        Assert.Contains("Déclaration annuelle", todo);

        // The portal's own address takes a signed-in person to their home too.
        Assert.Equal($"/entreprises/{company}", Location(await portal.GetAsync("/")));
    }

    [Fact]
    public async Task A_local_return_address_wins_and_another_site_never_does()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1");
        var target = $"/entreprises/{company}/factures";
        Assert.Equal(target, Location(await Factory.PortalFor(Host).SubmitAsync("/connexion?retour=" + Uri.EscapeDataString(target), Form("employer@sstrn.demo"))));
        Assert.Equal($"/entreprises/{company}", Location(await Factory.PortalFor(Host)
            .SubmitAsync("/connexion?retour=" + Uri.EscapeDataString("https://ailleurs.example/piege"), Form("employer@sstrn.demo"))));
    }

    [Theory]
    [InlineData("staff@sstrn.demo", "/personnel")]
    [InlineData("admin@sstrn.demo", "/administration/regles")]
    public async Task Staff_land_on_their_desk_and_administrators_on_the_rules(string email, string home)
    {
        await DemoData.SeedAsync(Factory.Services);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion?personnel=true", Form(email));
        var signedIn = await portal.SubmitAsync("/connexion/authentificateur",
            new Dictionary<string, string> { ["Code"] = TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow()) });
        Assert.Equal(home, Location(signedIn));
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync(home)).StatusCode);
        Assert.Equal(home, Location(await portal.GetAsync("/")));
    }

    [Fact]
    public async Task A_firm_with_several_companies_here_lands_on_the_list_of_them()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        await api.GrantAccountantAsync(await api.CompanyIdAsync("101.1"), CompanyRoles.Billing);
        var signIn = await Factory.PortalFor(Host).SubmitAsync("/connexion", Form(DemoData.AccountantEmail));
        Assert.Equal("/mes-clients", Location(signIn));
    }

    [Fact]
    public async Task The_welcome_page_cards_are_links_that_lead_to_the_part_of_ones_company()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1");
        var visitor = Factory.PortalFor(Host);
        var welcome = await visitor.GetHtmlAsync("/");
        var cards = Regex.Matches(welcome, "<a class=\"card card-link\" href=\"([^\"]+)\"><h2>([^<]+)</h2>").Select(m => (Href: m.Groups[1].Value, Title: m.Groups[2].Value)).ToList();
        Assert.Equal(["Votre entreprise", "Vos salariés", "Visites médicales", "Déclaration annuelle", "Factures et paiement"], cards.Select(c => c.Title));
        Assert.DoesNotContain("<article class=\"card\">", welcome);

        // Signed out, a card asks to sign in first and comes back; signed in, it opens that part of the company.
        var salaries = cards.Single(c => c.Title == "Vos salariés").Href;
        var challenge = await visitor.GetAsync(salaries);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Contains("/connexion?retour=" + Uri.EscapeDataString(salaries), Location(challenge));
        var back = await visitor.SubmitAsync("/connexion?retour=" + Uri.EscapeDataString(salaries), Form("employer@sstrn.demo"));
        Assert.Equal(salaries, Location(back));
        Assert.Equal($"/entreprises/{company}/salaries", Location(await visitor.GetAsync(salaries)));
        Assert.Equal($"/entreprises/{company}/factures", Location(await visitor.GetAsync(cards.Single(c => c.Title == "Factures et paiement").Href)));
    }

    [Fact]
    public async Task The_api_block_is_for_firms_only_and_shows_a_new_secret_once_with_a_copy_button()
    {
        await DemoData.SeedAsync(Factory.Services);
        var employer = Factory.PortalFor(Host);
        await employer.SubmitAsync("/connexion", Form("employer@sstrn.demo"));
        Assert.DoesNotContain("Accès API", await employer.GetHtmlAsync("/compte"));
        // Nor can the employer create one by posting the form anyway.
        var refused = await PortalClient.HtmlAsync(await employer.SubmitAsync("/compte", new Dictionary<string, string> { ["ClientName"] = "Essai" }, "/compte?handler=CreerAcces"));
        Assert.DoesNotContain("client-secret", refused);

        // The accountant manages a company on each of the four services: a firm.
        var firm = Factory.PortalFor(Host);
        await firm.SubmitAsync("/connexion", Form(DemoData.AccountantEmail));
        var account = await firm.GetHtmlAsync("/compte");
        Assert.Contains("Accès API pour le logiciel de votre cabinet", account);
        Assert.Contains("agit alors en votre nom", account);
        var created = await PortalClient.HtmlAsync(await firm.SubmitAsync("/compte", new Dictionary<string, string> { ["ClientName"] = "Compta Plus" }, "/compte?handler=CreerAcces"));
        var secret = Regex.Match(created, "<code id=\"client-secret\">([^<]+)</code>").Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.Contains("data-copy=\"client-secret\"", created);
        Assert.Contains("<script src=\"/js/copy.js", created);
        Assert.DoesNotMatch("<script>", created); // no inline script under the Content-Security-Policy
        Assert.Equal(HttpStatusCode.OK, (await firm.GetAsync("/js/copy.js")).StatusCode);
        Assert.DoesNotContain(secret, await firm.GetHtmlAsync("/compte"));
    }

    // Pentest M3: a person who no longer manages several companies keeps seeing the accesses they created, to revoke them.
    [Fact]
    public async Task Accesses_already_created_stay_listed_and_revocable_when_the_firm_shrinks()
    {
        await DemoData.SeedAsync(Factory.Services);
        var firm = Factory.PortalFor(Host);
        await firm.SubmitAsync("/connexion", Form(DemoData.AccountantEmail));
        await firm.SubmitAsync("/compte", new Dictionary<string, string> { ["ClientName"] = "Compta Plus" }, "/compte?handler=CreerAcces");

        Guid userId;
        await using (var scope = Factory.Services.CreatePlatformScope())
            userId = (await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(u => u.NormalizedEmail == User.Normalize(DemoData.AccountantEmail))).Id;
        foreach (var slug in new[] { "sst68", "sist-on", "sstbtp-bfc" })
        {
            await using var scope = Factory.Services.CreateTenantScope(slug);
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Memberships.Where(m => m.UserId == userId).ExecuteDeleteAsync();
        }
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var kept = await db.Memberships.Where(m => m.UserId == userId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            await db.Memberships.Where(m => m.UserId == userId && m.Id != kept).ExecuteDeleteAsync();
        }

        var account = await firm.GetHtmlAsync("/compte");
        Assert.Contains("Compta Plus", account);
        Assert.Contains("Révoquer", account);
        Assert.DoesNotContain("Créer un accès", account);
        var clientId = Regex.Match(account, "<td>Compta Plus</td><td><code>([^<]+)</code>").Groups[1].Value;
        Assert.NotEmpty(clientId);
        await firm.SubmitAsync("/compte", new Dictionary<string, string>(), $"/compte?handler=Revoquer&clientId={Uri.EscapeDataString(clientId)}");
        Assert.DoesNotContain("Compta Plus", await firm.GetHtmlAsync("/compte"));
    }

    [Fact]
    public async Task Connection_history_names_the_browser_and_system()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor("sstbtp-bfc.localhost");
        portal.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
        await portal.SubmitAsync("/connexion", Form("250001"));
        var history = Regex.Match(await portal.GetHtmlAsync("/compte"), "<table class=\"table\" id=\"historique\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains(">Firefox sur Windows</td>", history);
        Assert.DoesNotContain(">Mozilla/5.0", history);
    }

    [Fact]
    public async Task Sign_in_pages_say_what_each_person_signs_in_with()
    {
        var staff = await Factory.PortalFor(Host).GetHtmlAsync("/connexion?personnel=true");
        Assert.DoesNotContain("espace adhérent</h1>", staff);
        Assert.Contains("personnel du service", staff);

        // sist-on's adherents sign in with an e-mailed code: a bare post is answered in those terms.
        var bare = await PortalClient.HtmlAsync(await Factory.PortalFor("sist-on.localhost").SubmitAsync("/connexion", new Dictionary<string, string>(), "/connexion"));
        Assert.Contains("Indiquez votre adresse e-mail : un code de connexion vous sera envoyé.", bare);
        Assert.DoesNotContain("mot de passe", Regex.Match(bare, "id=\"erreur-connexion\">[^<]*").Value);
    }

    [Fact]
    public async Task French_names_are_elided_and_contracted()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1");
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo"));
        Assert.Contains("<h1>Utilisateurs d'Entreprise Démo SSTRN</h1>", await portal.GetHtmlAsync($"/entreprises/{company}/utilisateurs"));
        Assert.Contains("Bienvenue sur l'espace adhérent du Service de Santé au Travail de la Région Nantaise", await Factory.PortalFor(Host).GetHtmlAsync("/"));
        // One name for the list of all one's companies: the header's link and the page's title.
        Assert.Contains("<h1>Toutes mes entreprises, tous services</h1>", await portal.GetHtmlAsync("/mes-clients"));
    }

    [Fact]
    public async Task The_error_page_always_shows_its_reference()
    {
        var response = await Factory.ClientFor(Host).GetAsync("/cette-page-n-existe-pas");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var reference = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Contains("en indiquant la référence ci-dessous", html);
        Assert.Contains($"Référence : <code>{reference}</code>", html);
    }
}
