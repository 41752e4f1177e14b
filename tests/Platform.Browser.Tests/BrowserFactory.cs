using Microsoft.Playwright;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Browser.Tests;

/// <summary>
/// The real host on a real port (Kestrel) with a real SMTP server, and Debian's Chromium driven by
/// Playwright. Browsers resolve *.localhost to the loopback address, so each tenant has its host.
/// </summary>
public class BrowserFactory : EmailFactory
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly int port = SmtpTestServer.FreePort();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string Url(string tenant, string path = "/") => $"http://{tenant}.localhost:{port}{path}";

    /// <summary>Waits until a sign-in has landed on the tenant's portal, on the person's home (it depends on their roles).</summary>
    public Task SignedInAsync(IPage page, string tenant) =>
        page.WaitForURLAsync(u => u.StartsWith(Url(tenant)) && !new Uri(u).AbsolutePath.StartsWith("/connexion") && !new Uri(u).AbsolutePath.StartsWith("/invitation"), Navigated);

    /// <summary>
    /// Navigation is done once the new document is parsed: the assertions then wait for what they read.
    /// Waiting for the full load event instead hung for 30 s now and then in full CI runs (not reproduced alone).
    /// </summary>
    public static readonly PageWaitForURLOptions Navigated = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    protected override async Task BeforeStartAsync()
    {
        await base.BeforeStartAsync();
        UseKestrel(port);
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException("Chromium is missing: run scripts/test.sh, which installs Debian's chromium.");
        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine has no network beyond loopback: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    protected override async Task AfterStopAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await base.AfterStopAsync();
    }
}
