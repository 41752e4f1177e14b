using Platform.Features.Regulation;
using Platform.Features.Documents;
using Platform.Tenancy.Isolation;

namespace Platform.Features.Visits;

/// <summary>The visit types of seed 001 (contract: VisitType).</summary>
public enum VisitType { Hiring, Periodic, MidCareer, ReturnToWork, EndOfCareer, Occasional, PostExposure }

public enum VisitRequestState { Pending, Accepted, Refused, Cancelled }

// The absences after which a return-to-work visit is due: Regulation.AbsenceNature (SPEC.md 4.2, R4624-31).

/// <summary>Who asks for an occasional visit (seed 001).</summary>
public enum OccasionalRequester { Employer, Doctor, Employee }

/// <summary>The three reasons an employer ticks for an occasional visit (seed 001 counts three without naming them).</summary>
public enum EmployerVisitReason { CurrentJobCompatibility, JobChange, WorkstationDifficulties }

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
    /// <summary>« Autre exposition ? Préciser » (seed 001): required with OTHER_EXPOSURE.</summary>
    public string? SituationDetails { get; init; }
    /// <summary>Information and convocation constraints (« Information complémentaire ou contrainte de convocation »).</summary>
    public string? Comment { get; init; }
    public string? InterpreterLanguage { get; init; }
    /// <summary>
    /// On a temp agency's temp-worker account (NNN.1.x), the company the temp worker is placed with
    /// (seed 000: « il vous sera demandé le nom de l'entreprise utilisatrice »). With the employee, the
    /// type and the date requested, it is what the per-visit invoice of such accounts names.
    /// </summary>
    public string? UserCompanyName { get; init; }

    /// <summary>Hiring: « demande de dispense d'embauche », with the last follow-up certificate attached.</summary>
    public bool HiringWaiver { get; init; }
    /// <summary>Return to work: the absence and whether the return is part-time for therapeutic reasons.</summary>
    public AbsenceNature? AbsenceNature { get; init; }
    public DateOnly? AbsenceStart { get; init; }
    public DateOnly? AbsenceEnd { get; init; }
    public bool TherapeuticPartTime { get; init; }
    /// <summary>End of career: the retirement date.</summary>
    public DateOnly? RetirementDate { get; init; }
    /// <summary>End of career and post-exposure: the risk the employee was exposed to.</summary>
    public string? ExposureRisk { get; init; }
    /// <summary>Post-exposure: when the exposure ended.</summary>
    public DateOnly? ExposureEndDate { get; init; }
    /// <summary>Occasional: who asks, the employer's reason and comment, the deadline of the doctor's last opinion.</summary>
    public OccasionalRequester? OccasionalRequester { get; init; }
    public EmployerVisitReason? EmployerReason { get; init; }
    public string? ReasonComment { get; init; }
    public DateOnly? LastOpinionDeadline { get; init; }

    /// <summary>A medical secretary took it in hand (« prendre en charge »): the employer's history shows it in progress.</summary>
    public DateTimeOffset? TakenInChargeAt { get; set; }
    public Guid? TakenInChargeByUserId { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Why it was cancelled or refused, for the employer's list.</summary>
    public string? ClosingReason { get; set; }
    /// <summary>When and by whom it was cancelled; no user with a date means the platform did (an exit).</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public Guid? CancelledByUserId { get; set; }
    /// <summary>Staff refused it (state Refused), with the reason the employer reads.</summary>
    public DateTimeOffset? RefusedAt { get; set; }
    public string? RefusalReason { get; set; }
    /// <summary>The appointment staff made from it (state Accepted).</summary>
    public Guid? AppointmentId { get; set; }
}

/// <summary>The fields that belong to one visit type (SPEC.md 3.5); null or false where the type has none.</summary>
public sealed record VisitRequestDetails(
    string? SituationDetails = null, bool HiringWaiver = false,
    AbsenceNature? AbsenceNature = null, DateOnly? AbsenceStart = null, DateOnly? AbsenceEnd = null, bool TherapeuticPartTime = false,
    DateOnly? RetirementDate = null, string? ExposureRisk = null, DateOnly? ExposureEndDate = null,
    OccasionalRequester? OccasionalRequester = null, EmployerVisitReason? EmployerReason = null, string? ReasonComment = null, DateOnly? LastOpinionDeadline = null)
{
    public static VisitRequestDetails Of(VisitRequest r) => new(r.SituationDetails, r.HiringWaiver, r.AbsenceNature, r.AbsenceStart, r.AbsenceEnd, r.TherapeuticPartTime,
        r.RetirementDate, r.ExposureRisk, r.ExposureEndDate, r.OccasionalRequester, r.EmployerReason, r.ReasonComment, r.LastOpinionDeadline);
}

public enum VisitRequestEventKind { Sent, InProgress, Accepted, Refused, Cancelled }

/// <summary>One step of a request's history as the employer reads it (seeds 001, 002).</summary>
/// <param name="By">Who did it, when a person did (the employer's user who cancelled).</param>
/// <param name="Detail">The refusal's reason, the automatic cancellation's cause.</param>
/// <param name="AppointmentId">Accepted: the appointment it became, once appointments exist.</param>
public sealed record VisitRequestEvent(VisitRequestEventKind Kind, DateTimeOffset At, string? By = null, string? Detail = null, Guid? AppointmentId = null);

public sealed record VisitRequestView(
    Guid Id, Guid CompanyId, Guid EmployeeId, VisitType Type, VisitRequestState State, DateTimeOffset RequestedAt,
    IReadOnlyList<string> Situations, string? Comment, string? InterpreterLanguage, string? ClosingReason, string? UserCompanyName = null)
{
    public VisitRequestDetails Details { get; init; } = new();
    public IReadOnlyList<DocumentView> Attachments { get; init; } = [];
    public IReadOnlyList<VisitRequestEvent> History { get; init; } = [];
    public DateTimeOffset? RefusedAt { get; init; }
    public string? RefusalReason { get; init; }
    public Guid? AppointmentId { get; init; }
    public DateTimeOffset? TakenInChargeAt { get; init; }

    public static VisitRequestView Of(VisitRequest r) =>
        new(r.Id, r.CompanyId, r.EmployeeId, r.Type, r.State, r.RequestedAt, r.Situations, r.Comment, r.InterpreterLanguage, r.ClosingReason, r.UserCompanyName)
        {
            Details = VisitRequestDetails.Of(r),
            RefusedAt = r.RefusedAt, RefusalReason = r.RefusalReason, AppointmentId = r.AppointmentId, TakenInChargeAt = r.TakenInChargeAt,
        };
}
