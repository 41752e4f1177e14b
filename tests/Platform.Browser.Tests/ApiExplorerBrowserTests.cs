using Microsoft.Playwright;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Browser.Tests;

/// <summary>The API explorer (GET /graphql in a browser) works with no network outside the host.</summary>
public sealed class ApiExplorerBrowserTests(BrowserFactory factory) : PlatformTest<BrowserFactory>(factory)
{
    [Fact]
    public async Task The_explorer_loads_from_the_host_alone_and_runs_a_query()
    {
        var page = await Factory.NewPageAsync();
        var home = new Uri(Factory.Url("sstrn"));
        var elsewhere = new List<string>();
        // Every request to another origin is refused and noted: the explorer must not need one.
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.Host == home.Host && url.Port == home.Port)) await route.ContinueAsync();
            else { elsewhere.Add(route.Request.Url); await route.AbortAsync(); }
        });
        var policyViolations = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error" && message.Text.Contains("Content Security Policy")) policyViolations.Add(message.Text); };

        await page.GotoAsync(Factory.Url("sstrn", "/graphql"));
        await page.WaitForSelectorAsync(".graphiql-container", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.ClickAsync(".graphiql-execute-button");
        await page.WaitForFunctionAsync("() => document.querySelector('.result-window')?.textContent.includes('\"slug\": \"sstrn\"')",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        Assert.Empty(elsewhere);
        Assert.Empty(policyViolations);
    }
}
