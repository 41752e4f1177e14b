using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Features.Appointments;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Visits;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Browser.Tests;

/// <summary>Appointments in real Chromium on sist-on: download the convocation, then cancel the appointment within 48 hours' notice.</summary>
public sealed partial class AppointmentBrowserTests(BrowserFactory factory) : PlatformTest<BrowserFactory>(factory)
{
    [GeneratedRegex(@"(\d{6})")]
    private static partial Regex SixDigits();

    [Fact]
    public async Task A_sist_on_employer_downloads_a_convocation_then_cancels_the_appointment()
    {
        await DemoData.SeedAsync(Factory.Services);
        var startsAt = Factory.Clock.GetUtcNow().AddDays(5);
        Guid company;
        await using (var scope = Factory.Services.CreateTenantScope("sist-on"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            company = await db.Companies.Where(c => c.MemberNumber == "ON0001").Select(c => c.Id).SingleAsync();
            var employee = new Employee
            {
                CompanyId = company, Civility = "Madame", FirstName = "Lucie", BirthName = "LEROY", BirthDate = new(1990, 2, 3),
                Contract = "CDI", StartDate = new(2021, 9, 1), SortName = "LEROY LUCIE", CreatedAt = Factory.Clock.GetUtcNow(),
            };
            db.Employees.Add(employee);
            db.Appointments.Add(new Appointment
            {
                CompanyId = company, EmployeeId = employee.Id, Type = VisitType.Periodic, StartsAtUtc = startsAt.UtcDateTime,
                Location = "Centre médical de Saint-Lô", HealthProfessional = "Dr Paul Morel", ScheduledAt = Factory.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        var page = await Factory.NewPageAsync();
        await page.GotoAsync(Factory.Url("sist-on", "/connexion"));
        await page.FillAsync("#email", "employer@sist-on.demo");
        await page.ClickAsync("button:has-text('Recevoir un code')");
        await page.WaitForSelectorAsync("#code");
        var message = await Factory.Smtp.WaitForMessageAsync("employer@sist-on.demo");
        await page.FillAsync("#code", SixDigits().Match(message.Subject ?? "").Groups[1].Value);
        await page.ClickAsync("button:has-text('Se connecter')");
        await Factory.SignedInAsync(page, "sist-on");

        await page.GotoAsync(Factory.Url("sist-on", $"/entreprises/{company}/rendez-vous"));
        Assert.Contains("jusqu'à 48 heures avant le rendez-vous", await page.TextContentAsync("#delai"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#rendez-vous a:has-text('Télécharger')"));
        Assert.EndsWith(".pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync(path)))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Lucie LEROY", text);
            Assert.Contains("Centre médical de Saint-Lô", text);
        }

        await page.ClickAsync("#rendez-vous button:has-text('Annuler le rendez-vous')");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Le rendez-vous est annulé");
        await Assertions.Expect(page.Locator("#rendez-vous")).ToContainTextAsync("Annulé");
        Assert.Equal(0, await page.Locator("#rendez-vous button:has-text('Annuler le rendez-vous')").CountAsync());
    }
}
