using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Payments.Sepa;
using Platform.Features.Persistence;
using Platform.Host.Jobs;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Payments;

/// <summary>The host with a real SMTP server and our fake Stripe configured as the deployment's Stripe account.</summary>
public sealed class SepaStripeFactory : EmailFactory
{
    public FakeStripe Stripe { get; private set; } = null!;

    protected override async Task BeforeStartAsync()
    {
        await base.BeforeStartAsync();
        Stripe = await FakeStripe.StartAsync(Clock);
    }

    protected override IEnumerable<(string Key, string Value)> Settings =>
        base.Settings.Concat([
            ("Payments:Stripe:SecretKey", Stripe.SecretKey), ("Payments:Stripe:WebhookSecret", Stripe.WebhookSecret), ("Payments:Stripe:ApiBase", Stripe.ApiBase),
        ]);

    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        Stripe.Reset();
    }

    protected override async Task AfterStopAsync()
    {
        await base.AfterStopAsync();
        await Stripe.DisposeAsync();
    }
}

/// <summary>
/// SEPA through Stripe (the fake server, the real Stripe.net client): the signed mandate becomes a SetupIntent with
/// sepa_debit and online acceptance; the round presents each debit once as an off-session PaymentIntent; Stripe's
/// signed webhook then marks the instalment paid, or leaves it to pay and e-mails the billing contact.
/// </summary>
public sealed class SepaStripeTests(SepaStripeFactory factory) : PlatformTest<SepaStripeFactory>(factory)
{
    [Fact]
    public async Task Debits_go_through_stripe_once_and_its_webhook_settles_or_rejects_them()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var stripe = Factory.Stripe;
        stripe.WebhookClient = Factory.ClientFor("sstrn.localhost");
        var api = new DemoApi(Factory, "sstrn");
        var company = await api.CompanyIdAsync("101.1");
        await SepaMandateTests.SignAsync(api, Factory.Smtp, await api.EmployerTokenAsync(), company, "employer@sstrn.demo");

        // The mandate at Stripe: a SetupIntent restricted to sepa_debit, confirmed with the online acceptance.
        var setup = Assert.Single(stripe.SetupIntents);
        Assert.Equal("succeeded", (string?)setup["status"]);
        // As Stripe answers it: the SetupIntent takes sepa_debit only (the fake echoes what was asked, card only when nothing was).
        Assert.Equal(["sepa_debit"], setup["payment_method_types"]!.AsArray().Select(t => (string?)t));
        Assert.Single(stripe.Mandates);
        var setupCall = stripe.Requests.First(r => r.Path == "/v1/setup_intents");
        // Stripe.net 53 sends the restriction as (allowed_)payment_method_types: only sepa_debit.
        var types = setupCall.Form.Where(f => f.Key.EndsWith("payment_method_types")).Select(f => f.Value!.ToJsonString()).ToList();
        Assert.Contains("sepa_debit", Assert.Single(types));
        Assert.DoesNotContain("card", types[0]);
        Assert.Equal("FR1420041010050500013M02606", (string?)setupCall.Form["payment_method_data"]!["sepa_debit"]!["iban"]);
        var confirmCall = stripe.Requests.First(r => r.Path.EndsWith("/confirm"));
        Assert.Equal("online", (string?)confirmCall.Form["mandate_data"]!["customer_acceptance"]!["type"]);

        var rejected = await SepaMandateTests.IssueAsync(Factory, "sstrn", company, new DateOnly(2026, 11, 23), 100m, new DateOnly(2026, 12, 10));
        var paid = await SepaMandateTests.IssueAsync(Factory, "sstrn", company, new DateOnly(2026, 11, 23), 50m, new DateOnly(2026, 12, 10));
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(2, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(0, 2, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));
        Assert.Equal(new SepaDebitRound(0, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));
        Assert.Equal(2, stripe.PaymentIntents.Count);
        var intents = stripe.PaymentIntents.ToDictionary(pi => (long)pi["amount"]!);
        Assert.All(intents.Values, pi => Assert.Equal("processing", (string?)pi["status"]));
        Assert.Equal("sstrn", (string?)intents[12000]["metadata"]!["tenant"]);
        Assert.All(intents.Values, pi => Assert.Equal(["sepa_debit"], pi["payment_method_types"]!.AsArray().Select(t => (string?)t)));

        // The bank rejects the first: unpaid, the billing contact is told; the round never presents it again.
        Assert.Equal(HttpStatusCode.OK, (await stripe.FailPaymentIntentAsync((string)intents[12000]["id"]!)).StatusCode);
        var failure = await WaitForAsync("employer@sstrn.demo", $"Paiement refusé — facture {rejected}");
        Assert.Contains("120,00 €", failure.TextBody);
        // The second comes through: paid. Stripe retrying the event changes nothing more.
        Assert.Equal(HttpStatusCode.OK, (await stripe.SucceedPaymentIntentAsync((string)intents[6000]["id"]!)).StatusCode);
        var replay = await stripe.ReplayAsync(stripe.Events[^1]);
        Assert.Contains("AlreadyApplied", await replay.Content.ReadAsStringAsync());

        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var invoices = await db.Invoices.Where(i => i.Number == rejected || i.Number == paid).ToDictionaryAsync(i => i.Number, i => i.Id);
            var instalments = await db.InvoiceInstalments.Where(s => invoices.Values.Contains(s.InvoiceId)).ToDictionaryAsync(s => s.InvoiceId);
            Assert.Null(instalments[invoices[rejected]].PaidOn);
            Assert.Equal(new DateOnly(2026, 12, 10), instalments[invoices[paid]].PaidOn);
            var debits = await db.SepaDebits.ToDictionaryAsync(d => d.InvoiceId);
            Assert.Equal(SepaDebitStatus.Failed, debits[invoices[rejected]].Status);
            Assert.Equal("insufficient_funds", debits[invoices[rejected]].FailureReason);
            Assert.Equal(SepaDebitStatus.Succeeded, debits[invoices[paid]].Status);
        }
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 11, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(0, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));
        Assert.Equal(2, stripe.PaymentIntents.Count);
    }

    private Task<MimeKit.MimeMessage> WaitForAsync(string email, string subject) => Factory.Smtp.WaitForMessageAsync(email, m => m.Subject == subject);
}
