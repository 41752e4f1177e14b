using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Payments;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;
using Stripe;

namespace Platform.Host.Tests.Payments;

/// <summary>
/// Findings of the penetration test on payments, through the real pipeline and the fake Stripe: simultaneous card checkouts
/// (L1) and idempotency keys that match their parameters, a failed payment followed by a good one (L2), simultaneous SEPA
/// confirmations (L7), and the refund of an overpayment by billing staff.
/// </summary>
public sealed class PaymentRaceTests(SepaStripeFactory factory) : PlatformTest<SepaStripeFactory>(factory)
{
    private const string ToPay = """
        query($id: ID!) { company(id: $id) { invoices(status: TO_PAY, first: 1) { edges { node { id number balance paid
          instalments { id amount paid } } } } } }
        """;
    private const string OneInvoice = "query($id: ID!) { invoice(id: $id) { paid balance instalments { id paid } payments { id amount method status refundedAt } } }";
    private const string Pay = """
        mutation($invoiceId: ID!, $instalmentId: ID) { payInvoiceByCard(invoiceId: $invoiceId, instalmentId: $instalmentId) { checkoutUrl errors { code message field } } }
        """;
    private const string Refunded = """
        mutation($id: ID!) { markPaymentRefunded(paymentId: $id) { payment { status refundedAt } errors { code message } } }
        """;

    private FakeStripe Stripe => Factory.Stripe;

    public override async Task InitializeAsync()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        Stripe.WebhookClient ??= Factory.ClientFor("sante-travail.example");
        await DemoData.SeedAsync(Factory.Services);
    }

    private async Task<(DemoApi Api, string Token, Guid Company, JsonElement Invoice)> Sst68InvoiceAsync()
    {
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("680001");
        var invoice = (await api.DataAsync(token, ToPay, new { id = company })).GetProperty("company").GetProperty("invoices").GetProperty("edges")[0].GetProperty("node");
        return (api, token, company, invoice);
    }

    private string SessionIdOf(string checkoutUrl) => checkoutUrl[(Stripe.ApiBase + "/checkout/").Length..];

    [Fact]
    public async Task Two_overlapping_card_checkouts_asked_at_the_same_moment_open_one_session()
    {
        var (api, token, _, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var first = invoice.GetProperty("instalments")[0].GetProperty("id").GetString()!;
        // Stripe answers slowly: both requests are under way before either hears back.
        Stripe.Delay("/v1/checkout/sessions", TimeSpan.FromSeconds(2));

        var answers = await Task.WhenAll(
            api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId }),
            api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId, instalmentId = first }));

        // One opened, the other refused in French; one session at Stripe, so the first instalment cannot be paid twice.
        Assert.Single(answers, a => DemoApi.ErrorCodes(a).Count == 0);
        Assert.Equal(["PAYMENT_IN_PROGRESS"], answers.SelectMany(DemoApi.ErrorCodes));
        Assert.Single(Stripe.CheckoutSessions);
    }

    [Fact]
    public async Task A_checkout_refused_by_Stripe_can_be_asked_again_a_minute_later_with_a_key_of_its_own()
    {
        var (api, token, _, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        Stripe.FailNext("/v1/checkout/sessions", 400, "parameter_invalid_empty", "Temporary refusal.");
        Assert.Equal(["PAYMENT_PROVIDER_ERROR"], DemoApi.ErrorCodes(await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId })));

        // A minute later (another expiry): Stripe refuses a key used again with other parameters, so the retry must not reuse it.
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId });
        Assert.Empty(DemoApi.ErrorCodes(again));
        Assert.Single(Stripe.CheckoutSessions);
        var keys = Stripe.Requests.Where(r => r.Path == "/v1/checkout/sessions").Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Distinct().Count());

        // Asked again while open: the same session, through its own key and the same parameters.
        var same = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId });
        Assert.Equal(again.GetProperty("checkoutUrl").GetString(), same.GetProperty("checkoutUrl").GetString());
        Assert.Single(Stripe.CheckoutSessions);
    }

    /// <summary>A SEPA debit sent at Stripe and counted as paid for the first instalment, as the existing refusal test sets it up.</summary>
    private async Task<string> DebitCountedAsPaidAsync(Guid company, JsonElement invoice)
    {
        var instalment = Guid.Parse(invoice.GetProperty("instalments")[0].GetProperty("id").GetString()!);
        var amount = invoice.GetProperty("instalments")[0].GetProperty("amount").GetDecimal();
        var client = new StripeClient(Stripe.SecretKey, apiBase: Stripe.ApiBase);
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Name = "Garage" });
        var setup = await new SetupIntentService(client).CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id, Confirm = true,
            PaymentMethodData = new SetupIntentPaymentMethodDataOptions { Type = "sepa_debit", SepaDebit = new() { Iban = SepaMandateTests.Iban } },
            MandateData = new SetupIntentMandateDataOptions { CustomerAcceptance = new() { Type = "online", Online = new() { IpAddress = "127.0.0.1", UserAgent = "test" } } },
        });
        var debit = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = (long)(amount * 100), Currency = "eur", Customer = customer.Id, PaymentMethod = setup.PaymentMethodId, Mandate = setup.MandateId, Confirm = true,
            Metadata = new Dictionary<string, string> { ["tenant"] = "sst68", ["invoice"] = invoice.GetProperty("id").GetString()!, ["instalment"] = instalment.ToString() },
        });
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        (await db.InvoiceInstalments.SingleAsync(s => s.Id == instalment)).PaidOn = new DateOnly(2026, 11, 23);
        db.Payments.Add(new Payment
        {
            CompanyId = company, InvoiceId = Guid.Parse(invoice.GetProperty("id").GetString()!), InstalmentId = instalment, Amount = amount,
            Method = Platform.Tenancy.Rules.PaymentMethod.SepaDebit, Status = PaymentStatus.Succeeded, SettledInstalmentId = instalment,
            PaymentIntentId = debit.Id, CreatedAt = Factory.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return debit.Id;
    }

    [Fact]
    public async Task A_payment_that_fails_after_another_came_leaves_the_other_paying_the_instalment_not_to_refund()
    {
        var (api, token, _, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var company = await api.CompanyIdAsync("680001");
        // The member opens a card payment of the whole invoice; meanwhile the first instalment's debit is counted as paid.
        var url = (await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId })).GetProperty("checkoutUrl").GetString()!;
        var debit = await DebitCountedAsPaidAsync(company, invoice);
        // The card money comes: the first instalment was paid by the debit, so its share is set aside to refund.
        (await Stripe.CompleteCheckoutAsync(SessionIdOf(url))).Dispose();
        Assert.Contains((await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice").GetProperty("payments").EnumerateArray(),
            p => p.GetProperty("status").GetString() == "TO_REFUND");

        // Then the bank rejects the debit: it never paid. The card money pays the instalment; nothing is due, nothing to refund.
        using (var response = await Stripe.FailPaymentIntentAsync(debit, "insufficient_funds", "Provision insuffisante."))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice");
        Assert.True(after.GetProperty("paid").GetBoolean());
        Assert.Equal(0m, after.GetProperty("balance").GetDecimal());
        var statuses = after.GetProperty("payments").EnumerateArray().Select(p => (p.GetProperty("method").GetString(), p.GetProperty("status").GetString())).ToList();
        Assert.Equal(3, statuses.Count(s => s == ("CARD", "SUCCEEDED")));
        Assert.Equal(("SEPA_DEBIT", "FAILED"), Assert.Single(statuses, s => s.Item1 != "CARD"));
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        // No « payment refused, pay again » e-mail for an instalment that is paid.
        Assert.Empty(await db.OutboxEmails.Where(m => m.Subject.StartsWith("Paiement refusé")).ToListAsync());
    }

    [Fact]
    public async Task Billing_staff_mark_an_overpayment_refunded_from_their_page_and_members_cannot()
    {
        var (api, token, company, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var url = (await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId })).GetProperty("checkoutUrl").GetString()!;
        await DebitCountedAsPaidAsync(company, invoice);
        (await Stripe.CompleteCheckoutAsync(SessionIdOf(url))).Dispose();
        var overpaid = (await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice").GetProperty("payments").EnumerateArray()
            .Single(p => p.GetProperty("status").GetString() == "TO_REFUND");
        var paymentId = overpaid.GetProperty("id").GetString()!;

        // Not the member's to say, nor another tenant's staff.
        var refused = await Factory.GraphQLAsync(api.Host, Refunded, new { id = paymentId }, token);
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var other = new DemoApi(Factory, "sist-on");
        Assert.Equal(["NOT_FOUND"], DemoApi.ErrorCodes(await other.MutateAsync(await other.StaffTokenAsync(), "markPaymentRefunded", Refunded, new { id = paymentId })));

        // The clerk sees it on the billing page and marks it refunded there.
        var staff = await Factory.StaffPortalAsync(api.Host, "staff@sst68.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var page = await staff.GetHtmlAsync("/personnel/facturation");
        Assert.Contains("Trop-perçus à rembourser", page);
        Assert.Contains("Marquer remboursé", page);
        using (var response = await staff.SubmitFormWithButtonAsync("/personnel/facturation", "Marquer remboursé"))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await staff.GetHtmlAsync("/personnel/facturation");
        Assert.DoesNotContain("Trop-perçus à rembourser", after);

        var payment = (await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice").GetProperty("payments").EnumerateArray()
            .Single(p => p.GetProperty("id").GetString() == paymentId);
        Assert.Equal("REFUNDED", payment.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, payment.GetProperty("refundedAt").ValueKind);
        // Once only, and audited.
        Assert.Equal(["ALREADY_REFUNDED"], DemoApi.ErrorCodes(await api.MutateAsync(await api.StaffTokenAsync(), "markPaymentRefunded", Refunded, new { id = paymentId })));
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        Assert.Single(await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditEntries.Where(a => a.Action == "payment.refunded").ToListAsync());
    }

    [Fact]
    public async Task Two_confirmations_with_the_right_SEPA_code_at_the_same_moment_set_the_mandate_up_once()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var started = await api.MutateAsync(token, "startSepaMandate", SepaMandateTests.Start,
            new { input = new { companyId = company, holderName = "Entreprise Démo", iban = SepaMandateTests.Iban, acceptMandate = true } });
        Assert.Empty(DemoApi.ErrorCodes(started));
        var code = await SepaMandateTests.CodeFromAsync(Factory.Smtp, "employer@sstrn.demo");
        // Stripe answers slowly: both confirmations are under way before either hears back.
        Stripe.Delay("/v1/customers", TimeSpan.FromSeconds(2));

        var answers = await Task.WhenAll(
            api.MutateAsync(token, "confirmSepaMandate", SepaMandateTests.Confirm, new { input = new { companyId = company, code } }),
            api.MutateAsync(token, "confirmSepaMandate", SepaMandateTests.Confirm, new { input = new { companyId = company, code } }));

        Assert.Single(answers, a => DemoApi.ErrorCodes(a).Count == 0);
        // One set-up at Stripe: one customer asked for, one SetupIntent.
        Assert.Single(Stripe.Requests, r => r.Method == "POST" && r.Path == "/v1/customers");
        Assert.Single(Stripe.SetupIntents);
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "sepa-mandate.signed").ToListAsync());
    }
}
