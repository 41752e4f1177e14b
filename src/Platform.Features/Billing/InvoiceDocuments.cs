using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Billing;

public sealed record InvoiceFile(byte[] Content, string FileName);

/// <summary>
/// The PDF of an invoice (GET /api/invoices/{id}/pdf): for whoever may see the company's invoices, rendered
/// on first demand and kept. An issued invoice never changes; only its schedule's payments move, so the
/// stored PDF is the one of the invoice's payment state and is drawn again only when a payment arrived.
/// </summary>
public sealed class InvoiceDocuments(PlatformDbContext db, InvoiceService invoices, ITenantContext tenantContext, TenantRulesCache rulesCache, TimeProvider time)
{
    /// <summary>The PDF, or null when the invoice does not exist or the caller may not see it.</summary>
    public async Task<InvoiceFile?> PdfAsync(Guid id, CancellationToken ct = default)
    {
        var invoice = await invoices.GetAsync(id, ct);
        if (invoice is null) return null;
        var state = StateOf(invoice);
        var fileName = $"{(invoice.Kind == InvoiceKind.CreditNote ? "avoir" : "facture")}-{invoice.Number}.pdf";
        var cached = await db.InvoicePdfs.SingleOrDefaultAsync(p => p.InvoiceId == id, ct);
        if (cached is not null && cached.State == state) return new InvoiceFile(cached.Content, fileName);

        var content = InvoicePdfRenderer.Render(await ModelAsync(invoice, ct));
        if (cached is not null) db.InvoicePdfs.Remove(cached);
        db.InvoicePdfs.Add(new InvoicePdf { InvoiceId = id, Content = content, State = state, RenderedAt = time.GetUtcNow() });
        try { await db.SaveChangesAsync(ct); }
        // Two first downloads at once: the other one stored the same drawing.
        catch (DbUpdateException) { db.ChangeTracker.Clear(); }
        return new InvoiceFile(content, fileName);
    }

    /// <summary>What the drawing depends on besides the invoice itself: which instalments are paid, and when.</summary>
    private static string StateOf(InvoiceView invoice) =>
        string.Join(",", invoice.Instalments.Select(s => s.PaidOn?.ToString("yyyyMMdd") ?? "-"));

    private async Task<InvoicePdfModel> ModelAsync(InvoiceView invoice, CancellationToken ct)
    {
        var rules = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules;
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == invoice.CompanyId, ct);
        var lines = await db.InvoiceLines.AsNoTracking().Where(l => l.InvoiceId == invoice.Id).OrderBy(l => l.Position).ToListAsync(ct);
        if (lines.Count == 0)
            lines = [new InvoiceLine { InvoiceId = invoice.Id, Position = 1, Label = invoice.Label, Quantity = 1, UnitPrice = invoice.TotalExclTax, Amount = invoice.TotalExclTax }];
        var correctsId = await db.Invoices.AsNoTracking().Where(i => i.Id == invoice.Id).Select(i => i.CorrectsInvoiceId).SingleAsync(ct);
        var corrected = correctsId is { } cid ? await db.Invoices.AsNoTracking().Where(i => i.Id == cid).Select(i => i.Number).SingleOrDefaultAsync(ct) : null;
        return new InvoicePdfModel(rules, company.Name, company.MemberNumber, company.Siret, company.BillingAddress ?? company.MainAddress, invoice, lines, corrected);
    }
}
