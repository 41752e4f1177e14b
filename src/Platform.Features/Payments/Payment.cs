using Platform.Tenancy.Isolation;
using Platform.Tenancy.Rules;

namespace Platform.Features.Payments;

public enum PaymentStatus
{
    Pending,
    Succeeded,
    Failed,
    /// <summary>
    /// The money came for an instalment already paid (by another checkout, a debit or a transfer): an overpayment the
    /// service refunds. Billing staff see these on their billing page.
    /// </summary>
    ToRefund,
    /// <summary>An overpayment the billing staff refunded to the member (by transfer, or from Stripe's dashboard), recorded by them.</summary>
    Refunded,
}

/// <summary>
/// One instalment's share of an online payment (a card payment through Stripe Checkout, a SEPA debit).
/// A card payment of a whole invoice is one row per instalment it settles, all with the same session.
/// The instalment turns paid only when Stripe's signed webhook says the money came, never on the browser's return.
/// </summary>
public sealed class Payment : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required Guid InvoiceId { get; init; }
    public required Guid InstalmentId { get; init; }
    public required PaymentMethod Method { get; init; }
    /// <summary>Euros, the instalment's amount when the payment started.</summary>
    public required decimal Amount { get; init; }
    public PaymentStatus Status { get; set; } = PaymentStatus.Pending;
    /// <summary>
    /// The card checkout this row belongs to, claimed before Stripe is called (one per request): the rows of one checkout share it,
    /// and the Stripe idempotency key is made of it.
    /// </summary>
    public Guid? CheckoutRequestId { get; set; }
    /// <summary>The Stripe Checkout Session of a card payment (cs_…), recorded once Stripe opened it.</summary>
    public string? CheckoutSessionId { get; set; }
    /// <summary>When the checkout session stops taking payment (Stripe's expires_at): until then it covers its instalments.</summary>
    public DateTimeOffset? CheckoutExpiresAt { get; set; }
    /// <summary>
    /// The instalment this payment paid, set when the webhook marks it paid. Unique: an instalment is paid by one payment
    /// only, however many confirmations arrive (a second one is an overpayment, <see cref="PaymentStatus.ToRefund"/>).
    /// </summary>
    public Guid? SettledInstalmentId { get; set; }
    /// <summary>The Stripe PaymentIntent (pi_…): known when the session completes, or at once for a debit.</summary>
    public string? PaymentIntentId { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Who started it (a member's user), null for a scheduled debit.</summary>
    public Guid? CreatedBy { get; init; }
    /// <summary>When Stripe confirmed or refused it.</summary>
    public DateTimeOffset? SettledAt { get; set; }
    /// <summary>When billing staff recorded the refund of an overpayment, and who.</summary>
    public DateTimeOffset? RefundedAt { get; set; }
    public Guid? RefundedBy { get; set; }
    /// <summary>Stripe's reason for a refusal (no personal data: a decline code and its message).</summary>
    public string? FailureReason { get; set; }
}

/// <summary>A Stripe event already applied to the tenant: the same event delivered again changes nothing.</summary>
public sealed class ProcessedStripeEvent : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset ProcessedAt { get; init; }
}
