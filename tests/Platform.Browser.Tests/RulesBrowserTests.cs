using Microsoft.Playwright;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Browser.Tests;

/// <summary>The tenant administrator's rules forms in Chromium: the live colour preview, a save and its history, an error beside its field.</summary>
public sealed class RulesBrowserTests(BrowserFactory factory) : PlatformTest<BrowserFactory>(factory)
{
    private async Task<IPage> AdministratorAsync()
    {
        await DemoData.SeedAsync(Factory.Services);
        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url("sstrn", "/connexion?personnel=true"));
        await page.FillAsync("#identifiant", "admin@sstrn.demo");
        await page.FillAsync("#motdepasse", DemoData.Password);
        await page.ClickAsync("button:has-text('Se connecter')");
        await page.WaitForSelectorAsync("#code");
        // An authenticator code serves once: take the next 30-second step.
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.FillAsync("#code", TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow()));
        await page.ClickAsync("button:has-text('Valider')");
        await page.WaitForURLAsync(url => !url.Contains("/connexion"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    [Fact]
    public async Task The_theme_form_previews_the_colour_saves_it_and_shows_it_in_the_history()
    {
        var page = await AdministratorAsync();
        await page.GotoAsync(Factory.Url("sstrn", "/administration/regles/identite"));
        Assert.Equal("rgb(0, 96, 122)", await page.EvalOnSelectorAsync<string>(".rules-preview-header", "e => getComputedStyle(e).backgroundColor"));

        await page.FillAsync("#f-theme-primaryColor", "#336699");
        // The preview follows before anything is saved.
        await Assertions.Expect(page.Locator(".rules-preview-header")).ToHaveCSSAsync("background-color", "rgb(51, 102, 153)");
        Assert.Equal("rgb(0, 96, 122)", await page.EvalOnSelectorAsync<string>(".site-header", "e => getComputedStyle(e).borderBottomColor"));

        await page.ClickAsync("form.rules-form button:has-text('Enregistrer')");

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Modifications enregistrées.");
        var row = page.Locator("#historique tbody tr", new PageLocatorOptions { HasText = "Couleur principale" });
        await Assertions.Expect(row).ToContainTextAsync("Antoine Administrateur");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("#00607A");
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("#336699");
        Assert.Equal("rgb(51, 102, 153)", await page.EvalOnSelectorAsync<string>(".site-header", "e => getComputedStyle(e).borderBottomColor"));
    }

    [Fact]
    public async Task An_error_appears_beside_its_field()
    {
        var page = await AdministratorAsync();
        await page.GotoAsync(Factory.Url("sstrn", "/administration/regles/visites"));

        await page.FillAsync("#f-cancellation-notice", "800");
        await page.ClickAsync("form.rules-form button:has-text('Enregistrer')");

        var field = page.Locator("#f-cancellation-notice");
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(field).ToHaveValueAsync("800");
        // The message sits in the field's own block, right under it, and the field points to it.
        var error = page.Locator(".rule-field:has(#f-cancellation-notice) .field-error");
        await Assertions.Expect(error).ToHaveTextAsync("Délai entre 1 et 720 heures");
        Assert.Contains("f-cancellation-notice-erreur", await field.GetAttributeAsync("aria-describedby"));
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("Rien n'a été enregistré");
        await Assertions.Expect(page.Locator("#historique")).ToContainTextAsync("Aucune modification de ces règles.");
    }
}
