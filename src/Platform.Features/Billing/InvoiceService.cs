using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;

namespace Platform.Features.Billing;

public enum InvoiceStatus { ToPay, Paid, CreditNote }

public sealed record InstalmentView(DateOnly DueOn, decimal Amount, DateOnly? PaidOn, Guid Id = default)
{
    public bool Paid => PaidOn is not null;
}

public sealed record InvoiceView(
    Guid Id, Guid CompanyId, string Number, InvoiceKind Kind, DateOnly IssuedOn, DateOnly DueOn, string Label,
    decimal TotalExclTax, decimal Vat, decimal TotalInclTax, IReadOnlyList<InstalmentView> Instalments, decimal VatPercent = 0)
{
    /// <summary>A credit note settles nothing to pay; an invoice is paid once every instalment is.</summary>
    public bool Paid => Kind == InvoiceKind.CreditNote || Instalments.All(i => i.Paid);
    public decimal Balance => Kind == InvoiceKind.CreditNote ? 0 : Instalments.Where(i => !i.Paid).Sum(i => i.Amount);
}

/// <summary>What the service bills: amounts before VAT, the VAT rate, and the due date of each instalment.</summary>
public sealed record InvoiceDraft(Guid CompanyId, string Label, DateOnly IssuedOn, decimal TotalExclTax, decimal VatPercent, IReadOnlyList<DateOnly> InstalmentDueDates)
{
    public InvoiceKind Kind { get; init; } = InvoiceKind.Invoice;
    public Guid? CorrectsInvoiceId { get; init; }
    /// <summary>See <see cref="Invoice.BillingKey"/>: set by billing runs, unique per company.</summary>
    public string? BillingKey { get; init; }
    /// <summary>The lines (amounts excluding VAT) summing to the total; one line of the label when absent.</summary>
    public IReadOnlyList<InvoiceLineDraft>? Lines { get; init; }
    /// <summary>
    /// Other billing keys covering what this invoice bills: the company having an invoice with one of them means it is billed
    /// already. A declaration's year invoice ("contribution:2027") covers the year's quarters or months, and the reverse.
    /// </summary>
    public IReadOnlyList<string> Overlaps { get; init; } = [];
}

public sealed record InvoiceLineDraft(string Label, decimal Quantity, decimal UnitPrice)
{
    public decimal Amount => Money.Round(Quantity * UnitPrice);
}

/// <summary>
/// Invoices and credit notes of member companies (SPEC.md 3.8): the list members see with its filters,
/// issuing with the tenant's gapless numbering, payments of instalments, and the open count per company.
/// </summary>
public sealed class InvoiceService(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, TimeProvider time)
{
    public const int MaxInstalments = 12;
    /// <summary>The error code of an invoice whose billing key (or one it overlaps) the company has already.</summary>
    public const string AlreadyBilled = "ALREADY_BILLED";

    /// <param name="number">Part of the number searched (« Rechercher une pièce par son numéro », seeds 000 and 001), any case.</param>
    public async Task<Page<InvoiceView>> ListAsync(Guid companyId, InvoiceStatus? status, int? year, int? first, string? after, string? number = null, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewInvoices, ct);
        var size = KeysetCursor.PageSize(first);
        var query = db.Invoices.AsNoTracking().Where(i => i.CompanyId == companyId);
        var unpaid = db.InvoiceInstalments.Where(s => s.PaidOn == null);
        query = status switch
        {
            InvoiceStatus.CreditNote => query.Where(i => i.Kind == InvoiceKind.CreditNote),
            InvoiceStatus.ToPay => query.Where(i => i.Kind == InvoiceKind.Invoice && unpaid.Any(s => s.InvoiceId == i.Id)),
            InvoiceStatus.Paid => query.Where(i => i.Kind == InvoiceKind.Invoice && !unpaid.Any(s => s.InvoiceId == i.Id)),
            _ => query,
        };
        if (year is { } y and >= 2000 and <= 2100)
        {
            var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1));
            query = query.Where(i => i.IssuedOn >= from && i.IssuedOn < to);
        }
        if (!string.IsNullOrWhiteSpace(number))
        {
            // Numbers are upper-case letters and digits (FA2026-000123): the search is too, whatever was typed.
            var part = number.Trim().ToUpperInvariant();
            query = query.Where(i => i.Number.Contains(part));
        }
        var total = await query.CountAsync(ct);
        // Newest first: the numbering follows the issue order, so the sequence is the sort key.
        if (KeysetCursor.Decode(after) is var (key, _) && long.TryParse(key, out var sequence))
            query = query.Where(i => i.Sequence < sequence);
        var rows = await query.OrderByDescending(i => i.Sequence).Take(size + 1).ToListAsync(ct);
        var sequences = rows.ToDictionary(r => r.Id, r => r.Sequence);
        return KeysetCursor.ToPage(await ViewsAsync(rows, ct), size, total, v => KeysetCursor.Encode(sequences[v.Id].ToString(), v.Id));
    }

    /// <summary>An invoice of a company the caller may see the invoices of, or null.</summary>
    public async Task<InvoiceView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null || !await access.HasAsync(invoice.CompanyId, Permission.ViewInvoices, ct)) return null;
        return (await ViewsAsync([invoice], ct))[0];
    }

    /// <summary>The years the company has invoices in, newest first (the year filter of the invoices page).</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewInvoices, ct);
        var days = await db.Invoices.AsNoTracking().Where(i => i.CompanyId == companyId).Select(i => i.IssuedOn).Distinct().ToListAsync(ct);
        return days.Select(d => d.Year).Distinct().OrderDescending().ToList();
    }

    /// <summary>How many invoices each company still has to pay (the accountant's view).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> OpenCountsAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct = default) =>
        await db.Invoices.Where(i => companyIds.Contains(i.CompanyId) && i.Kind == InvoiceKind.Invoice
                                     && db.InvoiceInstalments.Any(s => s.InvoiceId == i.Id && s.PaidOn == null))
            .GroupBy(i => i.CompanyId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>What each company still owes: its invoices' unpaid instalments, which payments settle (the accountant's view).</summary>
    public async Task<IReadOnlyDictionary<Guid, decimal>> OpenAmountsAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct = default)
    {
        // Summed here: SQLite cannot add decimals in SQL.
        var rows = await (from s in db.InvoiceInstalments
                          join i in db.Invoices on s.InvoiceId equals i.Id
                          where companyIds.Contains(i.CompanyId) && i.Kind == InvoiceKind.Invoice && s.PaidOn == null
                          select new { i.CompanyId, s.Amount }).ToListAsync(ct);
        return rows.GroupBy(r => r.CompanyId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
    }

    /// <summary>
    /// Issues an invoice or a credit note: the VAT and the total to the cent, the total split over the
    /// instalments, the tenant's next number. Called by the service's billing, never by members; it
    /// saves at once, in one transaction with the number it takes. With a billing key, it issues nothing
    /// (<see cref="AlreadyBilled"/>) when the company has that key or one it overlaps, checked under the number's lock.
    /// </summary>
    public async Task<Outcome<InvoiceView>> IssueAsync(InvoiceDraft draft, CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        var errors = await CheckAsync(draft, ct);
        if (errors.Count > 0) return Outcome<InvoiceView>.Fail(errors);
        var sign = draft.Kind == InvoiceKind.CreditNote ? -1 : 1;
        var exclTax = sign * Money.Round(draft.TotalExclTax);
        var vat = sign * Money.Round(Money.Round(draft.TotalExclTax) * draft.VatPercent / 100m);
        var dueDates = draft.InstalmentDueDates.Order().ToList();
        var amounts = Money.Split(exclTax + vat, dueDates.Count);
        for (var attempt = 1; ; attempt++)
        {
            // The number is taken by an atomic increment of the tenant's counter inside the invoice's own
            // transaction: a concurrent issue waits on that row until this one commits or rolls back, so
            // numbers never repeat and a failure leaves no gap.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var sequence = await NextNumberAsync(ct);
                // Under the counter's lock: a concurrent run or confirmation that billed the same period has committed by now.
                if (draft.BillingKey is { } billingKey)
                {
                    var keys = draft.Overlaps.Append(billingKey).ToList();
                    if (await db.Invoices.AnyAsync(i => i.CompanyId == draft.CompanyId && i.BillingKey != null && keys.Contains(i.BillingKey), ct))
                    {
                        await transaction.RollbackAsync(ct);
                        return new UserError(AlreadyBilled, "Cette période est déjà facturée à cette entreprise.", "billingKey");
                    }
                }
                var invoice = new Invoice
                {
                    CompanyId = draft.CompanyId, Sequence = sequence, Number = NumberOf(draft.Kind, draft.IssuedOn, sequence),
                    Kind = draft.Kind, IssuedOn = draft.IssuedOn, DueOn = dueDates[^1], Label = draft.Label.Trim(),
                    TotalExclTax = exclTax, Vat = vat, TotalInclTax = exclTax + vat, CorrectsInvoiceId = draft.CorrectsInvoiceId,
                    VatPercent = draft.VatPercent, BillingKey = draft.BillingKey,
                };
                db.Invoices.Add(invoice);
                db.InvoiceLines.AddRange(LinesOf(draft, invoice.Id, sign));
                db.InvoiceInstalments.AddRange(dueDates.Select((due, n) => new InvoiceInstalment
                {
                    InvoiceId = invoice.Id, Position = n + 1, DueOn = due, Amount = amounts[n],
                    // A credit note has nothing to collect.
                    PaidOn = draft.Kind == InvoiceKind.CreditNote ? draft.IssuedOn : null,
                }));
                db.AuditEntries.Record(time, currentUser.UserId, draft.Kind == InvoiceKind.Invoice ? "invoice.issued" : "credit-note.issued", "Invoice", invoice.Id,
                    $$"""{"number":"{{invoice.Number}}"}""");
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return Outcome<InvoiceView>.Ok((await ViewsAsync([invoice], ct))[0]);
            }
            // Only the tenant's very first invoice can collide: two issues creating the counter row at once.
            catch (DbUpdateException) when (attempt < 3)
            {
                await transaction.RollbackAsync(ct);
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
                    entry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>Moves the tenant's counter forward by one and returns the new value; creates it at the first invoice.</summary>
    private async Task<long> NextNumberAsync(CancellationToken ct) => await TakeNumbersAsync(1, ct);

    /// <summary>Moves the tenant's counter forward by <paramref name="count"/> and returns its new value; creates it at the first invoice.</summary>
    private async Task<long> TakeNumbersAsync(int count, CancellationToken ct)
    {
        // The tenant filter applies to the bulk update too: only this tenant's row moves.
        if (await db.InvoiceCounters.ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + count), ct) == 0)
        {
            db.InvoiceCounters.Add(new InvoiceCounter { Last = count });
            await db.SaveChangesAsync(ct);
            return count;
        }
        return await db.InvoiceCounters.AsNoTracking().Select(c => c.Last).SingleAsync(ct);
    }

    /// <summary>
    /// Issues the invoices of one batch of a billing run in one transaction: those whose billing key the
    /// company already has are skipped (a rerun, a resumed run, a concurrent one), the others take
    /// consecutive numbers. <paramref name="alongside"/> writes what goes with them (their e-mails, the
    /// declarations they invoice) in the same transaction. The drafts are the run's own, computed from the tenant's rules: no member input.
    /// The rows are written with multi-row inserts (thousands per batch), nothing is tracked.
    /// </summary>
    public async Task<IReadOnlyList<Invoice>> IssueBatchAsync(IReadOnlyList<InvoiceDraft> drafts,
        Func<IReadOnlyList<Invoice>, CancellationToken, Task>? alongside = null, CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        if (drafts.Any(d => d.BillingKey is null || d.Kind != InvoiceKind.Invoice || d.TotalExclTax <= 0 || d.InstalmentDueDates.Count is < 1 or > MaxInstalments))
            throw new ArgumentException("A billing run issues invoices with a billing key, a positive amount and 1 to 12 due dates.", nameof(drafts));
        if (drafts.Count == 0) return [];
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // Lock the tenant's counter first: a concurrent batch waits here until this one commits, and
                // then sees its invoices when it looks for the keys already billed.
                if (await db.InvoiceCounters.ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last), ct) == 0)
                {
                    db.InvoiceCounters.Add(new InvoiceCounter { Last = 0 });
                    await db.SaveChangesAsync(ct);
                }
                var companyIds = drafts.Select(d => d.CompanyId).Distinct().ToList();
                var keys = drafts.SelectMany(d => d.Overlaps.Append(d.BillingKey!)).Distinct().ToList();
                var billed = (await db.Invoices.Where(i => companyIds.Contains(i.CompanyId) && i.BillingKey != null && keys.Contains(i.BillingKey))
                    .Select(i => new { i.CompanyId, i.BillingKey }).ToListAsync(ct)).Select(i => (i.CompanyId, i.BillingKey!)).ToHashSet();
                var fresh = drafts.Where(d => !d.Overlaps.Any(k => billed.Contains((d.CompanyId, k))) && billed.Add((d.CompanyId, d.BillingKey!))).ToList();
                if (fresh.Count == 0)
                {
                    await transaction.CommitAsync(ct);
                    return [];
                }
                var last = await TakeNumbersAsync(fresh.Count, ct);
                var issued = new List<Invoice>(fresh.Count);
                var lines = new List<InvoiceLine>(fresh.Count);
                var schedule = new List<InvoiceInstalment>(fresh.Count * 3);
                for (var n = 0; n < fresh.Count; n++)
                {
                    var draft = fresh[n];
                    var sequence = last - fresh.Count + 1 + n;
                    var exclTax = Money.Round(draft.TotalExclTax);
                    var vat = Money.Round(exclTax * draft.VatPercent / 100m);
                    var dueDates = draft.InstalmentDueDates.Order().ToList();
                    var invoice = new Invoice
                    {
                        CompanyId = draft.CompanyId, Sequence = sequence, Number = NumberOf(InvoiceKind.Invoice, draft.IssuedOn, sequence),
                        Kind = InvoiceKind.Invoice, IssuedOn = draft.IssuedOn, DueOn = dueDates[^1], Label = draft.Label.Trim(),
                        TotalExclTax = exclTax, Vat = vat, TotalInclTax = exclTax + vat, VatPercent = draft.VatPercent, BillingKey = draft.BillingKey,
                    };
                    issued.Add(invoice);
                    lines.AddRange(LinesOf(draft, invoice.Id, 1));
                    var amounts = Money.Split(exclTax + vat, dueDates.Count);
                    schedule.AddRange(dueDates.Select((due, k) => new InvoiceInstalment { InvoiceId = invoice.Id, Position = k + 1, DueOn = due, Amount = amounts[k] }));
                }
                // Parents before children (foreign keys), all in this transaction.
                await db.InsertAsync(issued, ct);
                await db.InsertAsync(lines, ct);
                await db.InsertAsync(schedule, ct);
                if (alongside is not null) await alongside(issued, ct);
                db.AuditEntries.Record(time, currentUser.UserId, "invoices.issued", "Invoice", issued[0].Id,
                    $$"""{"first":"{{issued[0].Number}}","last":"{{issued[^1].Number}}","count":{{issued.Count}}}""");
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return issued;
            }
            // Two first batches creating the counter at once, or a key billed meanwhile: take the batch again.
            catch (DbException) when (attempt < 3)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    private static IEnumerable<InvoiceLine> LinesOf(InvoiceDraft draft, Guid invoiceId, int sign) =>
        (draft.Lines ?? [new InvoiceLineDraft(draft.Label.Trim(), 1, Money.Round(draft.TotalExclTax))])
        .Select((l, n) => new InvoiceLine
        {
            InvoiceId = invoiceId, Position = n + 1, Label = l.Label, Quantity = l.Quantity, UnitPrice = sign * l.UnitPrice, Amount = sign * l.Amount,
        });

    /// <summary>Records the payment of the oldest unpaid instalment (card, debit or transfer received); the instalment it paid.</summary>
    public async Task<Outcome<InstalmentView>> RecordPaymentAsync(Guid invoiceId, DateOnly paidOn, CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        if (!await db.Invoices.AnyAsync(i => i.Id == invoiceId && i.Kind == InvoiceKind.Invoice, ct))
            return new UserError("NOT_FOUND", "Cette facture n'existe pas.", "invoiceId");
        var instalment = await db.InvoiceInstalments.Where(s => s.InvoiceId == invoiceId && s.PaidOn == null).OrderBy(s => s.Position).FirstOrDefaultAsync(ct);
        if (instalment is null) return new UserError("ALREADY_PAID", "Cette facture est déjà réglée.", "invoiceId");
        instalment.PaidOn = paidOn;
        db.AuditEntries.Record(time, currentUser.UserId, "invoice.instalment-paid", "Invoice", invoiceId, $$"""{"position":{{instalment.Position}}}""");
        await db.SaveChangesAsync(ct);
        return Outcome<InstalmentView>.Ok(new InstalmentView(instalment.DueOn, instalment.Amount, instalment.PaidOn, instalment.Id));
    }

    public static string NumberOf(InvoiceKind kind, DateOnly issuedOn, long sequence) =>
        $"{(kind == InvoiceKind.Invoice ? "FA" : "AV")}{issuedOn.Year}-{sequence:D6}";

    private async Task<List<UserError>> CheckAsync(InvoiceDraft draft, CancellationToken ct)
    {
        var errors = new List<UserError>();
        if (!await db.Companies.AnyAsync(c => c.Id == draft.CompanyId, ct)) errors.Add(new("NOT_FOUND", "Cette entreprise n'existe pas.", "companyId"));
        if (string.IsNullOrWhiteSpace(draft.Label) || draft.Label.Trim().Length > 200)
            errors.Add(new("INVALID_LABEL", "Le libellé est obligatoire (200 caractères au plus).", "label"));
        if (draft.TotalExclTax <= 0 || draft.TotalExclTax > 10_000_000m)
            errors.Add(new("INVALID_AMOUNT", "Le montant hors taxes doit être positif.", "totalExclTax"));
        if (draft.VatPercent is < 0 or > 100) errors.Add(new("INVALID_VAT", "Le taux de TVA doit être compris entre 0 et 100 %.", "vatPercent"));
        if (draft.InstalmentDueDates.Count is < 1 or > MaxInstalments)
            errors.Add(new("INVALID_INSTALMENTS", $"Un échéancier compte de 1 à {MaxInstalments} échéances.", "instalments"));
        else if (draft.InstalmentDueDates.Any(d => d < draft.IssuedOn))
            errors.Add(new("INVALID_DUE_DATE", "Une échéance ne peut pas précéder la date de la facture.", "instalments"));
        if (draft.Kind == InvoiceKind.CreditNote)
        {
            var corrected = draft.CorrectsInvoiceId is { } id ? await db.Invoices.SingleOrDefaultAsync(i => i.Id == id && i.Kind == InvoiceKind.Invoice, ct) : null;
            if (corrected is null || corrected.CompanyId != draft.CompanyId)
                errors.Add(new("NOT_FOUND", "Un avoir corrige une facture de la même entreprise.", "correctsInvoiceId"));
            else if (Money.Round(draft.TotalExclTax) > corrected.TotalExclTax)
                errors.Add(new("INVALID_AMOUNT", $"L'avoir ne peut dépasser la facture {corrected.Number} ({Money.Format(corrected.TotalExclTax)} HT).", "totalExclTax"));
        }
        return errors;
    }

    private async Task<IReadOnlyList<InvoiceView>> ViewsAsync(IReadOnlyList<Invoice> invoices, CancellationToken ct)
    {
        var ids = invoices.Select(i => i.Id).ToList();
        var instalments = (await db.InvoiceInstalments.AsNoTracking().Where(s => ids.Contains(s.InvoiceId)).ToListAsync(ct))
            .OrderBy(s => s.Position).ToLookup(s => s.InvoiceId);
        return invoices.Select(i => new InvoiceView(i.Id, i.CompanyId, i.Number, i.Kind, i.IssuedOn, i.DueOn, i.Label, i.TotalExclTax, i.Vat, i.TotalInclTax,
            instalments[i.Id].Select(s => new InstalmentView(s.DueOn, s.Amount, s.PaidOn, s.Id)).ToList(),
            // Invoices issued before the rate was stored: the rate their amounts imply.
            i.VatPercent != 0 || i.TotalExclTax == 0 ? i.VatPercent : Math.Round(i.Vat / i.TotalExclTax * 100m, 2))).ToList();
    }
}
