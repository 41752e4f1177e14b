using System.Text.RegularExpressions;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Portal;

/// <summary>« Mon entreprise » and the staff's page for employers' changes and health teams, through their forms.</summary>
public sealed class CompanyPagesTests(PlatformFactory factory) : PlatformTest(factory)
{
    private static string Flat(string html) => Regex.Replace(html, @"\s+", " ");

    private async Task<PortalClient> EmployerAsync(string host, string identifier)
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor(host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = identifier, ["Password"] = DemoData.Password });
        return portal;
    }

    [Fact]
    public async Task An_sstrn_employer_updates_the_details_and_the_billing_address_falls_back_to_the_main_one()
    {
        var portal = await EmployerAsync("sstrn.localhost", "employer@sstrn.demo");
        var company = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1");
        var page = $"/entreprises/{company}/fiche";
        var fields = new Dictionary<string, string>
        {
            ["Name"] = "Entreprise Démo SSTRN", ["LegalForm"] = "SAS", ["NafCode"] = "43.32B", ["CreationDate"] = "2015-03-02",
            ["Activity"] = "Travaux d'installation électrique", ["CompanyPhone"] = "02 40 00 00 00",
            ["Main.Line1"] = "12 rue de la Paix", ["Main.PostalCode"] = "44000", ["Main.City"] = "Nantes",
        };
        var saved = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page, fields, page + "?handler=Details")));
        Assert.Contains("Les informations de l'entreprise sont enregistrées.", saved);
        Assert.Contains("<dt>Adresse de facturation</dt><dd>12 rue de la Paix, 44000 NANTES <span class=\"muted\"> (adresse principale)</span>", saved);

        fields["Main.PostalCode"] = "4400";
        var refused = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page, fields, page + "?handler=Details")));
        Assert.Contains("Le code postal s'écrit avec 5 chiffres.", refused);

        var contact = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page,
            new Dictionary<string, string> { ["Function"] = "Comptable", ["ContactName"] = "Paul Compte", ["Phone"] = "02 40 00 00 00" }, page + "?handler=Contact")));
        Assert.Contains("Le contact Paul Compte est enregistré.", contact);
        Assert.Contains("<td>Comptable</td><td>Paul Compte</td><td>02 40 00 00 00</td>", contact);
    }

    [Fact]
    public async Task An_sst68_change_is_shown_pending_then_staff_accept_it_for_the_next_day()
    {
        var portal = await EmployerAsync("sst68.localhost", "680001");
        var company = await new DemoApi(Factory, "sst68").CompanyIdAsync("680001");
        var page = $"/entreprises/{company}/fiche";
        var sent = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Name"] = "Boulangerie Nouvelle", ["LegalForm"] = "SAS", ["CreationDate"] = "2015-03-02", ["NafCode"] = "10.71C", ["Activity"] = "Boulangerie",
            ["CompanyPhone"] = "03 89 00 00 00", ["Main.Line1"] = "1 place de la Réunion", ["Main.PostalCode"] = "68100", ["Main.City"] = "Mulhouse",
        }, page + "?handler=Details")));
        Assert.Contains("elle prendra effet le lendemain de sa validation", sent);
        Assert.Contains("Modification en attente de validation par le service", sent);
        Assert.Contains("« Boulangerie Nouvelle »", sent);

        var staff = await Factory.StaffPortalAsync("sst68.localhost", "staff@sst68.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var desk = await staff.GetHtmlAsync("/personnel/entreprises");
        Assert.Matches("Raison sociale : « [^»]+ » → « Boulangerie Nouvelle »", Flat(desk));
        var changeId = Regex.Match(desk, "changeId=([0-9a-f-]{36})").Groups[1].Value;
        var accepted = Flat(await PortalClient.HtmlAsync(await staff.SubmitAsync("/personnel/entreprises", new Dictionary<string, string>(),
            $"/personnel/entreprises?handler=Modification&changeId={changeId}&accept=true")));
        Assert.Matches("Modification (de |d'|du ).* acceptée : elle prend effet le \\d{2}/\\d{2}/\\d{4}\\.", accepted);

        var after = Flat(await portal.GetHtmlAsync(page));
        Assert.Contains("Modification validée : elle prend effet le", after);
    }

    [Fact]
    public async Task Staff_fill_in_the_health_team_that_the_employer_then_reads()
    {
        var portal = await EmployerAsync("sstrn.localhost", "employer@sstrn.demo");
        var company = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1");
        Assert.Contains("n'a pas encore renseigné l'équipe santé", await portal.GetHtmlAsync($"/entreprises/{company}/fiche"));

        var staff = await Factory.StaffPortalAsync("sstrn.localhost", "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var saved = await PortalClient.HtmlAsync(await staff.SubmitAsync("/personnel/entreprises?adherent=101.1", new Dictionary<string, string>
        {
            ["Doctor"] = "Dr Anne Martin", ["Nurses"] = "Luc Bernard, Inès Petit", ["MedicalSecretaryPhone"] = "0240123456", ["OpeningHours"] = "8 h 30 – 17 h",
        }, "/personnel/entreprises?handler=Equipe&adherent=101.1"));
        Assert.Contains("est enregistrée", saved);

        var team = Flat(await portal.GetHtmlAsync($"/entreprises/{company}/fiche"));
        Assert.Contains("<dt>Médecin du travail</dt><dd>Dr Anne Martin</dd>", team);
        Assert.Contains("<dd>Luc Bernard, Inès Petit</dd>", team);
        Assert.Contains("02 40 12 34 56", team);
    }
}
