using Platform.Tenancy.Isolation;

namespace Platform.Features.Employees;

/// <summary>An employee (salarié) of a company. The NIR/INS is kept only encrypted (<see cref="EmployeeNir"/>).</summary>
public sealed class Employee : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    /// <summary>Madame or Monsieur.</summary>
    public required string Civility { get; set; }
    public required string FirstName { get; set; }
    public required string BirthName { get; set; }
    public string? MarriedName { get; set; }
    public required DateOnly BirthDate { get; set; }
    /// <summary>The NIR encrypted with the tenant's data-protection purpose; null when not given.</summary>
    public string? ProtectedNir { get; set; }
    /// <summary>What lists show of it ("1 85 05 •• ••• ••• ••": sex and month of birth, already known): no decryption to list.</summary>
    public string? MaskedNir { get; set; }
    /// <summary>The contract in force (CDI, CDD, Intérim…).</summary>
    public required string Contract { get; set; }
    /// <summary>Start of the contract in force; never changes once entered.</summary>
    public required DateOnly StartDate { get; set; }
    /// <summary>Contract end date (exit); never changes once entered.</summary>
    public DateOnly? EndDate { get; set; }
    /// <summary>Denormalised from the open career entry, for the list, its filters and the check.</summary>
    public Guid? CurrentWorkstationId { get; set; }
    /// <summary>The follow-up the employer declared, checked against the workstation's risks by "vérifier la liste".</summary>
    public Platform.Features.Regulation.FollowUpCategory? DeclaredFollowUp { get; set; }
    /// <summary>The situations the employer declared (RQTH, invalidity pension, pregnancy, night worker): adapted follow-up.</summary>
    public Platform.Features.Regulation.EmployeeSituations Situations { get; set; }
    /// <summary>The day they retire, when the employer knows it: the end-of-career visit of those who were exposed.</summary>
    public DateOnly? RetirementDate { get; set; }
    /// <summary>The last day of their exposure to particular risks (SIR), once it ended: the post-exposure visit.</summary>
    public DateOnly? ExposureEndedOn { get; set; }
    public DateTimeOffset? ValidatedAt { get; set; }
    public Guid? ValidatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>"BIRTHNAME FIRSTNAME" upper-case without accents: the list's order, keyset and name search.</summary>
    public string SortName { get; set; } = "";
}

/// <summary>One line of an employee's career: a workstation held under a contract between two dates.</summary>
public sealed class CareerEntry : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid EmployeeId { get; init; }
    public required Guid WorkstationId { get; init; }
    public required string Contract { get; init; }
    public required DateOnly StartDate { get; init; }
    /// <summary>Set once when the workstation is left; an open entry cannot be edited, only closed.</summary>
    public DateOnly? EndDate { get; set; }
}
