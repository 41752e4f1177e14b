using Platform.Tenancy.Isolation;

namespace Platform.Features.Declarations;

/// <summary>Statuses of seed 003 (À saisir, En cours, Confirmée, Facturée, Non saisissable) and submission.</summary>
public enum DeclarationStatus { ToFill, InProgress, Submitted, Confirmed, Invoiced, NotOpen }

/// <summary>A company's annual headcount declaration for one year (SPEC.md 3.7).</summary>
public sealed class Declaration : ITenantOwned
{
    /// <summary>Filed: the service has it, whatever it did with it since.</summary>
    public static readonly DeclarationStatus[] FiledStatuses = [DeclarationStatus.Submitted, DeclarationStatus.Confirmed, DeclarationStatus.Invoiced];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required int Year { get; init; }
    public DeclarationStatus Status { get; set; } = DeclarationStatus.InProgress;
    public int Headcount { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? EditableUntil { get; set; }
}

public sealed record DeclarationView(Guid? Id, Guid CompanyId, int Year, DeclarationStatus Status, int Headcount, DateTimeOffset? SubmittedAt, DateTimeOffset? EditableUntil)
{
    public bool Filed => Declaration.FiledStatuses.Contains(Status);
}
