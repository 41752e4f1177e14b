using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Stripe;
using Stripe.Checkout;

namespace Platform.Features.Payments;

/// <summary>The customer paid on Stripe's checkout page: the session's instalments turn paid.</summary>
public sealed class CheckoutSessionCompletedHandler(PlatformDbContext db, PaymentSettlement settlement) : IStripeEventHandler
{
    public string EventType => EventTypes.CheckoutSessionCompleted;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        var session = (Session)stripeEvent.Data.Object;
        // Delayed methods complete the session before the money comes; their payment_intent.succeeded settles them.
        if (session.PaymentStatus != "paid") return;
        var payments = await db.Payments.Where(p => p.CheckoutSessionId == session.Id).ToListAsync(ct);
        await settlement.SucceedAsync(payments, InvoiceOf(session.Metadata), session.AmountTotal, session.PaymentIntentId, ct);
    }

    internal static Guid? InvoiceOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(StripeMetadata.Invoice, out var value) && Guid.TryParse(value, out var id) ? id : null;
}

/// <summary>A PaymentIntent succeeded (a SEPA debit came through, or a card payment confirmed on its own event).</summary>
public sealed class PaymentIntentSucceededHandler(PlatformDbContext db, PaymentSettlement settlement) : IStripeEventHandler
{
    public string EventType => EventTypes.PaymentIntentSucceeded;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        var intent = (PaymentIntent)stripeEvent.Data.Object;
        var payments = await db.Payments.Where(p => p.PaymentIntentId == intent.Id).ToListAsync(ct);
        await settlement.SucceedAsync(payments, CheckoutSessionCompletedHandler.InvoiceOf(intent.Metadata), intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, intent.Id, ct);
    }
}

/// <summary>A PaymentIntent failed (a refused SEPA debit, a declined card): its instalments are due again and the billing contact is told.</summary>
public sealed class PaymentIntentFailedHandler(PlatformDbContext db, PaymentSettlement settlement) : IStripeEventHandler
{
    public string EventType => EventTypes.PaymentIntentPaymentFailed;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        var intent = (PaymentIntent)stripeEvent.Data.Object;
        var invoice = CheckoutSessionCompletedHandler.InvoiceOf(intent.Metadata);
        var payments = await db.Payments.Where(p => p.PaymentIntentId == intent.Id).ToListAsync(ct);
        // The metadata and our rows must agree: an event naming another invoice changes nothing.
        if (invoice is { } named && payments.Any(p => p.InvoiceId != named)) return;
        var error = intent.LastPaymentError;
        await settlement.FailAsync(payments, error is null ? null : $"{error.Code} — {error.Message}", ct);
    }
}
