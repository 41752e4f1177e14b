using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Payments;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;
using Stripe;

namespace Platform.Host.Tests.Payments;

/// <summary>
/// Card payment of invoices through the real Stripe.net client and a fake Stripe server: the checkout session, the signed
/// webhook that alone marks an invoice paid, each event applied once, and events that must change nothing.
/// </summary>
public sealed class CardPaymentTests(FakeStripeFactory factory) : PlatformTest<FakeStripeFactory>(factory)
{
    private const string ToPay = """
        query($id: ID!) { company(id: $id) { invoices(status: TO_PAY, first: 1) { edges { node { id number balance paid
          instalments { id amount paid } } } } } }
        """;
    private const string OneInvoice = "query($id: ID!) { invoice(id: $id) { paid balance instalments { id paid } payments { amount method status } } }";
    private const string Pay = """
        mutation($invoiceId: ID!, $instalmentId: ID) { payInvoiceByCard(invoiceId: $invoiceId, instalmentId: $instalmentId) { checkoutUrl errors { code message field } } }
        """;

    private FakeStripe Stripe => Factory.Stripe;

    public override async Task InitializeAsync()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services);
    }

    private static JsonElement Node(JsonElement data) =>
        data.GetProperty("company").GetProperty("invoices").GetProperty("edges")[0].GetProperty("node");

    private async Task<(DemoApi Api, string Token, Guid Company, JsonElement Invoice)> Sst68InvoiceAsync()
    {
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("680001");
        return (api, token, company, Node(await api.DataAsync(token, ToPay, new { id = company })));
    }

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");

    private string SessionIdOf(string checkoutUrl) => checkoutUrl[(Stripe.ApiBase + "/checkout/").Length..];

    [Fact]
    public async Task Paying_an_invoice_by_card_goes_through_checkout_and_turns_it_paid_only_when_the_signed_webhook_confirms()
    {
        var (api, token, company, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var balance = invoice.GetProperty("balance").GetDecimal();

        var payload = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId });
        Assert.Empty(DemoApi.ErrorCodes(payload));
        var url = payload.GetProperty("checkoutUrl").GetString()!;
        Assert.StartsWith(Stripe.ApiBase + "/checkout/cs_test_", url);

        // The session at Stripe: the whole balance, in cents, with the tenant, the invoice and an idempotency key.
        var session = Stripe.Find(SessionIdOf(url))!;
        Assert.Equal((long)(balance * 100), (long)session["amount_total"]!);
        Assert.Equal("sst68", (string?)session["metadata"]!["tenant"]);
        Assert.Equal(invoiceId, (string?)session["metadata"]!["invoice"]);
        Assert.StartsWith($"https://sst68.localhost/entreprises/{company}/factures", (string?)session["success_url"]);
        Assert.NotNull(Stripe.Requests.Single(r => r.Path == "/v1/checkout/sessions").IdempotencyKey);

        // Coming back from Stripe proves nothing: the page says it waits, the invoice is still due.
        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
        var back = Text(await portal.GetHtmlAsync($"/entreprises/{company}/factures?paiement=confirmation"));
        Assert.Contains("paiement en cours de confirmation", back);
        Assert.Matches(@"Cotisation 2026 — \d+ salariés [\d  ]+,\d\d € [\d  ]+,\d\d € À payer", back);
        Assert.False((await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice").GetProperty("paid").GetBoolean());

        using (var response = await Stripe.CompleteCheckoutAsync(SessionIdOf(url)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var paid = (await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice");
        Assert.True(paid.GetProperty("paid").GetBoolean());
        Assert.Equal(0m, paid.GetProperty("balance").GetDecimal());
        var payments = paid.GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(3, payments.Count);
        Assert.All(payments, p => Assert.Equal(("CARD", "SUCCEEDED"), (p.GetProperty("method").GetString(), p.GetProperty("status").GetString())));
        Assert.Equal(balance, payments.Sum(p => p.GetProperty("amount").GetDecimal()));

        var page = Text(await portal.GetHtmlAsync($"/entreprises/{company}/factures"));
        Assert.Matches(@"Cotisation 2026 — \d+ salariés [\d  ]+,\d\d € 0,00 € Payée", page);
        Assert.DoesNotContain("Payer par carte", page);
        Assert.Contains("Paiement par carte", page);
        Assert.Contains("confirmé le 23/11/2026", page);
    }

    [Fact]
    public async Task The_portal_button_sends_the_member_to_Stripe_and_the_return_alone_pays_nothing()
    {
        var (api, token, company, invoice) = await Sst68InvoiceAsync();
        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });

        var response = await portal.SubmitFormWithButtonAsync($"/entreprises/{company}/factures", "Payer par carte");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Stripe.ApiBase + "/checkout/", response.Headers.Location!.ToString());

        // The browser follows the success address without paying (or forges it): nothing changes.
        var success = (string)Stripe.CheckoutSessions.Single()["success_url"]!;
        await portal.GetAsync(new Uri(success).PathAndQuery);
        Assert.Equal(invoice.GetProperty("balance").GetDecimal(),
            (await api.DataAsync(token, OneInvoice, new { id = invoice.GetProperty("id").GetString() })).GetProperty("invoice").GetProperty("balance").GetDecimal());
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        Assert.All(await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Payments.ToListAsync(), p => Assert.Equal(PaymentStatus.Pending, p.Status));
    }

    [Fact]
    public async Task One_instalment_paid_and_its_event_replayed_ten_times_makes_one_payment()
    {
        var (api, token, _, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var first = invoice.GetProperty("instalments")[0];
        var payload = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId, instalmentId = first.GetProperty("id").GetString() });
        var url = payload.GetProperty("checkoutUrl").GetString()!;
        Assert.Equal((long)(first.GetProperty("amount").GetDecimal() * 100), (long)Stripe.Find(SessionIdOf(url))!["amount_total"]!);

        (await Stripe.CompleteCheckoutAsync(SessionIdOf(url))).Dispose();
        var completed = Stripe.Events.Single(e => e.Type == "checkout.session.completed");
        for (var n = 0; n < 10; n++)
            using (var again = await Stripe.ReplayAsync(completed))
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var after = (await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice");
        Assert.Equal([true, false, false], after.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("paid").GetBoolean()));
        Assert.Single(after.GetProperty("payments").EnumerateArray());
        Assert.Equal(invoice.GetProperty("balance").GetDecimal() - first.GetProperty("amount").GetDecimal(), after.GetProperty("balance").GetDecimal());
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ProcessedStripeEvents.CountAsync(e => e.EventId == completed.Id));

        // The same instalment cannot be paid twice.
        var twice = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId, instalmentId = first.GetProperty("id").GetString() });
        Assert.Equal(["ALREADY_PAID"], DemoApi.ErrorCodes(twice));
    }

    [Fact]
    public async Task An_open_checkout_refuses_an_overlapping_one_and_the_same_one_asked_again_is_given_back()
    {
        var (api, token, _, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var first = invoice.GetProperty("instalments")[0].GetProperty("id").GetString()!;
        var asked = Factory.Clock.GetUtcNow();
        var whole = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId });
        Assert.Empty(DemoApi.ErrorCodes(whole));
        var url = whole.GetProperty("checkoutUrl").GetString()!;
        // Open for an hour at Stripe.
        Assert.InRange((long)Stripe.Find(SessionIdOf(url))!["expires_at"]!, asked.AddHours(1).ToUnixTimeSeconds(), Factory.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds());

        // The same checkout asked again (a second click, the member back from Stripe's page): the same session.
        var again = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId });
        Assert.Empty(DemoApi.ErrorCodes(again));
        Assert.Equal(url, again.GetProperty("checkoutUrl").GetString());
        // One of its instalments while it is open: refused in French, nothing opened at Stripe.
        var overlapping = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId, instalmentId = first });
        Assert.Equal(["PAYMENT_IN_PROGRESS"], DemoApi.ErrorCodes(overlapping));
        Assert.Contains("déjà en cours", overlapping.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, overlapping.GetProperty("checkoutUrl").ValueKind);
        Assert.Single(Stripe.CheckoutSessions);

        // Once the session expired, the instalment can be paid: a new session.
        Factory.Clock.SetUtcNow(Factory.Clock.GetUtcNow().AddMinutes(61));
        token = await api.EmployerTokenAsync();
        var later = await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId, instalmentId = first });
        Assert.Empty(DemoApi.ErrorCodes(later));
        Assert.NotEqual(url, later.GetProperty("checkoutUrl").GetString());
        Assert.Equal(2, Stripe.CheckoutSessions.Count);
        // And the whole invoice again, while the instalment's checkout is open: refused.
        Assert.Equal(["PAYMENT_IN_PROGRESS"], DemoApi.ErrorCodes(await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId })));
    }

    [Fact]
    public async Task A_second_payment_of_a_paid_instalment_is_recorded_to_refund_and_shown_to_billing_staff_never_counted_twice()
    {
        var (api, token, company, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var first = invoice.GetProperty("instalments")[0];
        var wholeUrl = (await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId })).GetProperty("checkoutUrl").GetString()!;
        // The whole invoice's session expired unpaid as far as we know; the first instalment is paid by a new checkout.
        Factory.Clock.SetUtcNow(Factory.Clock.GetUtcNow().AddMinutes(61));
        token = await api.EmployerTokenAsync();
        var oneUrl = (await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId, instalmentId = first.GetProperty("id").GetString() }))
            .GetProperty("checkoutUrl").GetString()!;
        (await Stripe.CompleteCheckoutAsync(SessionIdOf(oneUrl))).Dispose();

        // The member had paid the whole invoice just before it expired: Stripe's event comes late, the money came twice for the first instalment.
        using (var late = await Stripe.CompleteCheckoutAsync(SessionIdOf(wholeUrl)))
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var completed = Stripe.Events.Last(e => e.Type == "checkout.session.completed");
        (await Stripe.ReplayAsync(completed)).Dispose();

        var after = (await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice");
        Assert.True(after.GetProperty("paid").GetBoolean());
        Assert.Equal(0m, after.GetProperty("balance").GetDecimal());
        var statuses = after.GetProperty("payments").EnumerateArray().Select(p => (p.GetProperty("status").GetString(), p.GetProperty("amount").GetDecimal())).ToList();
        Assert.Equal(4, statuses.Count);
        Assert.Equal(3, statuses.Count(p => p.Item1 == "SUCCEEDED"));
        Assert.Equal(("TO_REFUND", first.GetProperty("amount").GetDecimal()), Assert.Single(statuses, p => p.Item1 == "TO_REFUND"));

        // Each instalment is paid by exactly one payment; the database refuses a second one.
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var settled = await db.Payments.Where(p => p.SettledInstalmentId != null).Select(p => p.SettledInstalmentId).ToListAsync();
            Assert.Equal(3, settled.Distinct().Count());
            Assert.Equal(3, settled.Count);
            var overpaid = await db.Payments.SingleAsync(p => p.Status == PaymentStatus.ToRefund);
            overpaid.SettledInstalmentId = overpaid.InstalmentId;
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        // The member sees it on its invoices page; billing staff find it on theirs, to refund.
        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
        Assert.Contains("trop-perçu que le service vous rembourse", Text(await portal.GetHtmlAsync($"/entreprises/{company}/factures")));
        var staff = await Factory.StaffPortalAsync(api.Host, "staff@sst68.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var page = Text(await staff.GetHtmlAsync("/personnel/facturation"));
        Assert.Contains("Trop-perçus à rembourser", page);
        Assert.Contains($"680001", page);
        Assert.Contains(invoice.GetProperty("number").GetString()!, page);
    }

    [Fact]
    public async Task A_bad_or_stale_signature_answers_400_and_changes_nothing()
    {
        var (api, token, _, invoice) = await Sst68InvoiceAsync();
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var url = (await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId })).GetProperty("checkoutUrl").GetString()!;
        var session = Stripe.Find(SessionIdOf(url))!;
        session["status"] = "complete";
        session["payment_status"] = "paid";

        using (var forged = await Stripe.SendEventAsync("checkout.session.completed", session, secret: "whsec_not_the_one"))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using (var stale = await Stripe.SendEventAsync("checkout.session.completed", session, signedAt: Factory.Clock.GetUtcNow().AddMinutes(-10)))
            Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        using (var unsigned = await Factory.ClientFor("sante-travail.example").PostAsync(FakeStripe.WebhookPath, new StringContent(Stripe.Events[^1].Json)))
            Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);

        Assert.False((await api.DataAsync(token, OneInvoice, new { id = invoiceId })).GetProperty("invoice").GetProperty("paid").GetBoolean());
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ProcessedStripeEvents.ToListAsync());
    }

    [Fact]
    public async Task An_event_whose_metadata_names_another_tenant_pays_nothing_there_nor_here()
    {
        // A checkout of a sist-on invoice, as sist-on's payment page opens it…
        var sistOn = new DemoApi(Factory, "sist-on");
        var sistOnToken = await sistOn.StaffTokenAsync();
        var sistOnCompany = await sistOn.CompanyIdAsync("ON0001");
        var sistOnInvoice = Node(await sistOn.DataAsync(sistOnToken, ToPay, new { id = sistOnCompany })).GetProperty("id").GetString()!;
        var url = await CheckoutAsync("sist-on", Guid.Parse(sistOnInvoice));
        var session = Stripe.Find(SessionIdOf(url))!;
        session["status"] = "complete";
        session["payment_status"] = "paid";

        // …whose completion event claims to be sst68's: correctly signed, but sst68 has no such session nor invoice.
        var forged = (JsonObject)session.DeepClone();
        forged["metadata"]!["tenant"] = "sst68";
        using (var response = await Stripe.SendEventAsync("checkout.session.completed", forged))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await sistOn.DataAsync(sistOnToken, OneInvoice, new { id = sistOnInvoice })).GetProperty("invoice").GetProperty("paid").GetBoolean());

        // Sent to another tenant's host, an event is refused outright.
        Stripe.WebhookClient = Factory.ClientFor("sst68.localhost");
        try
        {
            using var response = await Stripe.SendEventAsync("checkout.session.completed", session);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        finally
        {
            Stripe.WebhookClient = Factory.ClientFor("sante-travail.example");
        }
        Assert.False((await sistOn.DataAsync(sistOnToken, OneInvoice, new { id = sistOnInvoice })).GetProperty("invoice").GetProperty("paid").GetBoolean());

        // The genuine event pays the sist-on invoice.
        (await Stripe.CompleteCheckoutAsync(SessionIdOf(url))).Dispose();
        Assert.True((await sistOn.DataAsync(sistOnToken, OneInvoice, new { id = sistOnInvoice })).GetProperty("invoice").GetProperty("paid").GetBoolean());
    }

    /// <summary>A checkout session at Stripe and its pending rows, as <see cref="CardPayments"/> leaves them, for a tenant whose members cannot sign in by password here.</summary>
    private async Task<string> CheckoutAsync(string tenant, Guid invoiceId)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        var unpaid = await db.InvoiceInstalments.Where(s => s.InvoiceId == invoiceId && s.PaidOn == null).ToListAsync();
        var metadata = new Dictionary<string, string> { ["tenant"] = tenant, ["invoice"] = invoiceId.ToString(), ["instalment"] = "all" };
        var session = await new Stripe.Checkout.SessionService(new StripeClient(Stripe.SecretKey, apiBase: Stripe.ApiBase)).CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Mode = "payment", SuccessUrl = $"https://{tenant}.localhost/", Metadata = metadata,
            LineItems = [new() { Quantity = 1, PriceData = new() { Currency = "eur", UnitAmount = (long)(unpaid.Sum(s => s.Amount) * 100), ProductData = new() { Name = invoice.Number } } }],
        });
        db.Payments.AddRange(unpaid.Select(s => new Payment
        {
            CompanyId = invoice.CompanyId, InvoiceId = invoiceId, InstalmentId = s.Id, Amount = s.Amount, Method = Platform.Tenancy.Rules.PaymentMethod.Card,
            CheckoutSessionId = session.Id, CreatedAt = Factory.Clock.GetUtcNow(),
        }));
        await db.SaveChangesAsync();
        return session.Url;
    }

    [Fact]
    public async Task A_tenant_without_card_payment_refuses_it()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var invoice = Node(await api.DataAsync(token, ToPay, new { id = company })).GetProperty("id").GetString();
        Assert.Equal(["CARD_NOT_ACCEPTED"], DemoApi.ErrorCodes(await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId = invoice })));
        Assert.Empty(Stripe.CheckoutSessions);
    }

    [Fact]
    public async Task A_refused_debit_makes_its_instalment_due_again_and_e_mails_the_billing_contact()
    {
        var (api, token, company, invoice) = await Sst68InvoiceAsync();
        var instalment = Guid.Parse(invoice.GetProperty("instalments")[0].GetProperty("id").GetString()!);
        var amount = invoice.GetProperty("instalments")[0].GetProperty("amount").GetDecimal();
        // A SEPA debit sent at Stripe and counted as paid, as the debits of a signed mandate are.
        var client = new StripeClient(Stripe.SecretKey, apiBase: Stripe.ApiBase);
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Name = "Garage" });
        var setup = await new SetupIntentService(client).CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id, Confirm = true,
            PaymentMethodData = new SetupIntentPaymentMethodDataOptions { Type = "sepa_debit", SepaDebit = new() { Iban = "FR1420041010050500013M02606" } },
            MandateData = new SetupIntentMandateDataOptions { CustomerAcceptance = new() { Type = "online", Online = new() { IpAddress = "127.0.0.1", UserAgent = "test" } } },
        });
        var debit = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = (long)(amount * 100), Currency = "eur", Customer = customer.Id, PaymentMethod = setup.PaymentMethodId, Mandate = setup.MandateId, Confirm = true,
            Metadata = new Dictionary<string, string> { ["tenant"] = "sst68", ["invoice"] = invoice.GetProperty("id").GetString()!, ["instalment"] = instalment.ToString() },
        });
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            (await db.InvoiceInstalments.SingleAsync(s => s.Id == instalment)).PaidOn = new DateOnly(2026, 11, 23);
            db.Payments.Add(new Payment
            {
                CompanyId = company, InvoiceId = Guid.Parse(invoice.GetProperty("id").GetString()!), InstalmentId = instalment, Amount = amount,
                Method = Platform.Tenancy.Rules.PaymentMethod.SepaDebit, Status = PaymentStatus.Succeeded, PaymentIntentId = debit.Id, CreatedAt = Factory.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        using (var response = await Stripe.FailPaymentIntentAsync(debit.Id, "insufficient_funds", "Provision insuffisante."))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var after = (await api.DataAsync(token, OneInvoice, new { id = invoice.GetProperty("id").GetString() })).GetProperty("invoice");
        Assert.False(after.GetProperty("instalments")[0].GetProperty("paid").GetBoolean());
        Assert.Equal(invoice.GetProperty("balance").GetDecimal(), after.GetProperty("balance").GetDecimal());
        Assert.Equal("FAILED", after.GetProperty("payments")[0].GetProperty("status").GetString());
        await using var check = Factory.Services.CreateTenantScope("sst68");
        var mails = await check.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.Where(m => m.Subject.StartsWith("Paiement refusé")).ToListAsync();
        Assert.NotEmpty(mails);
        Assert.All(mails, m => Assert.Contains("rejeté par la banque", m.TextBody));
    }

    [Fact]
    public async Task The_accountants_figures_follow_the_payment()
    {
        // The demo accountant holds Facturation on sst68's client company and signs in there with its member number.
        var api = new DemoApi(Factory, "sst68");
        var company = await api.CompanyIdAsync("680002");
        var accountant = await Factory.TokenAsync(api.Host, "680002", DemoData.Password);
        var token = accountant;
        var invoice = Node(await api.DataAsync(accountant, ToPay, new { id = company }));
        const string Clients = "{ clientsAcrossTenants { company { id } openInvoices amountDue } }";
        JsonElement Figures(JsonElement data) => data.GetProperty("clientsAcrossTenants").EnumerateArray().Single(c => c.GetProperty("company").GetProperty("id").GetString() == company.ToString());

        var before = Figures(await api.DataAsync(accountant, Clients));
        Assert.Equal(1, before.GetProperty("openInvoices").GetInt32());
        Assert.Equal(invoice.GetProperty("balance").GetDecimal(), before.GetProperty("amountDue").GetDecimal());

        var url = (await api.MutateAsync(token, "payInvoiceByCard", Pay, new { invoiceId = invoice.GetProperty("id").GetString() })).GetProperty("checkoutUrl").GetString()!;
        (await Stripe.CompleteCheckoutAsync(SessionIdOf(url))).Dispose();

        var after = Figures(await api.DataAsync(accountant, Clients));
        Assert.Equal(0, after.GetProperty("openInvoices").GetInt32());
        Assert.Equal(0m, after.GetProperty("amountDue").GetDecimal());
    }
}

/// <summary>Without Stripe keys (the embedded default) payment says it is not configured, and the webhook believes nothing.</summary>
public sealed class CardPaymentNotConfiguredTests(PlatformFactory factory) : PlatformTest(factory)
{
    public override async Task InitializeAsync()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services);
    }

    [Fact]
    public async Task Without_keys_the_button_and_the_API_say_online_payment_is_not_configured()
    {
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("680001");
        var invoice = (await api.DataAsync(token, "query($id: ID!) { company(id: $id) { invoices(status: TO_PAY, first: 1) { edges { node { id } } } } }", new { id = company }))
            .GetProperty("company").GetProperty("invoices").GetProperty("edges")[0].GetProperty("node").GetProperty("id").GetString();

        var payload = await api.MutateAsync(token, "payInvoiceByCard",
            "mutation($invoiceId: ID!) { payInvoiceByCard(invoiceId: $invoiceId) { checkoutUrl errors { code message } } }", new { invoiceId = invoice });
        Assert.Equal(["PAYMENT_NOT_CONFIGURED"], DemoApi.ErrorCodes(payload));
        Assert.Contains("n'est pas configuré", payload.GetProperty("errors")[0].GetProperty("message").GetString());

        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
        var page = await portal.GetHtmlAsync($"/entreprises/{company}/factures");
        Assert.Contains("Le paiement en ligne n'est pas configuré pour ce service", page);
        Assert.Contains("Payer par carte", page);

        using var webhook = await Factory.ClientFor("sante-travail.example").PostAsync(FakeStripe.WebhookPath,
            new StringContent("""{"id":"evt_1","object":"event","type":"checkout.session.completed","data":{"object":{"metadata":{"tenant":"sst68"}}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, webhook.StatusCode);
    }
}
