using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Browser.Tests;

/// <summary>sstbtp-bfc's declaration wizard in real Chromium, from « Saisir » to the signature (seed 003), partly with the keyboard.</summary>
public sealed class DeclarationBrowserTests(BrowserFactory factory) : PlatformTest<BrowserFactory>(factory)
{
    [Fact]
    public async Task An_sstbtp_bfc_employer_declares_through_every_step_to_the_signature()
    {
        // During the 2026 campaign (03/11/2026 – 07/01/2027).
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        Guid company;
        await using (var scope = Factory.Services.CreateTenantScope("sstbtp-bfc"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            company = await db.Companies.Where(c => c.MemberNumber == "250001").Select(c => c.Id).SingleAsync();
            foreach (var (first, n) in new[] { ("Paul", 1), ("Jeanne", 2) })
                db.Employees.Add(new Employee
                {
                    CompanyId = company, Civility = "Madame", FirstName = first, BirthName = $"MARTIN{n}", BirthDate = new DateOnly(1985, 3, n),
                    Contract = "CDI", StartDate = new DateOnly(2020, 1, n), SortName = $"MARTIN{n} {first.ToUpperInvariant()}", ValidatedAt = Factory.Clock.GetUtcNow(),
                });
            await db.SaveChangesAsync();
        }

        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url("sstbtp-bfc", "/connexion"));
        await page.FillAsync("#identifiant", "250001");
        await page.FillAsync("#motdepasse", DemoData.Password);
        await page.ClickAsync("button:has-text('Se connecter')");
        await Factory.SignedInAsync(page, "sstbtp-bfc");

        await page.GotoAsync(Factory.Url("sstbtp-bfc", $"/entreprises/{company}"));
        await page.ClickAsync("#declarations a[aria-label='Saisir la déclaration 2026']");
        await page.ClickAsync("button:has-text('Saisir ma déclaration')");

        // Step 1 with the keyboard: focus the "yes" answer, select it, submit with Enter.
        await page.Locator("#step-title:has-text('Effectif au 31/12')").WaitForAsync();
        await page.FocusAsync("input[name=HadStaff][value=oui]");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator("#step-title:has-text('Informations administratives')").WaitForAsync();
        await page.ClickAsync("button:has-text('Suivant')");

        await page.Locator("#step-title:has-text('Déterminants de suivi')").WaitForAsync();
        await page.CheckAsync("input[name=Chosen][value='Travailleur de nuit']");
        await page.FillAsync("#own", "Travail en cuve");
        await page.ClickAsync("button:has-text('Suivant')");

        await page.Locator("#step-title:has-text('Contrôle de la liste')").WaitForAsync();
        Assert.Equal("2", (await page.TextContentAsync("#list-headcount"))?.Trim());
        Assert.Equal(2, await page.Locator("#declared-employees tbody tr").CountAsync());
        await page.ClickAsync("button:has-text('Suivant')");

        await page.Locator("#step-title:has-text('Estimatif')").WaitForAsync();
        Assert.Equal("331,20 €", (await page.TextContentAsync("#estimate-incl"))?.Trim());
        await page.ClickAsync("button:has-text('Suivant')");
        // No payment method: the error shows beside the choice.
        await Assertions.Expect(page.Locator("#err-paymentMethod")).ToContainTextAsync("Indiquez le mode de règlement");
        await page.CheckAsync("input[name=Payment][value=Transfer]");
        await page.ClickAsync("button:has-text('Suivant')");

        await page.Locator("#step-title:has-text('Récapitulatif et signature')").WaitForAsync();
        await Assertions.Expect(page.Locator("#declaration")).ToContainTextAsync("Vous avez choisi le règlement par virement");
        await page.CheckAsync("input[name=Certify]");
        await page.CheckAsync("input[name=Terms]");
        await page.FillAsync("#signatoryName", "Émilie Employeur");
        await page.FillAsync("#signatoryEmail", "emilie@exemple.fr");
        await page.ClickAsync("button:has-text('Valider')");

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Un e-mail de confirmation a été envoyé à emilie@exemple.fr");
        Assert.Equal("Transmise", (await page.TextContentAsync("#declaration-status"))?.Trim());
        Assert.Equal("2", (await page.TextContentAsync("#declared-headcount"))?.Trim());
    }
}
