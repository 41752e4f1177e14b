using Microsoft.Playwright;
using Platform.Features.Demo;
using Platform.Host.Tests.Documents;
using Platform.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Persistence;
using Platform.Tenancy;

namespace Platform.Browser.Tests;

/// <summary>A visit request in real Chromium: the type's fields appear with the type, a PDF attached, then the request cancelled.</summary>
public sealed class VisitRequestBrowserTests(BrowserFactory factory) : PlatformTest<BrowserFactory>(factory)
{
    [Fact]
    public async Task An_employer_requests_a_hiring_visit_with_an_attachment_then_cancels_it()
    {
        await DemoData.SeedAsync(Factory.Services);
        Guid company, employee;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            company = await db.Companies.Where(c => c.MemberNumber == "101.1").Select(c => c.Id).SingleAsync();
            var workstation = new Platform.Features.Workstations.Workstation { CompanyId = company, Label = "MAÇON", CspCode = "621a" };
            var person = new Platform.Features.Employees.Employee
            {
                CompanyId = company, Civility = "Monsieur", FirstName = "Jean", BirthName = "MARTIN", BirthDate = new DateOnly(1980, 1, 1),
                Contract = "CDI", StartDate = new DateOnly(2020, 1, 1), CurrentWorkstationId = workstation.Id, SortName = "MARTIN JEAN",
            };
            db.AddRange(workstation, person);
            await db.SaveChangesAsync();
            employee = person.Id;
        }

        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url("sstrn", "/connexion"));
        await page.FillAsync("#identifiant", "employer@sstrn.demo");
        await page.FillAsync("#motdepasse", DemoData.Password);
        await page.ClickAsync("button:has-text('Se connecter')");
        await Factory.SignedInAsync(page, "sstrn");

        await page.GotoAsync(Factory.Url("sstrn", $"/entreprises/{company}/visites"));
        await page.ClickAsync("summary:has-text('Demander une visite')");
        await page.SelectOptionAsync("#salarie", employee.ToString());
        var waiver = page.Locator("fieldset[data-for-types='Hiring']");
        var absence = page.Locator("fieldset[data-for-types='ReturnToWork']");
        Assert.True(await waiver.IsHiddenAsync());
        await page.SelectOptionAsync("#type", "ReturnToWork");
        Assert.True(await absence.IsVisibleAsync());
        await page.SelectOptionAsync("#type", "Hiring");
        Assert.True(await waiver.IsVisibleAsync());
        Assert.True(await absence.IsHiddenAsync());

        await page.CheckAsync("input[name=HiringWaiver]");
        await page.SetInputFilesAsync("#piece-1", new FilePayload { Name = "attestation.pdf", MimeType = "application/pdf", Buffer = TestPdfs.Valid() });
        await page.SelectOptionAsync("#nature-1", "FollowUpCertificate");
        await page.ClickAsync("button:has-text('Demander le rendez-vous')");
        await page.Locator("text=Votre demande de visite « Embauche » est enregistrée avec 1 document(s)").WaitForAsync();

        var row = page.Locator("#demandes tbody tr").First;
        Assert.Contains("En attente", await row.TextContentAsync());
        await row.Locator("summary").ClickAsync();
        Assert.True(await row.Locator("a:has-text('attestation.pdf')").IsVisibleAsync());

        await row.Locator("button:has-text('Annuler la demande')").ClickAsync();
        await page.Locator("text=La demande de visite est annulée.").WaitForAsync();
        row = page.Locator("#demandes tbody tr").First;
        Assert.Contains("Annulée par l'entreprise.", await row.TextContentAsync());
        Assert.Contains("Annulée par Émilie Employeur", await row.Locator(".history").TextContentAsync());
    }
}
