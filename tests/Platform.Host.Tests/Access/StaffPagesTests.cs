using System.Net;
using System.Text.RegularExpressions;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

/// <summary>The staff desk and who reaches the tenant administrator's rules, through the portal (the forms: RulesFormsTests).</summary>
public sealed class StaffPagesTests(PlatformFactory factory) : PlatformTest(factory)
{
    private Task<PortalClient> StaffAsync(string host, string email) =>
        Factory.StaffPortalAsync(host, email, DemoData.Password, DemoData.StaffTotpSecret);

    private static string Flat(string html) => Regex.Replace(html, @"\s+", " ");

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
