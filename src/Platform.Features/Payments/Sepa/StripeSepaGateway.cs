using Platform.Tenancy;
using Stripe;

namespace Platform.Features.Payments.Sepa;

/// <summary>
/// SEPA through Stripe (Stripe.net 53.1.0), with the tenant's Stripe account (<see cref="StripeAccounts"/>): a customer,
/// a SetupIntent restricted to <c>sepa_debit</c> carrying the IBAN and confirmed with the online mandate acceptance
/// (the signer's IP address and browser), then one off-session PaymentIntent per debit. Idempotency keys make a
/// retried call (a crash, a rerun) return Stripe's first answer instead of debiting twice.
/// Without a secret key for the tenant it is not configured: mandates are recorded, debits left to collect.
/// </summary>
public sealed class StripeSepaGateway(StripeAccounts accounts, ITenantContext tenantContext) : ISepaGateway
{
    private string Slug => tenantContext.RequireTenant().Slug;

    public bool IsConfigured => accounts.For(Slug) is not null;

    public async Task<SepaProviderMandate> SetUpMandateAsync(SepaMandateSetup setup, CancellationToken ct)
    {
        var client = Client();
        var metadata = new Dictionary<string, string>
        {
            [StripeMetadata.Tenant] = Slug, [StripeMetadata.Company] = setup.CompanyId.ToString(), ["mandate_reference"] = setup.Reference,
        };
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions
        {
            Name = setup.CompanyName, Email = setup.Email, Metadata = metadata,
        }, new RequestOptions { IdempotencyKey = $"sepa-customer-{Slug}-{setup.Reference}" }, ct);
        var intents = new SetupIntentService(client);
        var intent = await intents.CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id,
            AllowedPaymentMethodTypes = ["sepa_debit"],
            Usage = "off_session",
            Description = $"Mandat SEPA {setup.Reference}",
            PaymentMethodData = new SetupIntentPaymentMethodDataOptions
            {
                Type = "sepa_debit",
                SepaDebit = new SetupIntentPaymentMethodDataSepaDebitOptions { Iban = setup.Iban },
                BillingDetails = new SetupIntentPaymentMethodDataBillingDetailsOptions { Name = setup.HolderName, Email = setup.Email },
            },
            Metadata = metadata,
        }, new RequestOptions { IdempotencyKey = $"sepa-setup-{Slug}-{setup.Reference}" }, ct);
        var confirmed = await intents.ConfirmAsync(intent.Id, new SetupIntentConfirmOptions
        {
            MandateData = new SetupIntentMandateDataOptions
            {
                CustomerAcceptance = new SetupIntentMandateDataCustomerAcceptanceOptions
                {
                    Type = "online",
                    Online = new SetupIntentMandateDataCustomerAcceptanceOnlineOptions
                    {
                        IpAddress = setup.IpAddress ?? "0.0.0.0", UserAgent = string.IsNullOrEmpty(setup.UserAgent) ? "Espace adhérent" : setup.UserAgent,
                    },
                },
            },
        }, new RequestOptions { IdempotencyKey = $"sepa-setup-confirm-{Slug}-{setup.Reference}" }, ct);
        return new SepaProviderMandate(customer.Id, confirmed.Id, confirmed.PaymentMethodId);
    }

    public async Task<string> DebitAsync(SepaDebitRequest debit, CancellationToken ct)
    {
        var intent = await new PaymentIntentService(Client()).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = CardPayments.ToCents(debit.Amount),
            Currency = "eur",
            Customer = debit.CustomerId,
            PaymentMethod = debit.PaymentMethodId,
            AllowedPaymentMethodTypes = ["sepa_debit"],
            Confirm = true,
            OffSession = true,
            Description = debit.Description,
            Metadata = new Dictionary<string, string>
            {
                [StripeMetadata.Tenant] = Slug, [StripeMetadata.Invoice] = debit.InvoiceId.ToString(),
                [StripeMetadata.Instalment] = debit.InstalmentId.ToString(), ["sepa_debit"] = debit.DebitId.ToString(),
                ["mandate_reference"] = debit.MandateReference,
            },
        }, new RequestOptions { IdempotencyKey = $"sepa-debit-{Slug}-{debit.DebitId}" }, ct);
        return intent.Id;
    }

    private IStripeClient Client() => accounts.ClientFor(accounts.For(Slug) ?? throw new InvalidOperationException("Stripe n'est pas configuré pour ce service."));
}
