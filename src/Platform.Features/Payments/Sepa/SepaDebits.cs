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

namespace Platform.Features.Payments.Sepa;

/// <summary>What one daily round did: pre-notifications e-mailed, debits presented, left to collect by hand, cancelled.</summary>
public sealed record SepaDebitRound(int Announced, int Submitted, int ToCollect, int Cancelled);

/// <summary>
/// The daily SEPA round of one tenant (SPEC.md 3.8, seed 000). Every unpaid instalment of a company with an
/// active mandate, due on or after the day the mandate was first signed, is debited on its due date; the
/// mandate's signer is e-mailed the tenant's notice before (sstrn 2 days, otherwise 14). Instalments due
/// before the signature are paid by transfer. One <see cref="SepaDebit"/> row per instalment makes the round
/// idempotent: run twice the same day, it neither announces nor presents anything twice. A debit announced
/// later than the notice allows (a mandate signed a few days before a due date) is presented once the notice
/// has run, not earlier.
/// </summary>
public sealed class SepaDebits(
    PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache rulesCache, ISepaGateway gateway, EmailOutbox outbox,
    CurrentUser currentUser, TimeProvider time, ILogger<SepaDebits> log)
{
    public async Task<SepaDebitRound> RunAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        var rules = (await rulesCache.GetAsync(tenantContext.Current!)).Rules;
        if (!rules.Payment.Methods.Contains(Platform.Tenancy.Rules.PaymentMethod.SepaDebit)) return new(0, 0, 0, 0);
        var notice = rules.Payment.SepaPreNotificationDays ?? 14;
        var today = time.Today();
        var announced = await AnnounceAsync(rules, today, notice, ct);
        var (submitted, toCollect, cancelled) = await PresentAsync(today, ct);
        return new(announced, submitted, toCollect, cancelled);
    }

    private async Task<int> AnnounceAsync(Platform.Tenancy.Rules.TenantRules rules, DateOnly today, int notice, CancellationToken ct)
    {
        var horizon = today.AddDays(notice);
        var mandates = await db.SepaMandates.AsNoTracking().Where(m => m.Status == SepaMandateStatus.Active)
            .Join(db.Companies.Where(c => c.SepaMandateActiveSince != null), m => m.CompanyId, c => c.Id,
                (m, c) => new { Mandate = m, c.Name, Since = c.SepaMandateActiveSince!.Value })
            .ToListAsync(ct);
        if (mandates.Count == 0) return 0;
        var byCompany = mandates.ToDictionary(m => m.Mandate.CompanyId);
        var companyIds = byCompany.Keys.ToList();
        var candidates = await db.InvoiceInstalments.AsNoTracking()
            .Where(s => s.PaidOn == null && s.DueOn <= horizon && !db.SepaDebits.Any(d => d.InstalmentId == s.Id))
            .Join(db.Invoices.Where(i => i.Kind == InvoiceKind.Invoice && companyIds.Contains(i.CompanyId)), s => s.InvoiceId, i => i.Id,
                (s, i) => new { Instalment = s, i.CompanyId, i.Number })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var count = 0;
        foreach (var company in candidates.GroupBy(c => c.CompanyId))
        {
            var m = byCompany[company.Key];
            var signedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.Since, FrenchTime.Paris).DateTime);
            // Invoices due before the mandate was signed are paid by transfer (seed 000).
            var due = company.Where(c => c.Instalment.DueOn >= signedOn).OrderBy(c => c.Instalment.DueOn).ToList();
            if (due.Count == 0) continue;
            var lines = new List<(string, decimal, DateOnly)>();
            foreach (var c in due)
            {
                // Never presented before the notice has run.
                var on = c.Instalment.DueOn < horizon ? horizon : c.Instalment.DueOn;
                db.SepaDebits.Add(new SepaDebit
                {
                    MandateId = m.Mandate.Id, CompanyId = company.Key, InvoiceId = c.Instalment.InvoiceId, InstalmentId = c.Instalment.Id,
                    Amount = c.Instalment.Amount, DueOn = on, AnnouncedAt = now,
                });
                lines.Add((c.Number, c.Instalment.Amount, on));
            }
            outbox.Enqueue(m.Mandate.SignerEmail, SepaEmails.PreNotification(rules, m.Name, m.Mandate.Reference, m.Mandate.MaskedIban(), lines));
            count += due.Count;
        }
        if (count == 0) return 0;
        db.AuditEntries.Record(time, currentUser.UserId, "sepa-debits.announced", "SepaDebit", Guid.Empty, $$"""{"count":{{count}}}""");
        // One unit of work: the debits and their e-mails are saved together, or neither (a rerun redoes them).
        await db.SaveChangesAsync(ct);
        return count;
    }

    private async Task<(int Submitted, int ToCollect, int Cancelled)> PresentAsync(DateOnly today, CancellationToken ct)
    {
        var due = await db.SepaDebits.Where(d => d.Status == SepaDebitStatus.Announced && d.DueOn <= today).OrderBy(d => d.DueOn).ToListAsync(ct);
        int submitted = 0, toCollect = 0, cancelled = 0;
        foreach (var debit in due)
        {
            var paid = await db.InvoiceInstalments.AnyAsync(s => s.Id == debit.InstalmentId && s.PaidOn != null, ct);
            var mandate = await db.SepaMandates.AsNoTracking()
                .FirstOrDefaultAsync(m => m.CompanyId == debit.CompanyId && m.Status == SepaMandateStatus.Active, ct);
            if (paid || mandate is null)
            {
                debit.Status = SepaDebitStatus.Cancelled;
                cancelled++;
            }
            else if (!gateway.IsConfigured || mandate.ProviderPaymentMethodId is null || mandate.ProviderCustomerId is null)
            {
                // No payment provider: the service collects it itself (its own SEPA file, out of the platform's scope).
                debit.Status = SepaDebitStatus.ToCollect;
                toCollect++;
            }
            else
            {
                var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == debit.InvoiceId).Select(i => i.Number).SingleAsync(ct);
                try
                {
                    debit.ProviderPaymentId = await gateway.DebitAsync(new SepaDebitRequest(debit.Id, debit.InvoiceId, debit.InstalmentId, mandate.ProviderCustomerId, mandate.ProviderPaymentMethodId,
                        debit.Amount, $"Facture {invoice}", mandate.Reference), ct);
                    debit.Status = SepaDebitStatus.Submitted;
                    debit.SubmittedAt = time.GetUtcNow();
                    // The Stripe webhook settles the instalment through this row (paid, or unpaid again and the billing contacts told).
                    db.Payments.Add(new Payment
                    {
                        CompanyId = debit.CompanyId, InvoiceId = debit.InvoiceId, InstalmentId = debit.InstalmentId, Method = Platform.Tenancy.Rules.PaymentMethod.SepaDebit,
                        Amount = debit.Amount, PaymentIntentId = debit.ProviderPaymentId, CreatedAt = debit.SubmittedAt.Value,
                    });
                    submitted++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Left announced: the next round presents it again (the provider call is idempotent per debit).
                    log.LogWarning("SEPA debit {DebitId} not presented ({Error}); retried next round", debit.Id, e.GetType().Name);
                    continue;
                }
            }
            // Saved one by one: a crash half-way leaves each presented debit recorded as such.
            await db.SaveChangesAsync(ct);
        }
        return (submitted, toCollect, cancelled);
    }
}
