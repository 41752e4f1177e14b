using Platform.Tenancy.Isolation;
using Platform.Tenancy.Rules;

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
    /// <summary>Employees present on 31/12 of the year before, apprentices apart (<see cref="Headcount"/>).</summary>
    public int Headcount { get; set; }
    public int Apprentices { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? EditableUntil { get; set; }
    /// <summary>Where a wizard left half-way resumes; null once submitted.</summary>
    public DeclarationStep? Step { get; set; }
    /// <summary>The answer to "did you employ staff at the end of the year before?"; false went with a suspension or removal request.</summary>
    public bool? HadStaff { get; set; }
    public Guid? SituationRequestId { get; set; }
    /// <summary>Chosen in the estimate where the tenant asks for it (sstbtp-bfc).</summary>
    public PaymentMethod? PaymentMethod { get; set; }
    /// <summary>Follow-up determinants present in the company (seed 003's list) and the company's own.</summary>
    public List<string> Determinants { get; set; } = [];
    public List<string> OwnDeterminants { get; set; } = [];
    /// <summary>The electronic signature: who certified the declaration (seed 003).</summary>
    public string? SignatoryName { get; set; }
    public string? SignatoryEmail { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public Guid? ConfirmedByUserId { get; set; }
    /// <summary>The contribution invoice issued when staff confirmed it.</summary>
    public Guid? InvoiceId { get; set; }
}

public sealed record DeclarationView(Guid? Id, Guid CompanyId, int Year, DeclarationStatus Status, int Headcount, DateTimeOffset? SubmittedAt, DateTimeOffset? EditableUntil)
{
    public bool Filed => Declaration.FiledStatuses.Contains(Status);
    public int Apprentices { get; init; }
    public DeclarationStep? Step { get; init; }
    public bool? HadStaff { get; init; }
    public PaymentMethod? PaymentMethod { get; init; }
    public IReadOnlyList<string> Determinants { get; init; } = [];
    public IReadOnlyList<string> OwnDeterminants { get; init; } = [];
    public string? SignatoryName { get; init; }
    public string? SignatoryEmail { get; init; }
    /// <summary>The estimate from the declared figures and the year's rates; null until figures exist.</summary>
    public Estimate? Estimate { get; init; }
    /// <summary>The member can open it in the wizard now (to fill, in progress, or within the edit window).</summary>
    public bool Editable { get; init; }
    public DeclarationPeriod? Period { get; init; }
    public Guid? InvoiceId { get; init; }
}
