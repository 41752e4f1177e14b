using Platform.Host.Tests.Infrastructure;
using Stripe;
using Stripe.Checkout;

namespace Platform.Host.Tests.Payments;

/// <summary>The fake Stripe answers the real Stripe.net client as Stripe does, so that payment tests exercise the real client.</summary>
public sealed class FakeStripeTests : IAsyncLifetime
{
    private FakeStripe stripe = null!;

    public async Task InitializeAsync() => stripe = await FakeStripe.StartAsync();
    public async Task DisposeAsync() => await stripe.DisposeAsync();

    private StripeClient Client(string? key = null) => new(key ?? stripe.SecretKey, apiBase: stripe.ApiBase);

    [Fact]
    public async Task Checkout_session_is_created_and_read_back_with_its_metadata_and_amount()
    {
        var sessions = new SessionService(Client());
        var options = new SessionCreateOptions
        {
            Mode = "payment",
            SuccessUrl = "https://sst68.example/factures/paiement?session={CHECKOUT_SESSION_ID}",
            CancelUrl = "https://sst68.example/factures",
            LineItems = [new SessionLineItemOptions { Quantity = 1, PriceData = new SessionLineItemPriceDataOptions { Currency = "eur", UnitAmount = 48608, ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Échéance 1" } } }],
            Metadata = new Dictionary<string, string> { ["tenant"] = "sst68", ["invoice"] = "abc" },
        };
        var created = await sessions.CreateAsync(options, new RequestOptions { IdempotencyKey = "key-1" });

        Assert.StartsWith("cs_test_", created.Id);
        Assert.Equal(48608, created.AmountTotal);
        Assert.StartsWith(stripe.ApiBase + "/checkout/", created.Url);
        var read = await sessions.GetAsync(created.Id);
        Assert.Equal("sst68", read.Metadata["tenant"]);
        Assert.Equal("open", read.Status);
        Assert.Equal("key-1", stripe.Requests[0].IdempotencyKey);

        // The same idempotency key with the same parameters gives the same session, as at Stripe…
        var again = await sessions.CreateAsync(options, new RequestOptions { IdempotencyKey = "key-1" });
        Assert.Equal(created.Id, again.Id);
        Assert.Single(stripe.CheckoutSessions);
        // …and with other parameters is refused (idempotency_error), never answered with the first session.
        var other = await Assert.ThrowsAsync<StripeException>(() => sessions.CreateAsync(new SessionCreateOptions { Mode = "payment", SuccessUrl = "https://x" }, new RequestOptions { IdempotencyKey = "key-1" }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, other.HttpStatusCode);
        Assert.Equal("idempotency_error", other.StripeError.Type);
        Assert.Single(stripe.CheckoutSessions);
    }

    [Fact]
    public async Task Wrong_key_and_unknown_ids_answer_Stripe_errors()
    {
        var wrongKey = await Assert.ThrowsAsync<StripeException>(() => new CustomerService(Client("sk_test_wrong")).CreateAsync(new CustomerCreateOptions()));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrongKey.HttpStatusCode);
        var missing = await Assert.ThrowsAsync<StripeException>(() => new SessionService(Client()).GetAsync("cs_test_nope"));
        Assert.Equal("resource_missing", missing.StripeError.Code);
        stripe.FailNext("/v1/payment_intents", 402, "card_declined", "Declined");
        var declined = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(Client()).CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "eur" }));
        Assert.Equal("card_declined", declined.StripeError.Code);
    }

    [Fact]
    public async Task Sepa_setup_intent_gives_a_mandate_and_a_debit_stays_processing()
    {
        var client = Client();
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Email = "compta@example.fr", Name = "Garage" });
        var setup = await new SetupIntentService(client).CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id,
            PaymentMethodData = new SetupIntentPaymentMethodDataOptions
            {
                Type = "sepa_debit",
                SepaDebit = new SetupIntentPaymentMethodDataSepaDebitOptions { Iban = "FR1420041010050500013M02606" },
                BillingDetails = new SetupIntentPaymentMethodDataBillingDetailsOptions { Name = "Jeanne Martin", Email = "compta@example.fr" },
            },
        });
        Assert.Equal("requires_confirmation", setup.Status);
        var confirmed = await new SetupIntentService(client).ConfirmAsync(setup.Id, new SetupIntentConfirmOptions
        {
            MandateData = new SetupIntentMandateDataOptions { CustomerAcceptance = new SetupIntentMandateDataCustomerAcceptanceOptions { Type = "online", Online = new SetupIntentMandateDataCustomerAcceptanceOnlineOptions { IpAddress = "127.0.0.1", UserAgent = "test" } } },
        });
        Assert.Equal("succeeded", confirmed.Status);
        Assert.StartsWith("mandate_", confirmed.MandateId);
        var method = await new PaymentMethodService(client).GetAsync(confirmed.PaymentMethodId);
        Assert.Equal("2606", method.SepaDebit.Last4);

        var debit = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 48607, Currency = "eur", Customer = customer.Id, PaymentMethod = confirmed.PaymentMethodId,
            Mandate = confirmed.MandateId, Confirm = true, OffSession = true, Metadata = new Dictionary<string, string> { ["tenant"] = "sstrn" },
        });
        Assert.Equal("processing", debit.Status);

        var badIban = await Assert.ThrowsAsync<StripeException>(() => new SetupIntentService(client).CreateAsync(new SetupIntentCreateOptions
        {
            PaymentMethodData = new SetupIntentPaymentMethodDataOptions { Type = "sepa_debit", SepaDebit = new SetupIntentPaymentMethodDataSepaDebitOptions { Iban = "FR1420041010050500013M02607" } },
        }));
        Assert.Equal("invalid_bank_account_iban", badIban.StripeError.Code);
    }

    [Fact]
    public void Signature_is_the_one_Stripe_net_checks()
    {
        var payload = """{"id":"evt_1","object":"event","api_version":"__V__","created":1,"data":{"object":{"id":"pi_1","object":"payment_intent","amount":100}},"type":"payment_intent.succeeded"}"""
            .Replace("__V__", StripeConfiguration.ApiVersion);
        var now = DateTimeOffset.UtcNow;
        var parsed = EventUtility.ConstructEvent(payload, FakeStripe.Signature(payload, now, stripe.WebhookSecret), stripe.WebhookSecret);
        Assert.Equal("payment_intent.succeeded", parsed.Type);
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(payload, FakeStripe.Signature(payload, now, "whsec_other"), stripe.WebhookSecret));
    }
}
