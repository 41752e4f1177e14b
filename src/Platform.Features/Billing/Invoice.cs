using Platform.Tenancy.Isolation;

namespace Platform.Features.Billing;

public enum InvoiceKind { Invoice, CreditNote }

/// <summary>
/// An invoice or a credit note of a member company (SPEC.md 3.8). Issued once and never changed
/// afterwards: a credit note corrects it (DESIGN.md 5). Only its instalments' payments move.
/// </summary>
public sealed class Invoice : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    /// <summary>Position in the tenant's one numbering, without gaps (invoices and credit notes alike).</summary>
    public required long Sequence { get; init; }
    public required string Number { get; init; }
    public required InvoiceKind Kind { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required DateOnly DueOn { get; init; }
    public required string Label { get; init; }
    /// <summary>Euros; negative on a credit note.</summary>
    public required decimal TotalExclTax { get; init; }
    public required decimal Vat { get; init; }
    public required decimal TotalInclTax { get; init; }
    /// <summary>The invoice a credit note corrects.</summary>
    public Guid? CorrectsInvoiceId { get; init; }
    /// <summary>The VAT rate applied, in percent.</summary>
    public decimal VatPercent { get; init; }
    /// <summary>
    /// What a billing run bills with it, unique per company (e.g. "contribution:2026", "contribution:2026-T4",
    /// "entry-fee", "visit:{request}"): a run started twice, or resumed after a crash, never bills it again.
    /// Null for invoices issued by hand and for credit notes.
    /// </summary>
    public string? BillingKey { get; init; }
}

/// <summary>One line of an invoice: what is billed, how many, at what unit price (excluding VAT).</summary>
public sealed class InvoiceLine : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid InvoiceId { get; init; }
    public required int Position { get; init; }
    public required string Label { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal UnitPrice { get; init; }
    public required decimal Amount { get; init; }
}

/// <summary>An issued invoice's PDF, rendered on first download and kept: an issued invoice never changes (only the payments of its schedule do).</summary>
public sealed class InvoicePdf : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid InvoiceId { get; init; }
    public required byte[] Content { get; init; }
    /// <summary>The payment state drawn (paid dates of the instalments): a payment makes the next download draw it again.</summary>
    public required string State { get; init; }
    public required DateTimeOffset RenderedAt { get; init; }
}

/// <summary>One due date of an invoice's schedule (échéancier); the instalments sum to the invoice's total.</summary>
public sealed class InvoiceInstalment : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid InvoiceId { get; init; }
    public required int Position { get; init; }
    public required DateOnly DueOn { get; init; }
    public required decimal Amount { get; init; }
    public DateOnly? PaidOn { get; set; }
}

/// <summary>The last number the tenant gave; one row per tenant, moved forward in the same transaction as the invoice it numbers.</summary>
public sealed class InvoiceCounter : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public long Last { get; set; }
}
