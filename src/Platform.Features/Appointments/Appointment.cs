using Platform.Features.Visits;
using Platform.Tenancy.Isolation;

namespace Platform.Features.Appointments;

/// <summary>
/// A medical visit of one employee at a date, time and place with a health professional (SPEC.md 3.5):
/// made by staff from a visit request (scheduleVisit), cancelled within the tenant's notice (seeds 002, 003).
/// A cancelled appointment frees its slot and never counts as a held visit.
/// </summary>
public sealed class Appointment : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required Guid EmployeeId { get; init; }
    /// <summary>The request it answers; none when staff plan it on their own (periodicity, seed 002).</summary>
    public Guid? VisitRequestId { get; init; }
    public required VisitType Type { get; init; }
    /// <summary>UTC (kind Utc): a DateTime, so that every provider can compare and order it in SQL.</summary>
    public required DateTime StartsAtUtc { get; set; }
    public string? Location { get; set; }
    public string? HealthProfessional { get; set; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public Guid? ScheduledByUserId { get; init; }
    /// <summary>Where cancelling is a request staff confirm (sstbtp-bfc): when and by whom it was asked.</summary>
    public DateTimeOffset? CancellationRequestedAt { get; set; }
    public Guid? CancellationRequestedByUserId { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public Guid? CancelledByUserId { get; set; }
    public string? CancellationReason { get; set; }
    /// <summary>
    /// The visit certificate (*attestation de suivi*) staff uploaded after the visit: a PDF in StoredFiles named by
    /// this id (a new id when staff replace it, so a reader never gets half of the old and half of the new).
    /// </summary>
    public Guid? CertificateFileId { get; set; }
    public DateTimeOffset? CertificateUploadedAt { get; set; }
    public Guid? CertificateUploadedByUserId { get; set; }

    public DateTimeOffset StartsAt => new(DateTime.SpecifyKind(StartsAtUtc, DateTimeKind.Utc));
    public bool Cancelled => CancelledAt is not null;
}

public sealed record AppointmentView(
    Guid Id, Guid CompanyId, Guid EmployeeId, Guid? VisitRequestId, VisitType Type, DateTimeOffset StartsAt, string? Location, string? HealthProfessional,
    bool Cancelled, DateTimeOffset? CancelledAt, string? CancellationReason, DateTimeOffset? CancellationRequestedAt, DateTimeOffset? CertificateUploadedAt)
{
    public bool HasCertificate => CertificateUploadedAt is not null;

    /// <summary>Whether the signed-in user may cancel (or ask to cancel) it now; set by the service that read it.</summary>
    public bool Cancellable { get; init; }

    public static AppointmentView Of(Appointment a) =>
        new(a.Id, a.CompanyId, a.EmployeeId, a.VisitRequestId, a.Type, a.StartsAt, a.Location, a.HealthProfessional,
            a.Cancelled, a.CancelledAt, a.CancellationReason, a.CancellationRequestedAt, a.CertificateFileId is null ? null : a.CertificateUploadedAt);
}

/// <summary>What counts as a visit the employee had (due visits read it: a cancelled appointment never does).</summary>
public static class HeldVisits
{
    public static IQueryable<Appointment> Held(this IQueryable<Appointment> appointments, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return appointments.Where(a => a.CancelledAt == null && a.StartsAtUtc <= utc);
    }
}

public static class AppointmentRules
{
    public const int LocationMaxLength = 300;
    public const int HealthProfessionalMaxLength = 200;
    public const int ReasonMaxLength = 300;

    /// <summary>What the employee brings (the convocation's list).</summary>
    public static readonly IReadOnlyList<string> WhatToBring =
    [
        "une pièce d'identité et la carte Vitale ;",
        "cette convocation ;",
        "vos lunettes ou lentilles si vous en portez ;",
        "vos ordonnances en cours et vos derniers examens médicaux utiles ;",
        "votre carnet de vaccination.",
    ];
}
