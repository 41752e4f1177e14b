using System.Net;
using System.Text.RegularExpressions;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

/// <summary>The staff desk and the tenant administrator's rules page, through the portal.</summary>
public sealed class StaffPagesTests(PlatformFactory factory) : PlatformTest(factory)
{
    private Task<PortalClient> StaffAsync(string host, string email) =>
        Factory.StaffPortalAsync(host, email, DemoData.Password, DemoData.StaffTotpSecret);

    private static string Flat(string html) => Regex.Replace(html, @"\s+", " ");

    [Fact]
    public async Task An_administrator_changes_a_rule_and_reads_its_history()
    {
        await DemoData.SeedAsync(Factory.Services);
        var admin = await StaffAsync("sstrn.localhost", "admin@sstrn.demo");

        var saved = await PortalClient.HtmlAsync(await admin.SubmitAsync("/administration/regles",
            new Dictionary<string, string> { ["Path"] = "theme.primaryColor", ["Value"] = "\"#336699\"" }));
        Assert.Contains("La règle theme.primaryColor a été enregistrée.", saved);
        Assert.Matches("Antoine Administrateur.*?theme.primaryColor.*?&quot;#00607A&quot;|Antoine Administrateur.*?theme.primaryColor.*?\"#00607A\"", Flat(saved));
        var visitor = Factory.ClientFor("sstrn.localhost");
        Assert.Contains("--primary: #336699", await PortalClient.ThemeOfAsync(visitor, await visitor.GetStringAsync("/")));

        var rate = new Dictionary<string, string> { ["Path"] = "rates", ["Value"] = """[{ "year": 2026, "perEmployee": 150.00, "vatPercent": 20 }]""" };
        var warned = await PortalClient.HtmlAsync(await admin.SubmitAsync("/administration/regles", rate));
        Assert.Contains("hors de la fourchette légale", warned);
        Assert.Contains("je confirme", warned);
        var confirmed = await PortalClient.HtmlAsync(await admin.SubmitAsync("/administration/regles", new Dictionary<string, string>(rate) { ["Confirm"] = "true" }));
        Assert.Contains("La règle rates a été enregistrée.", confirmed);
        Assert.Contains("\"approvedOutsideNationalRange\": true", confirmed);

        var invalid = await PortalClient.HtmlAsync(await admin.SubmitAsync("/administration/regles",
            new Dictionary<string, string> { ["Path"] = "cancellation.hours", ["Value"] = "-4" }));
        Assert.Contains("délai entre 1 et 720 heures", invalid);
    }

    [Fact]
    public async Task Only_administrators_reach_the_rules_and_only_staff_the_desk()
    {
        await DemoData.SeedAsync(Factory.Services);
        var staff = await StaffAsync("sstrn.localhost", "staff@sstrn.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/administration/regles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/personnel")).StatusCode);

        var employer = Factory.PortalFor("sstrn.localhost");
        await employer.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync("/personnel")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync("/administration/regles")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Factory.PortalFor("sstrn.localhost").GetAsync("/personnel")).StatusCode);
    }

    [Fact]
    public async Task Staff_unlock_a_blocked_sst68_account_and_see_who_has_access()
    {
        await DemoData.SeedAsync(Factory.Services);
        var member = Factory.PortalFor("sst68.localhost");
        for (var i = 0; i < 3; i++)
            await member.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = "Mauvais-1!" });

        var staff = await StaffAsync("sst68.localhost", "staff@sst68.demo");
        var desk = Flat(await staff.GetHtmlAsync("/personnel"));
        Assert.Matches("Émilie Employeur.*?680001.*?Jusqu'au déblocage par le service", desk);

        var unlockForm = Regex.Match(desk, "action=\"(/personnel\\?[^\"]*handler=Debloquer[^\"]*)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(unlockForm), "no unlock form in: " + desk);
        var unlocked = await PortalClient.HtmlAsync(await staff.SubmitAsync("/personnel", new Dictionary<string, string>(), unlockForm));
        Assert.Contains("Le compte a été débloqué.", unlocked);
        Assert.Contains("Aucun compte bloqué.", unlocked);

        var signIn = await member.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
        Assert.Matches(Homes.Company, signIn.Headers.Location?.OriginalString);

        var access = Flat(await staff.GetHtmlAsync("/personnel?adherent=680001"));
        Assert.Matches("Entreprise Démo Santé au Travail 68 \\(680001\\).*?Émilie Employeur — employer@sst68.demo — Administrateur", access);
    }
}
