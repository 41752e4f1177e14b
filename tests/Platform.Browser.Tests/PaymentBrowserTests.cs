using Microsoft.Playwright;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>The browser factory with a fake Stripe whose checkout page posts its signed webhook to the host's real port.</summary>
public sealed class StripeBrowserFactory : BrowserFactory
{
    public FakeStripe Stripe { get; private set; } = null!;

    protected override async Task BeforeStartAsync()
    {
        Stripe = await FakeStripe.StartAsync(Clock);
        await base.BeforeStartAsync();
    }

    protected override IEnumerable<(string Key, string Value)> Settings => base.Settings.Concat(
    [
        ("Payments:Stripe:SecretKey", Stripe.SecretKey),
        ("Payments:Stripe:WebhookSecret", Stripe.WebhookSecret),
        ("Payments:Stripe:ApiBase", Stripe.ApiBase),
    ]);

    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        Stripe.Reset();
        // The webhook answers on any host: Stripe would call the platform's domain, here the loopback address.
        Stripe.WebhookClient ??= new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{new Uri(Url("sst68")).Port}") };
    }

    protected override async Task AfterStopAsync()
    {
        await base.AfterStopAsync();
        await Stripe.DisposeAsync();
    }
}

public sealed class PaymentBrowserTests(StripeBrowserFactory factory) : PlatformTest<StripeBrowserFactory>(factory)
{
    // The portal's Content-Security-Policy allows the checkout's origin as a form target: without it Chromium
    // blocks the redirect from « Payer par carte » to the checkout page.
    [Fact]
    public async Task Pay_an_invoice_by_card_with_the_fake_Stripe()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var company = await new DemoApi(Factory, "sst68").CompanyIdAsync("680001");

        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url("sst68", "/connexion"));
        await page.FillAsync("#identifiant", "680001");
        await page.FillAsync("#motdepasse", DemoData.Password);
        await page.ClickAsync("button:has-text('Se connecter')");
        await Factory.SignedInAsync(page, "sst68");

        await page.GotoAsync(Factory.Url("sst68", $"/entreprises/{company}/factures"));
        await page.ClickAsync("button:has-text('Payer par carte')");
        await page.WaitForURLAsync(Factory.Stripe.ApiBase + "/checkout/**", BrowserFactory.Navigated);
        await Expect(page.Locator("h1")).ToContainTextAsync("Paiement par carte");

        // « Payer » at Stripe: the signed webhook reaches the host, then the browser comes back.
        await page.ClickAsync("button:has-text('Payer')");
        await page.WaitForURLAsync(Factory.Url("sst68", $"/entreprises/{company}/factures") + "?paiement=confirmation", BrowserFactory.Navigated);
        await Expect(page.Locator("#paiement-retour")).ToContainTextAsync("paiement en cours de confirmation");
        await page.ReloadAsync();
        await Expect(page.Locator("#factures")).ToContainTextAsync("Paiement par carte");
        await Expect(page.Locator("#factures tr", new() { HasText = "Cotisation 2026" }).First).ToContainTextAsync("Payée");
        await Expect(page.Locator("button:has-text('Payer par carte')")).ToHaveCountAsync(0);
    }
}
