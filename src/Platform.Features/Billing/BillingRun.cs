using Platform.Tenancy.Isolation;

namespace Platform.Features.Billing;

/// <summary>What a billing run bills: the contribution of a period (with new members' entry fees), or a month of visits of temp-worker accounts.</summary>
public enum BillingRunKind { Contribution, Visits }

/// <summary>
/// One billing run of a tenant for one period (unique): when it started, whether it finished, what it
/// issued. A run that stopped half-way (crash, restart) is started again and issues only what is missing:
/// each invoice carries its billing key, unique per company.
/// </summary>
public sealed class BillingRun : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required BillingRunKind Kind { get; init; }
    public required string Period { get; init; }
    public required DateTimeOffset StartedAt { get; set; }
    public Guid? StartedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Invoices issued by this run, over all its attempts.</summary>
    public int Issued { get; set; }
    /// <summary>Their total including VAT.</summary>
    public decimal Total { get; set; }
    public int Attempts { get; set; }
}
