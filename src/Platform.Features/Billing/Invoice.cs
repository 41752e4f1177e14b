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
