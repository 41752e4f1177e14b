using System.Collections.Concurrent;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;
using Xunit.Abstractions;

namespace Platform.Browser.Tests;

/// <summary>
/// Issue 10, accessibility: every portal page, signed out and signed in as employer, staff and tenant
/// administrator, passes axe-core with no serious or critical violation of WCAG 2.1 A and AA (the basis of
/// France's RGAA). The pages come from the app's own routes: a new page that is neither visited below nor
/// excluded with a reason fails the test. One browser, one signed-in context per person, axe loaded into
/// every page by an init script, a few pages checked at once.
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserFactory factory, ITestOutputHelper output) : PlatformTest<BrowserFactory>(factory)
{
    private const string Tenant = "sstrn";
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private enum Visitor { SignedOut, Employer, Staff, Administrator }

    /// <summary>A page to check: who opens it, and the path with the demo data's ids.</summary>
    private sealed record Visit(Visitor Who, string Path, int Status = 200);

    /// <summary>Routes that are not checked, with the reason.</summary>
    private static readonly Dictionary<string, string> Excluded = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deconnexion"] = "no page of its own: GET sends to the home page, POST signs out",
        ["mon-entreprise/{section?}"] = "no page of its own: sends the person to that part of their company (or to sign-in)",
        ["connexion/authentificateur"] = "reached only in the middle of a staff sign-in: checked during the staff's sign-in below",
    };

    [Fact]
    public async Task Every_portal_page_passes_axe_for_wcag_2_1_AA()
    {
        // The demo company joins in 2025; its 2026 declaration is open in January 2027 (sstrn: January–February).
        Factory.Clock.SetUtcNow(new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var (company, employee) = await DemoCompanyAsync();
        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.Zero));
        const int year = 2026;

        // Every route of the app, each either visited here or excluded above.
        var visits = new Dictionary<string, Visit[]>(StringComparer.OrdinalIgnoreCase)
        {
            [""] = [new(Visitor.SignedOut, "/"), new(Visitor.Employer, "/")],
            ["Index"] = [new(Visitor.SignedOut, "/Index")],
            ["Connexion"] = [new(Visitor.SignedOut, "/connexion"), new(Visitor.SignedOut, "/connexion?personnel=true")],
            ["mot-de-passe-oublie"] = [new(Visitor.SignedOut, "/mot-de-passe-oublie")],
            ["creer-un-compte"] = [new(Visitor.SignedOut, "/creer-un-compte")],
            ["documentation-api"] = [new(Visitor.SignedOut, "/documentation-api")],
            ["erreur"] = [new(Visitor.SignedOut, "/erreur?code=404", 404)],
            ["activation"] = [new(Visitor.SignedOut, "/activation?jeton=perime")],
            ["invitation"] = [new(Visitor.SignedOut, "/invitation?jeton=perime")],
            ["mot-de-passe/nouveau"] = [new(Visitor.SignedOut, "/mot-de-passe/nouveau?jeton=perime")],
            ["personnel/activation"] = [new(Visitor.SignedOut, "/personnel/activation?jeton=perime")],
            ["deblocage"] = [new(Visitor.SignedOut, "/deblocage?jeton=perime")],
            ["compte"] = [new(Visitor.Employer, "/compte"), new(Visitor.Staff, "/compte")],
            ["compte/email-de-recuperation"] = [new(Visitor.Employer, "/compte/email-de-recuperation?jeton=perime")],
            ["demarches"] = [new(Visitor.Employer, "/demarches")],
            ["mes-clients"] = [new(Visitor.Employer, "/mes-clients")],
            ["entreprises/{id:guid}"] = [new(Visitor.Employer, $"/entreprises/{company}")],
            ["entreprises/{id:guid}/fiche"] = [new(Visitor.Employer, $"/entreprises/{company}/fiche")],
            ["entreprises/{id:guid}/postes"] = [new(Visitor.Employer, $"/entreprises/{company}/postes")],
            ["entreprises/{id:guid}/salaries"] = [new(Visitor.Employer, $"/entreprises/{company}/salaries")],
            ["entreprises/{id:guid}/salaries/nouveau"] = [new(Visitor.Employer, $"/entreprises/{company}/salaries/nouveau")],
            ["entreprises/{id:guid}/salaries/import"] = [new(Visitor.Employer, $"/entreprises/{company}/salaries/import")],
            ["entreprises/{id:guid}/salaries/{employeeId:guid}"] = [new(Visitor.Employer, $"/entreprises/{company}/salaries/{employee}")],
            ["entreprises/{id:guid}/a-convoquer"] = [new(Visitor.Employer, $"/entreprises/{company}/a-convoquer")],
            ["entreprises/{id:guid}/rendez-vous"] = [new(Visitor.Employer, $"/entreprises/{company}/rendez-vous")],
            ["entreprises/{id:guid}/visites"] = [new(Visitor.Employer, $"/entreprises/{company}/visites")],
            ["entreprises/{id:guid}/documents"] = [new(Visitor.Employer, $"/entreprises/{company}/documents")],
            ["entreprises/{id:guid}/factures"] = [new(Visitor.Employer, $"/entreprises/{company}/factures")],
            ["entreprises/{id:guid}/mandat-sepa"] = [new(Visitor.Employer, $"/entreprises/{company}/mandat-sepa")],
            ["entreprises/{id:guid}/utilisateurs"] = [new(Visitor.Employer, $"/entreprises/{company}/utilisateurs")],
            ["entreprises/{id:guid}/declarations/{year:int}"] = [new(Visitor.Employer, $"/entreprises/{company}/declarations/{year}")],
            ["personnel"] = [new(Visitor.Staff, "/personnel")],
            ["personnel/entreprises"] = [new(Visitor.Staff, "/personnel/entreprises")],
            ["personnel/salaries"] = [new(Visitor.Staff, "/personnel/salaries")],
            ["personnel/visites"] = [new(Visitor.Staff, "/personnel/visites")],
            ["personnel/declarations"] = [new(Visitor.Staff, "/personnel/declarations")],
            ["personnel/documents"] = [new(Visitor.Staff, "/personnel/documents")],
            ["personnel/facturation"] = [new(Visitor.Staff, "/personnel/facturation")],
            ["administration/regles"] = [new(Visitor.Administrator, "/administration/regles")],
            ["administration/regles/identite"] = [new(Visitor.Administrator, "/administration/regles/identite")],
            ["administration/regles/connexion"] = [new(Visitor.Administrator, "/administration/regles/connexion")],
            ["administration/regles/utilisateurs"] = [new(Visitor.Administrator, "/administration/regles/utilisateurs")],
            ["administration/regles/paiement"] = [new(Visitor.Administrator, "/administration/regles/paiement")],
            ["administration/regles/facturation"] = [new(Visitor.Administrator, "/administration/regles/facturation")],
            ["administration/regles/visites"] = [new(Visitor.Administrator, "/administration/regles/visites")],
            ["administration/regles/declarations"] = [new(Visitor.Administrator, "/administration/regles/declarations")],
            ["administration/regles/salaries"] = [new(Visitor.Administrator, "/administration/regles/salaries")],
            ["administration/personnel"] = [new(Visitor.Administrator, "/administration/personnel")],
        };

        var routes = Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().Select(p => p.AttributeRouteInfo?.Template ?? "").Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();
        var forgotten = routes.Where(r => !visits.ContainsKey(r) && !Excluded.ContainsKey(r)).ToList();
        Assert.True(forgotten.Count == 0, "Pages neither checked by axe nor excluded with a reason: " + string.Join(", ", forgotten));
        var gone = visits.Keys.Concat(Excluded.Keys).Where(k => !routes.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(gone.Count == 0, "Listed routes the app no longer has: " + string.Join(", ", gone));

        var problems = new ConcurrentBag<string>();
        var checkedPages = new ConcurrentBag<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // One signed-in context per person, signed in one after the other (the staff's code moves the clock).
        var contexts = new Dictionary<Visitor, IBrowserContext>();
        foreach (var who in Enum.GetValues<Visitor>())
        {
            var page = await NewAxePageAsync();
            if (who != Visitor.SignedOut) await SignInAsync(page, who, problems, checkedPages);
            contexts[who] = page.Context;
        }
        // Then the pages, a few at a time: each worker keeps one tab per person and takes the next visit.
        var pending = new ConcurrentQueue<Visit>(visits.Values.SelectMany(v => v));
        await Task.WhenAll(Enumerable.Range(0, ParallelPages).Select(async _ =>
        {
            var tabs = new Dictionary<Visitor, IPage>();
            while (pending.TryDequeue(out var visit))
            {
                if (!tabs.TryGetValue(visit.Who, out var page)) tabs[visit.Who] = page = await NewTabAsync(contexts[visit.Who]);
                var response = await page.GotoAsync(Factory.Url(Tenant, visit.Path), new() { WaitUntil = WaitUntilState.Load });
                if (response is null || response.Status != visit.Status || (visit.Who != Visitor.SignedOut && new Uri(page.Url).AbsolutePath.StartsWith("/connexion")))
                {
                    problems.Add($"{visit.Who} {visit.Path}: answered {response?.Status} at {page.Url}, not the page itself");
                    continue;
                }
                await CheckAsync(page, $"{visit.Who} {visit.Path}", problems, checkedPages);
            }
        }));
        foreach (var context in contexts.Values) await context.CloseAsync();

        output.WriteLine($"Checked with axe-core ({string.Join(", ", WcagTags)}), {checkedPages.Count} pages in {clock.Elapsed.TotalSeconds:0} s:");
        foreach (var p in checkedPages.Order()) output.WriteLine("  " + p);
        output.WriteLine("Excluded:");
        foreach (var (route, reason) in Excluded) output.WriteLine($"  /{route}: {reason}");
        Assert.True(problems.IsEmpty, string.Join(Environment.NewLine, problems.Order()));
    }

    /// <summary>
    /// The check itself sees a violation: the sign-in page, clean as served, is checked again once its
    /// fields lost their labels (a field without a label is critical for axe), through the same init
    /// script and checker as above.
    /// </summary>
    [Fact]
    public async Task A_page_with_a_violation_is_reported()
    {
        var page = await NewAxePageAsync();
        await page.GotoAsync(Factory.Url(Tenant, "/connexion"), new() { WaitUntil = WaitUntilState.Load });
        var clean = new ConcurrentBag<string>();
        await CheckAsync(page, "SignedOut /connexion", clean, []);
        Assert.Empty(clean);

        await page.EvaluateAsync("""
            () => {
              document.querySelectorAll('label').forEach(l => l.remove());
              document.querySelectorAll('input, select, textarea').forEach(f => ['aria-label', 'aria-labelledby', 'title', 'placeholder'].forEach(a => f.removeAttribute(a)));
            }
            """);
        var problems = new ConcurrentBag<string>();
        await CheckAsync(page, "SignedOut /connexion sans étiquettes", problems, []);
        Assert.Contains(problems, p => p.Contains(": label (critical)"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_375_px_the_employee_list_and_the_invoices_fit_and_amounts_stay_on_one_line()
    {
        await DemoData.SeedAsync(Factory.Services);
        var (company, _) = await DemoCompanyAsync();
        var page = await Factory.NewPageAsync();
        await page.SetViewportSizeAsync(375, 800);
        await SignInAsync(page, Visitor.Employer, [], []);

        foreach (var path in new[] { $"/entreprises/{company}/salaries", $"/entreprises/{company}/factures" })
        {
            await page.GotoAsync(Factory.Url(Tenant, path), new() { WaitUntil = WaitUntilState.Load });
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, $"{path} scrolls sideways at 375 px");
            if (path.EndsWith("/salaries"))
            {
                // One set of controls: a form button is as tall as a link button, a native select as a text field.
                Assert.Equal(await HeightAsync(page, "a.button:has-text('Vérifier la liste')"), await HeightAsync(page, "button.button:has-text('Imprimer')"));
                Assert.Equal(await HeightAsync(page, "input[name=recherche]"), await HeightAsync(page, "select[name=poste]"));
            }
        }
        // The invoices table is wider than a phone: it scrolls inside its box, and no amount wraps (« 1 209,60 / € »).
        var amounts = page.Locator("#factures td.number");
        Assert.True(await amounts.CountAsync() > 0);
        var lines = await amounts.EvaluateAllAsync<int[]>(
            "cells => cells.map(c => { const r = document.createRange(); r.selectNodeContents(c); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })");
        Assert.All(lines, n => Assert.Equal(1, n));
        Assert.Equal("auto", await page.EvalOnSelectorAsync<string>(".table-scroll:has(#factures)", "e => getComputedStyle(e).overflowX"));
    }

    [Fact]
    public async Task A_refused_contact_shows_each_error_beside_its_field_and_focuses_the_first()
    {
        await DemoData.SeedAsync(Factory.Services);
        var (company, _) = await DemoCompanyAsync();
        var page = await Factory.NewPageAsync();
        await SignInAsync(page, Visitor.Employer, [], []);
        await page.GotoAsync(Factory.Url(Tenant, $"/entreprises/{company}/fiche"));

        // Keyboard: the first Tab reaches « Aller au contenu », shown with a visible focus ring; Enter goes to the content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToHaveTextAsync("Aller au contenu");
        Assert.True(await skip.EvaluateAsync<bool>("e => e.getBoundingClientRect().top >= 0 && getComputedStyle(e).outlineStyle !== 'none'"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#contenu")).ToBeFocusedAsync();

        await page.FillAsync("#contact-tel", "12");
        await page.ClickAsync("#contacts button:has-text('Enregistrer')");

        var function = page.Locator("#fonction");
        await Assertions.Expect(function).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(function).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#fonction-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#contact-nom")).ToHaveAttributeAsync("aria-describedby", "contact-nom-error");
        await Assertions.Expect(page.Locator("#contact-nom-error")).ToContainTextAsync("nom");
        // The message sits right under its field, not in a panel far above the form.
        var gap = await page.EvaluateAsync<double>(
            "() => document.getElementById('contact-nom-error').getBoundingClientRect().top - document.getElementById('contact-nom').getBoundingClientRect().bottom");
        Assert.InRange(gap, -1, 16);
        // The company details form, posted by another handler, keeps its own « name » field clean.
        Assert.Null(await page.GetAttributeAsync("#raison", "aria-invalid"));
    }

    private static Task<double> HeightAsync(IPage page, string selector) =>
        page.EvalOnSelectorAsync<double>(selector, "e => Math.round(e.getBoundingClientRect().height)");

    /// <summary>How many pages axe checks at once, in tabs of the one browser.</summary>
    private static readonly int ParallelPages = Math.Clamp(Environment.ProcessorCount, 2, 4);

    /// <summary>
    /// axe-core's script, added once to each context as an init script: every page then opens with axe
    /// loaded. Deque's RunAxe sent the 550 KB script over the DevTools connection and had it parsed again
    /// at each check, which cost more than the check itself.
    /// </summary>
    private static readonly string AxeScript = new BundledAxeScriptProvider().GetScript();

    /// <summary>Runs axe (WCAG 2.1 A and AA rules) and brings back only the serious and critical violations.</summary>
    private const string RunAxeScript = """
        async tags => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html) }));
        }
        """;

    /// <summary>A page of a new context in which every document opens with axe loaded.</summary>
    private async Task<IPage> NewAxePageAsync()
    {
        var page = await Factory.NewPageAsync();
        await page.Context.AddInitScriptAsync(AxeScript);
        return page;
    }

    private static async Task<IPage> NewTabAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    private static async Task CheckAsync(IPage page, string name, ConcurrentBag<string> problems, ConcurrentBag<string> checkedPages)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var violations = await page.EvaluateAsync<JsonElement>(RunAxeScript, WcagTags);
        checkedPages.Add($"{name} (axe: {started.ElapsedMilliseconds} ms)");
        foreach (var v in violations.EnumerateArray())
            problems.Add($"{name}: {v.GetProperty("id")} ({v.GetProperty("impact")}) {v.GetProperty("help")} — "
                + string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())));
    }

    private async Task SignInAsync(IPage page, Visitor who, ConcurrentBag<string> problems, ConcurrentBag<string> checkedPages)
    {
        var staff = who is Visitor.Staff or Visitor.Administrator;
        await page.GotoAsync(Factory.Url(Tenant, staff ? "/connexion?personnel=true" : "/connexion"));
        var email = who switch { Visitor.Staff => "staff", Visitor.Administrator => "admin", _ => "employer" } + $"@{Tenant}.demo";
        await page.FillAsync("#identifiant", email);
        await page.FillAsync("#motdepasse", DemoData.Password);
        await page.ClickAsync("button:has-text('Se connecter')");
        if (staff)
        {
            await page.WaitForURLAsync(u => u.Contains("/connexion/authentificateur"), new() { WaitUntil = WaitUntilState.Load });
            await CheckAsync(page, $"{who} /connexion/authentificateur", problems, checkedPages);
            Factory.Clock.Advance(TimeSpan.FromSeconds(30)); // a code serves once
            await page.FillAsync("#code", TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow()));
            await page.ClickAsync("button:has-text('Valider')");
        }
        await page.WaitForURLAsync(u => !u.Contains("/connexion"), BrowserFactory.Navigated);
    }

    /// <summary>sstrn's demo company, with one employee so that the employee's own page exists.</summary>
    private async Task<(Guid Company, Guid Employee)> DemoCompanyAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope(Tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var company = await db.Companies.Where(c => c.MemberNumber == DemoData.MemberNumbers[Tenant].Demo).Select(c => c.Id).SingleAsync();
        var existing = await db.Employees.Where(e => e.CompanyId == company).Select(e => (Guid?)e.Id).FirstOrDefaultAsync();
        if (existing is { } id) return (company, id);
        var employee = new Employee
        {
            CompanyId = company, Civility = "Madame", FirstName = "Jeanne", BirthName = "MARTIN", BirthDate = new DateOnly(1985, 3, 1),
            Contract = "CDI", StartDate = new DateOnly(2020, 1, 6), SortName = "MARTIN JEANNE", ValidatedAt = Factory.Clock.GetUtcNow(),
        };
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        return (company, employee.Id);
    }
}
