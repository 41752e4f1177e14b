using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Persistence;
using Platform.Tenancy;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Billing;

/// <summary>Each invoice a run issues reaches the company's billing contacts at a real SMTP server, as their notification choices say.</summary>
public sealed class BillingEmailTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Set = "mutation($i: SetNotificationInput!) { setNotification(input: $i) { errors { code message } } }";

    [Fact]
    public async Task A_new_invoice_is_e_mailed_to_the_billing_contacts_who_keep_invoice_notifications()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var demo = await api.CompanyIdAsync("101.1");
        // The accountant handles the demo company's invoices too; its administrator unticks « Factures » for themself.
        await api.GrantAccountantAsync(demo, CompanyRoles.Billing);
        var employer = await api.EmployerTokenAsync();
        var users = (await api.DataAsync(employer, "query($id: ID!) { company(id: $id) { users { userId email } } }", new { id = demo }))
            .GetProperty("company").GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("email").GetString()!, u => u.GetProperty("userId").GetString()!);
        var unticked = await api.MutateAsync(employer, "setNotification", Set, new { i = new { companyId = demo, userId = users["employer@sstrn.demo"], kind = "INVOICES", enabled = false } });
        Assert.Empty(DemoApi.ErrorCodes(unticked));
        await BillingSteps.DeclareAsync(Factory, "sstrn", "101.1", 2026, 9);
        await BillingSteps.DeclareAsync(Factory, "sstrn", "102.1", 2026, 4);

        var run = await api.MutateAsync(await api.StaffTokenAsync(), "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } });
        Assert.Equal(2, run.GetProperty("run").GetProperty("issued").GetInt32());
        var invoices = (await BillingSteps.InvoicesAsync(Factory, "sstrn")).Where(i => i.BillingKey == "contribution:2026").ToDictionary(i => i.CompanyId);

        // The accountant gets both companies' invoices; the administrator who unticked gets none. Delivered by the
        // outbox loop although this test set the clock back (ClockStepTests).
        await Factory.Smtp.WaitForMessageAsync(DemoData.AccountantEmail, count: 2);
        var mails = Factory.Smtp.MessagesTo(DemoData.AccountantEmail);
        var forDemo = mails.Single(m => true == m.Subject?.Contains("Entreprise Démo"));
        Assert.Equal($"Nouvelle facture {invoices[demo].Number} — Entreprise Démo SSTRN", forDemo.Subject);
        // sstrn 2026: 9 × 112,00 € HT + 20 % VAT, one instalment 30 days later.
        Assert.Contains("1 209,60 €", forDemo.TextBody);
        Assert.Contains("1 209,60 € le 23/12/2026", forDemo.TextBody);
        Assert.Contains($"/entreprises/{demo}/factures", forDemo.TextBody);
        var clientNumber = invoices[await api.CompanyIdAsync("102.1")].Number;
        Assert.Contains(mails, m => true == m.Subject?.Contains(clientNumber));
        Assert.Empty(Factory.Smtp.MessagesTo("employer@sstrn.demo").Where(m => m.Subject?.StartsWith("Nouvelle facture") == true));

        // A rerun e-mails nothing more.
        await api.MutateAsync(await api.StaffTokenAsync(), "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } });
        await Task.Delay(2500); // two delivery rounds (every second): a second e-mail would have arrived
        Assert.Equal(2, Factory.Smtp.MessagesTo(DemoData.AccountantEmail).Count(m => m.Subject?.StartsWith("Nouvelle facture") == true));
    }
}
