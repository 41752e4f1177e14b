using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Stripe;

namespace Platform.Features.Payments.Sepa;

// The SEPA side of Stripe's PaymentIntent events. The instalment itself (paid, or unpaid again with the billing
// contacts e-mailed) is settled by PaymentIntentSucceededHandler / PaymentIntentFailedHandler through the debit's
// Payment row; these keep the debit's own state, which the daily round reads.

/// <summary>payment_intent.succeeded for a SEPA debit: the debit came through.</summary>
public sealed class SepaDebitSucceededHandler(PlatformDbContext db, TimeProvider time) : IStripeEventHandler
{
    public string EventType => EventTypes.PaymentIntentSucceeded;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        var intent = (PaymentIntent)stripeEvent.Data.Object;
        foreach (var debit in await db.SepaDebits.Where(d => d.ProviderPaymentId == intent.Id && d.Status == SepaDebitStatus.Submitted).ToListAsync(ct))
        {
            debit.Status = SepaDebitStatus.Succeeded;
            debit.SettledAt = time.GetUtcNow();
        }
    }
}

/// <summary>payment_intent.payment_failed for a SEPA debit: rejected by the bank; the instalment is paid another way, never re-debited by the round.</summary>
public sealed class SepaDebitFailedHandler(PlatformDbContext db, TimeProvider time) : IStripeEventHandler
{
    public string EventType => EventTypes.PaymentIntentPaymentFailed;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        var intent = (PaymentIntent)stripeEvent.Data.Object;
        foreach (var debit in await db.SepaDebits.Where(d => d.ProviderPaymentId == intent.Id && d.Status != SepaDebitStatus.Failed).ToListAsync(ct))
        {
            debit.Status = SepaDebitStatus.Failed;
            debit.SettledAt = time.GetUtcNow();
            debit.FailureReason = intent.LastPaymentError?.Code is { } code ? code.Length > 200 ? code[..200] : code : null;
        }
    }
}
