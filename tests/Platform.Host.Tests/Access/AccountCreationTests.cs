using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

/// <summary>sstrn's online account creation with an e-mailed activation link.</summary>
public sealed partial class AccountCreationTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    [GeneratedRegex(@"(https://[^\s""<]+/activation\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex ActivationLink();

    private static Dictionary<string, string> Form(string email) => new()
    {
        ["FirstName"] = "Lucie", ["LastName"] = "Lambert", ["Email"] = email,
        ["JobFunction"] = "Responsable RH", ["PortalUses"] = "Déclarer mes salariés",
    };

    private Task<HttpResponseMessage> SignInAsync(string email, string password = "Nantes-2026!") =>
        Factory.PortalFor("sstrn.localhost").SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = email, ["Password"] = password });

    [Fact]
    public async Task A_new_account_signs_in_once_activated()
    {
        var created = await PortalClient.HtmlAsync(await Factory.PortalFor("sstrn.localhost").SubmitAsync("/creer-un-compte", Form("lucie@example.fr")));
        Assert.Contains("Un e-mail d'activation vient d'être envoyé à lucie@example.fr", created);

        // No password yet: it is chosen once the e-mail is proven, on the activation page.
        Assert.Contains("Identifiant ou mot de passe incorrect", await PortalClient.HtmlAsync(await SignInAsync("lucie@example.fr")));

        var message = await Factory.Smtp.WaitForMessageAsync("lucie@example.fr");
        Assert.Equal("Activez votre compte de l'espace adhérent", message.Subject);
        Assert.Contains("Bonjour Lucie,", message.TextBody);
        var link = new Uri(ActivationLink().Match(message.TextBody ?? "").Groups[1].Value);
        var owner = Factory.PortalFor("sstrn.localhost");
        Assert.Contains("Choisissez votre mot de passe", await owner.GetHtmlAsync(link.PathAndQuery));
        Assert.Contains("Le mot de passe doit contenir", await PortalClient.HtmlAsync(await owner.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "faible" })));
        Assert.Contains("Votre compte est activé", await PortalClient.HtmlAsync(await owner.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "Nantes-2026!" })));
        Assert.Contains("Ce lien d'activation n'est plus valable", await Factory.PortalFor("sstrn.localhost").GetHtmlAsync(link.PathAndQuery));

        Assert.Matches(Homes.Any, (await SignInAsync("lucie@example.fr")).Headers.Location?.OriginalString);
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(u => u.Email == "lucie@example.fr");
        Assert.Equal("Responsable RH", user.JobFunction);
        Assert.Equal(["Déclarer mes salariés"], user.PortalUses);
    }

    [Fact]
    public async Task An_existing_email_gets_the_same_answer_and_its_owner_is_told_by_email()
    {
        await DemoData.SeedAsync(Factory.Services);
        var answer = await PortalClient.HtmlAsync(await Factory.PortalFor("sstrn.localhost").SubmitAsync("/creer-un-compte", Form("employer@sstrn.demo")));
        Assert.Contains("Un e-mail d'activation vient d'être envoyé à employer@sstrn.demo", answer);
        Assert.Equal("Vous avez déjà un compte sur l'espace adhérent", (await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo")).Subject);
        Assert.Matches(Homes.Company, (await SignInAsync("employer@sstrn.demo", DemoData.Password)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Bad_forms_are_refused_and_nothing_is_created()
    {
        var form = Form("pas-une-adresse");
        form.Remove("PortalUses");
        form["JobFunction"] = "";
        var html = await PortalClient.HtmlAsync(await Factory.PortalFor("sstrn.localhost").SubmitAsync("/creer-un-compte", form));
        Assert.Contains("Indiquez une adresse e-mail valide.", html);
        Assert.Contains("Indiquez votre fonction dans l'entreprise.", html);
        Assert.Contains("Cochez au moins un motif d'utilisation du portail.", html);
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.CountAsync());
    }

    [Fact]
    public async Task Tenants_without_online_accounts_do_not_offer_them()
    {
        Assert.Contains("n'est pas proposée par ce service", await Factory.PortalFor("sst68.localhost").GetHtmlAsync("/creer-un-compte"));
        var html = await PortalClient.HtmlAsync(await Factory.PortalFor("sst68.localhost").GetAsync("/connexion"));
        Assert.DoesNotContain("Créer un compte", html);
        Assert.Contains("Créer un compte", await Factory.PortalFor("sstrn.localhost").GetHtmlAsync("/connexion"));
    }
}
