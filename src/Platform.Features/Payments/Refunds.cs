using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;

namespace Platform.Features.Payments;

/// <summary>
/// The end of an overpayment (<see cref="PaymentStatus.ToRefund"/>): billing staff refund the member outside the platform (a
/// transfer, or Stripe's dashboard) and record it here, so that it leaves their list of refunds to make. Staff of the tenant
/// only; the payment is found in the tenant's scope alone; audited.
/// </summary>
public sealed class Refunds(PlatformDbContext db, CurrentUser currentUser, TimeProvider time)
{
    public async Task<Outcome<PaymentView>> MarkRefundedAsync(Guid paymentId, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One conditional update: two clicks, or two clerks at once, record the refund once.
        var marked = await db.Payments.Where(p => p.Id == paymentId && p.Status == PaymentStatus.ToRefund).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Status, PaymentStatus.Refunded).SetProperty(p => p.RefundedAt, now).SetProperty(p => p.RefundedBy, staff), ct);
        var payment = await (from p in db.Payments.AsNoTracking()
                             join s in db.InvoiceInstalments on p.InstalmentId equals s.Id
                             where p.Id == paymentId
                             select new { p, s.DueOn }).SingleOrDefaultAsync(ct);
        if (payment is null) return new UserError("NOT_FOUND", "Ce paiement n'existe pas.", "paymentId");
        if (marked == 0)
            return new UserError(payment.p.Status == PaymentStatus.Refunded ? "ALREADY_REFUNDED" : "NOT_TO_REFUND",
                payment.p.Status == PaymentStatus.Refunded ? "Ce trop-perçu est déjà marqué comme remboursé." : "Ce paiement n'est pas un trop-perçu à rembourser.", "paymentId");
        db.AuditEntries.Record(time, staff, "payment.refunded", "Invoice", payment.p.InvoiceId, $$"""{"payment":"{{paymentId}}","amount":"{{payment.p.Amount}}"}""");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<PaymentView>.Ok(new PaymentView(payment.p.Id, payment.p.InvoiceId, payment.p.InstalmentId, payment.DueOn, payment.p.Amount,
            payment.p.Method, payment.p.Status, payment.p.CreatedAt, payment.p.SettledAt, payment.p.RefundedAt));
    }
}
