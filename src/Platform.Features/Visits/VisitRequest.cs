using Platform.Tenancy.Isolation;

namespace Platform.Features.Visits;

/// <summary>The visit types of seed 001 (contract: VisitType).</summary>
public enum VisitType { Hiring, Periodic, MidCareer, ReturnToWork, EndOfCareer, Occasional, PostExposure }

public enum VisitRequestState { Pending, Accepted, Refused, Cancelled }

/// <summary>An employer's request for a medical visit of one employee, until staff turn it into an appointment (SPEC.md 3.5).</summary>
public sealed class VisitRequest : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required Guid EmployeeId { get; init; }
    public required VisitType Type { get; init; }
    public VisitRequestState State { get; set; } = VisitRequestState.Pending;
    public required DateTimeOffset RequestedAt { get; init; }
    public Guid? RequestedByUserId { get; init; }
    /// <summary>Situation flags of seed 001 (<see cref="VisitRules.Situations"/>).</summary>
    public List<string> Situations { get; init; } = [];
    public string? Comment { get; init; }
    public string? InterpreterLanguage { get; init; }
    /// <summary>
    /// On a temp agency's temp-worker account (NNN.1.x), the company the temp worker is placed with
    /// (seed 000: « il vous sera demandé le nom de l'entreprise utilisatrice »). With the employee, the
    /// type and the date requested, it is what the per-visit invoice of such accounts names.
    /// </summary>
    public string? UserCompanyName { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Why it was cancelled or refused, for the employer's list.</summary>
    public string? ClosingReason { get; set; }
    /// <summary>Staff refused it (state Refused), with the reason the employer reads.</summary>
    public DateTimeOffset? RefusedAt { get; set; }
    public string? RefusalReason { get; set; }
    /// <summary>The appointment staff made from it (state Accepted).</summary>
    public Guid? AppointmentId { get; set; }
}

public sealed record VisitRequestView(
    Guid Id, Guid CompanyId, Guid EmployeeId, VisitType Type, VisitRequestState State, DateTimeOffset RequestedAt,
    IReadOnlyList<string> Situations, string? Comment, string? InterpreterLanguage, string? ClosingReason, string? UserCompanyName = null)
{
    public DateTimeOffset? RefusedAt { get; init; }
    public string? RefusalReason { get; init; }
    public Guid? AppointmentId { get; init; }

    public static VisitRequestView Of(VisitRequest r) =>
        new(r.Id, r.CompanyId, r.EmployeeId, r.Type, r.State, r.RequestedAt, r.Situations, r.Comment, r.InterpreterLanguage, r.ClosingReason, r.UserCompanyName)
        {
            RefusedAt = r.RefusedAt, RefusalReason = r.RefusalReason, AppointmentId = r.AppointmentId,
        };
}
