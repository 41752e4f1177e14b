using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Browser.Tests;

public sealed partial class PortalBrowserTests(BrowserFactory factory) : PlatformTest<BrowserFactory>(factory)
{
    [GeneratedRegex(@"\b(\d{6})\b")] private static partial Regex SixDigits();
    [GeneratedRegex(@"(https?://[^\s""<]+/invitation\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex InvitationLink();

    [Theory]
    [InlineData("sst68", "rgb(0, 92, 169)", "Santé au Travail 68")]
    [InlineData("sstrn", "rgb(0, 96, 122)", "Service de Santé au Travail de la Région Nantaise")]
    [InlineData("sist-on", "rgb(29, 79, 145)", "SIST Ouest Normandie")]
    [InlineData("sstbtp-bfc", "rgb(200, 16, 46)", "SPSTI BTP Bourgogne-Franche-Comté")]
    public async Task Each_tenant_has_its_own_theme(string tenant, string primary, string name)
    {
        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url(tenant));
        Assert.Equal(primary, await page.EvalOnSelectorAsync<string>(".hero", "e => getComputedStyle(e).backgroundColor"));
        Assert.Equal(primary, await page.EvalOnSelectorAsync<string>(".site-header", "e => getComputedStyle(e).borderBottomColor"));
        Assert.Contains(name, await page.TextContentAsync("h1"));
        Assert.True(await page.EvalOnSelectorAsync<bool>("img.brand-logo", "img => img.complete && img.naturalWidth > 0"));
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task An_sstrn_employer_signs_in_with_email_and_password()
    {
        await DemoData.SeedAsync(Factory.Services);
        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url("sstrn", "/connexion"));
        await page.FillAsync("#identifiant", "employer@sstrn.demo");
        await page.FillAsync("#motdepasse", DemoData.Password);
        await page.ClickAsync("button:has-text('Se connecter')");

        await Factory.SignedInAsync(page, "sstrn");
        Assert.Contains("Émilie Employeur", await page.TextContentAsync("header"));
        await page.GotoAsync(Factory.Url("sstrn", "/compte"));
        Assert.Contains("Émilie Employeur", await page.TextContentAsync("main"));
    }

    [Fact]
    public async Task A_sist_on_employer_signs_in_with_the_code_received_by_email()
    {
        await DemoData.SeedAsync(Factory.Services);
        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url("sist-on", "/connexion"));
        await page.FillAsync("#email", "employer@sist-on.demo");
        await page.ClickAsync("button:has-text('Recevoir un code')");
        await page.WaitForSelectorAsync("#code");

        var message = await Factory.Smtp.WaitForMessageAsync("employer@sist-on.demo");
        await page.FillAsync("#code", SixDigits().Match(message.Subject ?? "").Groups[1].Value);
        await page.ClickAsync("button:has-text('Se connecter')");

        await Factory.SignedInAsync(page, "sist-on");
        await page.GotoAsync(Factory.Url("sist-on", "/compte"));
        Assert.Contains("employer@sist-on.demo", await page.TextContentAsync("main"));
    }

    [Fact]
    public async Task An_administrator_invites_a_user_who_accepts()
    {
        await DemoData.SeedAsync(Factory.Services);
        // sstrn's people ask for access themselves (seed 000); here sstrn takes sist-on's way, as its administrator may.
        await new DemoApi(Factory, "sstrn").LetEmployersInviteAsync();
        Guid company;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
            company = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.MemberNumber == "101.1").Select(c => c.Id).SingleAsync();

        var admin = await Factory.NewPageAsync();
        await admin.GotoAsync(Factory.Url("sstrn", "/connexion"));
        await admin.FillAsync("#identifiant", "employer@sstrn.demo");
        await admin.FillAsync("#motdepasse", DemoData.Password);
        await admin.ClickAsync("button:has-text('Se connecter')");
        await Factory.SignedInAsync(admin, "sstrn");

        await admin.ClickAsync("summary:has-text('Mes entreprises')");
        await admin.ClickAsync("a:has-text('Entreprise Démo SSTRN')");
        await admin.ClickAsync("a:has-text('Gérer les utilisateurs')");
        await admin.FillAsync("#prenom", "Inès");
        await admin.FillAsync("#nom", "Invitée");
        await admin.FillAsync("#email", "invitee@example.fr");
        await admin.CheckAsync("form[action*='Inviter'] input[value='Convocation']");
        await admin.ClickAsync("button:has-text(\"Envoyer l'invitation\")");
        var pendingRow = admin.Locator("#utilisateurs tr", new() { HasText = "invitee@example.fr" });
        await Assertions.Expect(pendingRow).ToContainTextAsync("En attente de validation");

        var link = InvitationLink().Match((await Factory.Smtp.WaitForMessageAsync("invitee@example.fr")).TextBody ?? "").Groups[1].Value;
        var invitee = await Factory.NewPageAsync();
        await invitee.GotoAsync(link);
        await invitee.FillAsync("#prenom", "Inès");
        await invitee.FillAsync("#nom", "Invitée");
        await invitee.FillAsync("#motdepasse", "Invitee-2026!");
        await invitee.ClickAsync("button:has-text(\"Accepter l'invitation\")");
        await Factory.SignedInAsync(invitee, "sstrn");
        Assert.Contains("Inès Invitée", await invitee.TextContentAsync("header"));

        await admin.GotoAsync(Factory.Url("sstrn", $"/entreprises/{company}/utilisateurs"));
        await Assertions.Expect(admin.Locator("#utilisateurs tr", new() { HasText = "invitee@example.fr" })).ToContainTextAsync("Actif");
    }
}
