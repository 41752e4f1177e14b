using Platform.Tenancy.Isolation;

namespace Platform.Features.Payments.Sepa;

public enum SepaMandateStatus
{
    /// <summary>Entered and accepted; the signer has not yet typed the e-mailed code.</summary>
    AwaitingCode,
    /// <summary>Signed with the code: the member's invoices due from the signature on are debited.</summary>
    Active,
    /// <summary>Ended by the member (or replaced by a newer mandate).</summary>
    Revoked,
    /// <summary>Never signed: too many wrong codes, or replaced by a new entry before the code.</summary>
    Abandoned,
}

/// <summary>
/// A member company's SEPA direct-debit mandate (seeds 000/001: « Mandat SEPA »). The IBAN is kept only
/// encrypted (<see cref="SepaIbanProtection"/>) beside its last 4 characters, which is all anyone reads back.
/// </summary>
public sealed class SepaMandate : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    /// <summary>The RUM (<see cref="MandateReference"/>), unique in the tenant.</summary>
    public required string Reference { get; init; }
    /// <summary>The company's n-th mandate: the last part of the reference.</summary>
    public required int Ordinal { get; init; }
    /// <summary>Account holder (titulaire du compte) as the debtor names it.</summary>
    public required string HolderName { get; init; }
    public required string ProtectedIban { get; init; }
    public required string IbanCountry { get; init; }
    public required string IbanLast4 { get; init; }
    public string? Bic { get; init; }
    public required Guid SignerUserId { get; init; }
    public required string SignerName { get; init; }
    public required string SignerEmail { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public SepaMandateStatus Status { get; set; } = SepaMandateStatus.AwaitingCode;
    /// <summary>The e-mailed code, hashed; cleared once used.</summary>
    public string? CodeHash { get; set; }
    public DateTimeOffset? CodeExpiresAt { get; set; }
    /// <summary>Codes typed so far (each counted before it is compared, atomically): at <see cref="SepaMandates.MaxCodeTries"/> the code is dead.</summary>
    public int CodeTries { get; set; }
    /// <summary>When the signer confirmed with the code (the mandate's date of signature).</summary>
    public DateTimeOffset? SignedAt { get; set; }
    /// <summary>Where the signer confirmed from (online acceptance data for the payment provider).</summary>
    public string? SignedFromIp { get; set; }
    public string? SignedWithUserAgent { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The payment provider's ids once the mandate is set up there (Stripe: customer, SetupIntent, PaymentMethod).</summary>
    public string? ProviderCustomerId { get; set; }
    public string? ProviderSetupId { get; set; }
    public string? ProviderPaymentMethodId { get; set; }
}

public enum SepaDebitStatus
{
    /// <summary>Pre-notification e-mailed; the debit is presented on the due date.</summary>
    Announced,
    /// <summary>Presented to the payment provider; its webhook tells the result.</summary>
    Submitted,
    Succeeded,
    /// <summary>Rejected by the bank: the instalment is to pay again, by transfer or card.</summary>
    Failed,
    /// <summary>Due, but no payment provider is configured: the service collects it by its own means.</summary>
    ToCollect,
    /// <summary>The mandate ended or the instalment was paid otherwise before the due date.</summary>
    Cancelled,
}

/// <summary>
/// One debit of one instalment under a mandate: one row per instalment (unique), which is what makes the
/// daily job idempotent — a rerun finds the row and neither pre-notifies nor debits again.
/// </summary>
public sealed class SepaDebit : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid MandateId { get; init; }
    public required Guid CompanyId { get; init; }
    public required Guid InvoiceId { get; init; }
    public required Guid InstalmentId { get; init; }
    public required decimal Amount { get; init; }
    public required DateOnly DueOn { get; init; }
    public required DateTimeOffset AnnouncedAt { get; init; }
    public SepaDebitStatus Status { get; set; } = SepaDebitStatus.Announced;
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
    /// <summary>Stripe's PaymentIntent id: the webhook finds the debit by it.</summary>
    public string? ProviderPaymentId { get; set; }
    public string? FailureReason { get; set; }
}
