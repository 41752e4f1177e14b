namespace Platform.Features.Payments.Sepa;

/// <summary>What the payment provider needs to set up a mandate: the IBAN in clear (never logged) and the online acceptance.</summary>
public sealed record SepaMandateSetup(
    Guid CompanyId, string CompanyName, string HolderName, string Email, string Iban, string Reference,
    DateTimeOffset AcceptedAt, string? IpAddress, string? UserAgent);

/// <summary>The provider's ids of a mandate set up there.</summary>
public sealed record SepaProviderMandate(string CustomerId, string SetupId, string PaymentMethodId);

public sealed record SepaDebitRequest(Guid DebitId, Guid InvoiceId, Guid InstalmentId, string CustomerId, string PaymentMethodId, decimal Amount, string Description, string MandateReference);

/// <summary>
/// The seam to the payment provider (Stripe: a SetupIntent with <c>sepa_debit</c> and the online mandate
/// acceptance, then a PaymentIntent per debit). Without a provider configured, mandates are still signed
/// and recorded, and due debits are left « à encaisser » for the service's own collection.
/// </summary>
public interface ISepaGateway
{
    bool IsConfigured { get; }
    Task<SepaProviderMandate> SetUpMandateAsync(SepaMandateSetup setup, CancellationToken ct);
    /// <summary>Presents a debit; returns the provider's payment id. Idempotent per <see cref="SepaDebitRequest.DebitId"/>.</summary>
    Task<string> DebitAsync(SepaDebitRequest debit, CancellationToken ct);
}

/// <summary>No payment provider configured (the embedded default).</summary>
public sealed class NoSepaGateway : ISepaGateway
{
    public bool IsConfigured => false;
    public Task<SepaProviderMandate> SetUpMandateAsync(SepaMandateSetup setup, CancellationToken ct) => throw new InvalidOperationException("Aucun prestataire de paiement n'est configuré.");
    public Task<string> DebitAsync(SepaDebitRequest debit, CancellationToken ct) => throw new InvalidOperationException("Aucun prestataire de paiement n'est configuré.");
}
