using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Browser.Tests;

/// <summary>Workstations and employees in real Chromium: the form with its risks and badge, an import with a bad line then a good one.</summary>
public sealed class EmployeeBrowserTests(BrowserFactory factory) : PlatformTest<BrowserFactory>(factory)
{
    private async Task<(IPage Page, Guid Company)> SignedInAsync()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        Guid company;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
            company = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.MemberNumber == "101.1").Select(c => c.Id).SingleAsync();
        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url("sstrn", "/connexion"));
        await page.FillAsync("#identifiant", "employer@sstrn.demo");
        await page.FillAsync("#motdepasse", DemoData.Password);
        await page.ClickAsync("button:has-text('Se connecter')");
        await Factory.SignedInAsync(page, "sstrn");
        return (page, company);
    }

    [Fact]
    public async Task An_employer_adds_a_workstation_with_risks_and_sees_its_badge()
    {
        var (page, company) = await SignedInAsync();
        await page.GotoAsync(Factory.Url("sstrn", $"/entreprises/{company}/postes"));
        await page.FillAsync("#label", "Manutentionnaire");
        await page.FillAsync("#csp", "676a");
        await page.CheckAsync("input[name=Risks][value=ManualLoadsOver55Kg]");
        await page.CheckAsync("input[name=Risks][value=NightWork]");
        await page.ClickAsync("#formulaire button:has-text('Enregistrer')");

        var row = page.Locator("#postes tr[data-poste='MANUTENTIONNAIRE']");
        await row.WaitForAsync();
        Assert.Equal("SIR", (await row.Locator(".suivi").TextContentAsync())?.Trim());
        Assert.Equal("rgb(200, 30, 30)", await row.Locator(".suivi").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Contains("Charge manuelle", await row.TextContentAsync());
    }

    [Fact]
    public async Task An_employer_imports_employees_sees_the_bad_line_then_imports_the_corrected_file()
    {
        var (page, company) = await SignedInAsync();
        await page.GotoAsync(Factory.Url("sstrn", $"/entreprises/{company}/postes"));
        await page.FillAsync("#label", "Cariste");
        await page.FillAsync("#csp", "651a");
        await page.ClickAsync("#formulaire button:has-text('Enregistrer')");
        await page.Locator("#postes tr[data-poste='CARISTE']").WaitForAsync();

        var header = string.Join(';', EmployeeCsv.NewEmployeesHeader);
        var bad = $"{header}\r\nMadame;Camille;Martin;;14/02/1990;;01/09/2024;;651a;CARISTE;CDI\r\nMonsieur;Paul;Durand;;13/12/1988;;01/09/2024;;651a;PEINTRE;CDI\r\n";
        await page.GotoAsync(Factory.Url("sstrn", $"/entreprises/{company}/salaries/import"));
        await page.SetInputFilesAsync("#fichier-creation", new FilePayload { Name = "salaries.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.ClickAsync("#creation button:has-text('Envoyer')");
        var errors = page.Locator("#erreurs-import");
        await errors.WaitForAsync();
        Assert.Contains("Rien n'a été importé", await errors.TextContentAsync());
        Assert.Contains("3", await errors.Locator("tbody tr td").First.TextContentAsync());
        Assert.Contains("Aucun poste « PEINTRE »", await errors.TextContentAsync());

        await page.SetInputFilesAsync("#fichier-creation", new FilePayload { Name = "salaries.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad.Replace("PEINTRE", "CARISTE")) });
        await page.ClickAsync("#creation button:has-text('Envoyer')");
        await page.Locator("text=Import terminé : 2 salarié(s) ajouté(s)").WaitForAsync();

        await page.GotoAsync(Factory.Url("sstrn", $"/entreprises/{company}/salaries"));
        Assert.Equal(2, await page.Locator("#salaries tbody tr").CountAsync());
        Assert.Contains("DURAND Paul", await page.Locator("#salaries").TextContentAsync());
    }
}
