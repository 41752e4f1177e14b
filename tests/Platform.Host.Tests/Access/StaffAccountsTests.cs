using System.Net;
using System.Text.RegularExpressions;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

/// <summary>Tenant administrators manage staff accounts; new staff enrol a password and an authenticator.</summary>
public sealed partial class StaffAccountsTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Host = "sstrn.localhost";

    [GeneratedRegex(@"(https://[^\s""<]+/personnel/activation\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex EnrolmentLink();
    [GeneratedRegex(@"<code id=""secret"">([A-Z2-7]+)</code>")] private static partial Regex Secret();

    private Task<PortalClient> StaffSignInAsync(string email, string password, string secret) =>
        Factory.StaffPortalAsync(Host, email, password, secret);

    [Fact]
    public async Task A_new_staff_member_enrols_a_password_and_an_authenticator_then_signs_in()
    {
        await DemoData.SeedAsync(Factory.Services);
        var admin = await StaffSignInAsync("admin@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var added = await PortalClient.HtmlAsync(await admin.SubmitAsync("/administration/personnel",
            new Dictionary<string, string> { ["FirstName"] = "Martine", ["LastName"] = "Secrétaire", ["Email"] = "martine@sstrn.fr", ["Role"] = "Staff" },
            "/administration/personnel?handler=Ajouter"));
        Assert.Contains("Un e-mail d'activation a été envoyé à martine@sstrn.fr.", added);
        Assert.Matches("Martine Secrétaire.*?En attente d'activation", Regex.Replace(added, @"\s+", " "));

        var pending = await PortalClient.HtmlAsync(await Factory.PortalFor(Host).SubmitAsync("/connexion?personnel=true",
            new Dictionary<string, string> { ["Identifier"] = "martine@sstrn.fr", ["Password"] = "Quelconque-2026!" }));
        Assert.Contains("Identifiant ou mot de passe incorrect.", pending);

        var link = new Uri(EnrolmentLink().Match((await Factory.Smtp.WaitForMessageAsync("martine@sstrn.fr")).TextBody ?? "").Groups[1].Value);
        var newcomer = Factory.PortalFor(Host);
        var page = await (await newcomer.GetAsync(link.PathAndQuery)).Content.ReadAsStringAsync();
        var secret = Secret().Match(page).Groups[1].Value;
        Assert.NotEmpty(secret);

        var wrongCode = await PortalClient.HtmlAsync(await newcomer.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "Secretaire-2026!", ["Code"] = "000000" }));
        Assert.Contains("Code de l'application d'authentification incorrect", wrongCode);
        var weak = await PortalClient.HtmlAsync(await newcomer.SubmitAsync(link.PathAndQuery,
            new Dictionary<string, string> { ["Password"] = "Court-1!", ["Code"] = TotpCodes.CurrentCode(secret, Factory.Clock.GetUtcNow()) }));
        Assert.Contains("au moins 12 caractères", weak);
        var done = await PortalClient.HtmlAsync(await newcomer.SubmitAsync(link.PathAndQuery,
            new Dictionary<string, string> { ["Password"] = "Secretaire-2026!", ["Code"] = TotpCodes.CurrentCode(secret, Factory.Clock.GetUtcNow()) }));
        Assert.Contains("Votre accès est activé", done);

        var staff = await StaffSignInAsync("martine@sstrn.fr", "Secretaire-2026!", secret);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/personnel")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/administration/personnel")).StatusCode);
        Assert.Matches("Martine Secrétaire.*?Actif", Regex.Replace(await admin.GetHtmlAsync("/administration/personnel"), @"\s+", " "));
    }

    [Fact]
    public async Task The_service_keeps_at_least_one_administrator()
    {
        await DemoData.SeedAsync(Factory.Services);
        var admin = await StaffSignInAsync("admin@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var page = await admin.GetHtmlAsync("/administration/personnel");
        var adminRow = Regex.Match(Regex.Replace(page, @"\s+", " "), "Antoine Administrateur.*?action=\"(/administration/personnel\\?[^\"]*handler=Role[^\"]*)\"").Groups[1].Value;
        var demoted = await PortalClient.HtmlAsync(await admin.SubmitAsync("/administration/personnel", new Dictionary<string, string> { ["Role"] = "Staff" }, adminRow));
        Assert.Contains("Le service doit garder au moins un administrateur", demoted);
        var removeRow = Regex.Match(Regex.Replace(page, @"\s+", " "), "Antoine Administrateur.*?action=\"(/administration/personnel\\?[^\"]*handler=Retirer[^\"]*)\"").Groups[1].Value;
        var removed = await PortalClient.HtmlAsync(await admin.SubmitAsync("/administration/personnel", new Dictionary<string, string>(), removeRow));
        Assert.Contains("Le service doit garder au moins un administrateur", removed);
    }
}
