using Platform.Features.Regulation;
using Platform.Features.Visits;
using Platform.Tenancy.Isolation;

namespace Platform.Features.DueVisits;

/// <summary>
/// A visit an employee had: the due rules start from the last one of each kind. Staff enter past visits
/// for history (<see cref="FollowUpHistoryService"/>); when appointments are held, they add a row here
/// with <see cref="Source"/> "appointment" and their id in <see cref="AppointmentId"/> — nothing else to change:
/// the nightly refresh reads this table only.
/// </summary>
public sealed class HeldVisit : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required Guid EmployeeId { get; init; }
    public required HeldVisitKind Kind { get; init; }
    public required DateOnly HeldOn { get; init; }
    /// <summary>"history" (entered by staff) or "appointment" (an appointment held).</summary>
    public string Source { get; init; } = HeldVisitSources.History;
    public Guid? AppointmentId { get; init; }
    public Guid? RecordedByUserId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

public static class HeldVisitSources
{
    public const string History = "history";
    public const string Appointment = "appointment";
}

/// <summary>An absence after which a return-to-work visit may be due (R4624-31): entered by the employer or staff.</summary>
public sealed class EmployeeAbsence : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required Guid EmployeeId { get; init; }
    public required AbsenceNature Nature { get; init; }
    public required DateOnly FirstDay { get; init; }
    /// <summary>The first day back at work.</summary>
    public required DateOnly ReturnOn { get; init; }
    public Guid? RecordedByUserId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// A visit due or overdue for an employee, as the nightly refresh found it: the « Salariés à convoquer »
/// list reads this table in one indexed query. <see cref="NotifiedAt"/> is set once the company's digest
/// named it, so a second run the same night sends nothing again.
/// </summary>
public sealed class DueVisitEntry : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required Guid EmployeeId { get; init; }
    public required DueVisitKind Kind { get; init; }
    public required VisitType Type { get; init; }
    public required DateOnly DueFrom { get; init; }
    public required DateOnly DueBy { get; init; }
    public required string RuleCode { get; init; }
    /// <summary>The day the refresh first listed it.</summary>
    public required DateOnly ListedOn { get; init; }
    public DateTimeOffset? NotifiedAt { get; set; }
    /// <summary>The visit request created for it on tenants whose visits follow the periodicity (sist-on).</summary>
    public Guid? VisitRequestId { get; set; }
}
