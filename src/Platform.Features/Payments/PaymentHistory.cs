using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Persistence;
using Platform.Tenancy.Rules;

namespace Platform.Features.Payments;

public sealed record PaymentView(Guid Id, Guid InvoiceId, Guid InstalmentId, DateOnly InstalmentDueOn, decimal Amount, PaymentMethod Method,
    PaymentStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? SettledAt, DateTimeOffset? RefundedAt = null);

/// <summary>An online payment received for an instalment already paid: the service owes it back.</summary>
public sealed record OverpaymentView(Guid PaymentId, Guid CompanyId, string MemberNumber, string CompanyName, Guid InvoiceId, string InvoiceNumber,
    DateOnly InstalmentDueOn, decimal Amount, PaymentMethod Method, DateTimeOffset? ReceivedAt);

/// <summary>The online payments of invoices, as members and the API see them (confirmed and refused; a checkout left half-way is not one).</summary>
public sealed class PaymentHistory(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser)
{
    /// <summary>Billing staff: the overpayments to refund (a second checkout, debit or transfer of an instalment already paid), oldest first.</summary>
    public async Task<IReadOnlyList<OverpaymentView>> ToRefundAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await (from p in db.Payments.AsNoTracking()
                          join s in db.InvoiceInstalments on p.InstalmentId equals s.Id
                          join i in db.Invoices on p.InvoiceId equals i.Id
                          join c in db.Companies on p.CompanyId equals c.Id
                          where p.Status == PaymentStatus.ToRefund
                          orderby p.Id
                          select new OverpaymentView(p.Id, c.Id, c.MemberNumber, c.Name, i.Id, i.Number, s.DueOn, p.Amount, p.Method, p.SettledAt))
            .Take(500).ToListAsync(ct);
        return rows;
    }

    public async Task<IReadOnlyList<PaymentView>> ForInvoicesAsync(IReadOnlyCollection<Guid> invoiceIds, CancellationToken ct = default)
    {
        var rows = await (from p in db.Payments.AsNoTracking()
                          join s in db.InvoiceInstalments on p.InstalmentId equals s.Id
                          where invoiceIds.Contains(p.InvoiceId) && p.Status != PaymentStatus.Pending
                          select new { p, s.DueOn }).ToListAsync(ct);
        var visible = new List<PaymentView>();
        foreach (var company in rows.Select(r => r.p.CompanyId).Distinct().ToList())
            if (await access.HasAsync(company, Permission.ViewInvoices, ct))
                visible.AddRange(rows.Where(r => r.p.CompanyId == company).Select(r => new PaymentView(r.p.Id, r.p.InvoiceId, r.p.InstalmentId, r.DueOn, r.p.Amount,
                    r.p.Method, r.p.Status, r.p.CreatedAt, r.p.SettledAt, r.p.RefundedAt)));
        return visible.OrderBy(v => v.CreatedAt).ToList();
    }
}
