using Platform.Features.Regulation;
using Platform.Features.Workstations;

namespace Platform.Features.Employees;

/// <summary>An employee as lists and forms show it. The INS only masked: the clear value never leaves the form that typed it.</summary>
public sealed record EmployeeView(
    Guid Id, Guid CompanyId, string Civility, string FirstName, string BirthName, string? MarriedName, DateOnly BirthDate,
    string? MaskedIns, string Contract, DateOnly StartDate, DateOnly? EndDate, bool Validated, WorkstationView? CurrentWorkstation,
    FollowUpCategory? DeclaredFollowUp, bool Active)
{
    /// <summary>
    /// The follow-up the workstation's risks call for (the declared one when there is no workstation), raised to adapted
    /// follow-up (SIA) by a declared situation: the strongest wins (SPEC.md 4.1).
    /// </summary>
    public FollowUpCategory? FollowUp => Situations == EmployeeSituations.None
        ? CurrentWorkstation?.FollowUp ?? DeclaredFollowUp
        : (CurrentWorkstation?.FollowUp ?? DeclaredFollowUp) is { } c && c > FollowUpCategory.SIA ? c : FollowUpCategory.SIA;

    /// <summary>The situations the employer declared (under 18 is not among them: it follows from the birth date).</summary>
    public EmployeeSituations Situations { get; init; }
    public DateOnly? RetirementDate { get; init; }
    public DateOnly? ExposureEndedOn { get; init; }

    public string DisplayName => MarriedName is null ? $"{BirthName} {FirstName}" : $"{MarriedName} {FirstName} ({(Civility == EmployeeRules.Madame ? "née" : "né")} {BirthName})";
}

/// <summary>One line of a career: the workstation, the contract and the dates.</summary>
public sealed record CareerEntryView(Guid Id, WorkstationView Workstation, string Contract, DateOnly StartDate, DateOnly? EndDate);

/// <summary>The list's filters (SPEC.md 3.4, seed 003): active by default, name search, workstation, initial letter, sex.</summary>
public sealed record EmployeeFilter(bool ActiveOnly = true, string? Search = null, Guid? WorkstationId = null, char? Initial = null, string? Sex = null);

/// <summary>Why the "check the list" action shows an employee.</summary>
public enum EmployeeProblem { NoWorkstation, FollowUpMismatch }

public sealed record EmployeeCheck(EmployeeView Employee, EmployeeProblem Problem, string Message);
