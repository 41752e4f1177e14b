using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Billing;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Payments;

/// <summary>
/// What a confirmed or refused payment changes, in the tenant's scope and the webhook's transaction: the
/// payment rows, the instalments they settle, the audit, and the e-mail of a refusal. Only webhooks call it.
/// </summary>
public sealed class PaymentSettlement(
    PlatformDbContext db, TimeProvider time, ITenantContext tenantContext, TenantRulesCache rulesCache, NotificationRecipients recipients,
    EmailOutbox outbox, ILogger<PaymentSettlement> logger)
{
    /// <summary>
    /// The money came: the rows turn succeeded and their instalments paid. <paramref name="expectedInvoice"/> is the invoice
    /// the event's metadata names: rows of another invoice are not touched (metadata and rows must agree).
    /// </summary>
    public async Task SucceedAsync(IReadOnlyList<Payment> payments, Guid? expectedInvoice, long? amountCents, string? paymentIntentId, CancellationToken ct)
    {
        var pending = payments.Where(p => p.Status == PaymentStatus.Pending).ToList();
        if (pending.Count == 0) return;
        if (expectedInvoice is { } invoiceId && pending.Any(p => p.InvoiceId != invoiceId))
        {
            logger.LogWarning("Stripe event names invoice {InvoiceId} but its payments are of another invoice: ignored", invoiceId);
            return;
        }
        if (amountCents is { } cents && CardPayments.ToCents(pending.Sum(p => p.Amount)) != cents)
        {
            logger.LogWarning("Stripe confirmed {Cents} cents where invoice {InvoiceId} expected {Expected}: left for staff", cents, pending[0].InvoiceId, pending.Sum(p => p.Amount));
            return;
        }
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, FrenchTime.Paris).DateTime);
        var ids = pending.Select(p => p.InstalmentId).ToList();
        var instalments = await db.InvoiceInstalments.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var overpaid = new List<Payment>();
        foreach (var payment in pending)
        {
            payment.SettledAt = now;
            payment.PaymentIntentId ??= paymentIntentId;
            var instalment = instalments[payment.InstalmentId];
            if (instalment.PaidOn is null)
            {
                // The one payment that pays it (unique): a concurrent confirmation of another payment collides here.
                instalment.PaidOn = today;
                payment.Status = PaymentStatus.Succeeded;
                payment.SettledInstalmentId = instalment.Id;
            }
            else
            {
                // Paid already (another checkout, a debit, a transfer): the money is kept track of, to refund, never counted twice.
                payment.Status = PaymentStatus.ToRefund;
                overpaid.Add(payment);
            }
        }
        foreach (var invoice in pending.Select(p => p.InvoiceId).Distinct())
            db.AuditEntries.Record(time, null, "invoice.paid-online", "Invoice", invoice,
                $$"""{"method":"{{pending[0].Method}}","positions":{{pending.Count(p => p.InvoiceId == invoice && p.Status == PaymentStatus.Succeeded)}}}""");
        foreach (var payment in overpaid)
        {
            db.AuditEntries.Record(time, null, "invoice.overpaid", "Invoice", payment.InvoiceId, $$"""{"payment":"{{payment.Id}}","amount":"{{payment.Amount}}"}""");
            logger.LogWarning("Payment {PaymentId} confirmed for an instalment of invoice {InvoiceId} already paid: recorded to refund", payment.Id, payment.InvoiceId);
        }
    }

    /// <summary>
    /// The bank or the card refused: the rows turn failed, the instalments they had settled are unpaid again, and the
    /// company's billing contacts are told by e-mail.
    /// </summary>
    public async Task FailAsync(IReadOnlyList<Payment> payments, string? reason, CancellationToken ct)
    {
        // A refunded overpayment keeps its status: staff paid that money out, and the failure of its charge is theirs to
        // follow up (audited), not a reason to forget the refund.
        foreach (var refunded in payments.Where(p => p.Status == PaymentStatus.Refunded))
        {
            db.AuditEntries.Record(time, null, "payment.refunded-then-failed", "Invoice", refunded.InvoiceId, $$"""{"payment":"{{refunded.Id}}"}""");
            logger.LogWarning("Payment {PaymentId} failed after staff recorded its refund", refunded.Id);
        }
        var open = payments.Where(p => p.Status is not (PaymentStatus.Failed or PaymentStatus.Refunded)).ToList();
        if (open.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var now = time.GetUtcNow();
        var settled = open.Where(p => p.Status == PaymentStatus.Succeeded).Select(p => p.InstalmentId).ToList();
        foreach (var payment in open)
        {
            payment.Status = PaymentStatus.Failed;
            payment.SettledInstalmentId = null;
            payment.SettledAt = now;
            payment.FailureReason = reason is { Length: > 300 } ? reason[..300] : reason;
        }
        // An instalment paid by this payment (a debit counted as paid when sent) is due again…
        var unpaid = await db.InvoiceInstalments.Where(s => settled.Contains(s.Id) && s.PaidOn != null).ToListAsync(ct);
        foreach (var instalment in unpaid) instalment.PaidOn = null;
        // …unless another payment's money came for it meanwhile and was set aside to refund (pentest L2): that one pays it now,
        // since the failed one never did. Saved first: an instalment has one paying payment (unique), the failed one lets go of it.
        var takenOver = new HashSet<Guid>();
        if (unpaid.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            var ids = unpaid.Select(s => s.Id).ToList();
            var waiting = (await db.Payments.AsNoTracking().Where(p => ids.Contains(p.InstalmentId) && p.Status == PaymentStatus.ToRefund).ToListAsync(ct))
                .GroupBy(p => p.InstalmentId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Id).First());
            foreach (var instalment in unpaid)
            {
                if (!waiting.TryGetValue(instalment.Id, out var other)) continue;
                // Conditional: a clerk marking it refunded at the same moment wins, and the instalment stays due.
                var instalmentId = instalment.Id;
                if (await db.Payments.Where(p => p.Id == other.Id && p.Status == PaymentStatus.ToRefund).ExecuteUpdateAsync(u => u
                        .SetProperty(p => p.Status, PaymentStatus.Succeeded).SetProperty(p => p.SettledInstalmentId, instalmentId), ct) == 0) continue;
                instalment.PaidOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(other.SettledAt ?? now, FrenchTime.Paris).DateTime);
                takenOver.Add(instalment.Id);
                db.AuditEntries.Record(time, null, "invoice.overpayment-applied", "Invoice", other.InvoiceId, $$"""{"payment":"{{other.Id}}","replaces":"{{open.First(p => p.InstalmentId == instalment.Id).Id}}"}""");
            }
        }

        var rules = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules;
        var catalogue = RoleCatalogue.For(rules);
        foreach (var byInvoice in open.GroupBy(p => p.InvoiceId))
        {
            var first = byInvoice.First();
            db.AuditEntries.Record(time, null, "invoice.payment-failed", "Invoice", byInvoice.Key, $$"""{"method":"{{first.Method}}"}""");
            // The billing contacts are told of what is due again; an instalment another payment settled is not.
            if (byInvoice.All(p => takenOver.Contains(p.InstalmentId))) continue;
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == byInvoice.Key, ct);
            var company = await db.Companies.AsNoTracking().Where(c => c.Id == first.CompanyId).Select(c => c.Name).SingleAsync(ct);
            var to = await recipients.ForAsync(first.CompanyId, NotificationKind.Invoices, roles => RoleCatalogue.Grants(catalogue, roles, Permission.ViewInvoices), ct);
            var content = PaymentEmails.PaymentFailed(rules, company, invoice.Number, Money.Format(byInvoice.Where(p => !takenOver.Contains(p.InstalmentId)).Sum(p => p.Amount)), first.Method, reason);
            foreach (var user in to) outbox.Enqueue(user.Email, content);
        }
    }
}
