using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Visits;

namespace Platform.Features.Appointments;

/// <summary>A pending request as the medical secretary reads it.</summary>
public sealed record RequestToProcess(VisitRequestView Request, string CompanyName, string MemberNumber, string EmployeeName);

/// <summary>An appointment on the staff's planning, with whom it is for.</summary>
public sealed record PlannedAppointment(AppointmentView Appointment, string CompanyName, string EmployeeName);

/// <summary>
/// The tenant's staff (medical secretaries): the requests to process, turned into an appointment or refused
/// with a reason; the planning, where a cancelled slot is free again; the cancellation requests to confirm.
/// </summary>
public sealed class VisitScheduling(PlatformDbContext db, CurrentUser currentUser, Convocations convocations, TimeProvider time)
{
    public const string CancelledByService = "Annulé par le service de santé au travail.";

    public async Task<IReadOnlyList<RequestToProcess>> RequestsToProcessAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await db.VisitRequests.AsNoTracking().Where(r => r.State == VisitRequestState.Pending)
            .Join(db.Companies.AsNoTracking(), r => r.CompanyId, c => c.Id, (r, c) => new { r, c.Name, c.MemberNumber })
            .Join(db.Employees.AsNoTracking(), x => x.r.EmployeeId, e => e.Id, (x, e) => new { x.r, x.Name, x.MemberNumber, e.FirstName, e.BirthName, e.MarriedName })
            .OrderBy(x => x.r.Id).Take(500).ToListAsync(ct);
        return rows.Select(x => new RequestToProcess(VisitRequestView.Of(x.r), x.Name, x.MemberNumber, Name(x.FirstName, x.BirthName, x.MarriedName))).ToList();
    }

    /// <summary>Upcoming appointments of the tenant, soonest first; cancelled ones are left out: their slot is free.</summary>
    public async Task<IReadOnlyList<PlannedAppointment>> PlanningAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Appointments.AsNoTracking().Where(a => a.CancelledAt == null && a.StartsAtUtc >= now)
            .Join(db.Companies.AsNoTracking(), a => a.CompanyId, c => c.Id, (a, c) => new { a, c.Name })
            .Join(db.Employees.AsNoTracking(), x => x.a.EmployeeId, e => e.Id, (x, e) => new { x.a, x.Name, e.FirstName, e.BirthName, e.MarriedName })
            .OrderBy(x => x.a.StartsAtUtc).Take(500).ToListAsync(ct);
        return rows.Select(x => new PlannedAppointment(AppointmentView.Of(x.a), x.Name, Name(x.FirstName, x.BirthName, x.MarriedName))).ToList();
    }

    /// <summary>
    /// Turns a pending request into an appointment and e-mails the convocation to the company's convocation
    /// contacts, in one transaction. The slot of a health professional holds one appointment at a time.
    /// </summary>
    public async Task<Outcome<VisitRequestView>> ScheduleAsync(Guid requestId, DateTimeOffset startsAt, string? location, string? healthProfessional, CancellationToken ct = default)
    {
        var staffId = currentUser.RequireStaff();
        var request = await db.VisitRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return VisitRequestService.NotFound;
        if (request.State != VisitRequestState.Pending)
            return new UserError("NOT_PENDING", $"Cette demande est « {VisitRules.Label(request.State).ToLowerInvariant()} » : seule une demande en attente se planifie.", "id");
        var errors = new List<UserError>();
        var now = time.GetUtcNow();
        if (startsAt <= now) errors.Add(new("IN_THE_PAST", "La date du rendez-vous est passée : choisissez une date à venir.", "startsAt"));
        var place = Clean(location);
        var professional = Clean(healthProfessional);
        if (place?.Length > AppointmentRules.LocationMaxLength)
            errors.Add(new("TOO_LONG", $"Le lieu dépasse {AppointmentRules.LocationMaxLength} caractères.", "location"));
        if (professional?.Length > AppointmentRules.HealthProfessionalMaxLength)
            errors.Add(new("TOO_LONG", $"Le nom du professionnel de santé dépasse {AppointmentRules.HealthProfessionalMaxLength} caractères.", "healthProfessional"));
        var employee = await db.Employees.AsNoTracking().SingleAsync(e => e.Id == request.EmployeeId, ct);
        if (employee.EndDate is { } end && end < time.Today())
            errors.Add(new("FORMER_EMPLOYEE", $"Le salarié est sorti de l'effectif le {end:dd/MM/yyyy}.", "id"));
        var utc = startsAt.UtcDateTime;
        if (professional is not null && await db.Appointments.AnyAsync(a => a.HealthProfessional == professional && a.StartsAtUtc == utc && a.CancelledAt == null, ct))
            errors.Add(new("SLOT_TAKEN", $"{professional} a déjà un rendez-vous à cette heure : choisissez un autre créneau.", "startsAt"));
        if (errors.Count > 0) return Outcome<VisitRequestView>.Fail(errors);

        var appointment = new Appointment
        {
            CompanyId = request.CompanyId, EmployeeId = request.EmployeeId, VisitRequestId = request.Id, Type = request.Type,
            StartsAtUtc = utc, Location = place, HealthProfessional = professional, ScheduledAt = now, ScheduledByUserId = staffId,
        };
        db.Appointments.Add(appointment);
        (request.State, request.ClosedAt, request.AppointmentId) = (VisitRequestState.Accepted, now, appointment.Id);
        await convocations.SendToCompanyAsync(appointment, ct);
        db.AuditEntries.Record(time, staffId, "appointment.scheduled", "Appointment", appointment.Id, $$"""{"visitRequest":"{{request.Id}}"}""");
        await db.SaveChangesAsync(ct);
        return Outcome<VisitRequestView>.Ok(VisitRequestView.Of(request));
    }

    /// <summary>
    /// « Prendre en charge »: a medical secretary starts on a pending request; the employer's history shows it
    /// « en cours de traitement » from then. The request stays pending (the employer may still cancel it).
    /// </summary>
    public async Task<Outcome<VisitRequestView>> TakeInChargeAsync(Guid requestId, CancellationToken ct = default)
    {
        var staffId = currentUser.RequireStaff();
        var request = await db.VisitRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return VisitRequestService.NotFound;
        if (request.State != VisitRequestState.Pending)
            return new UserError("NOT_PENDING", $"Cette demande est « {VisitRules.Label(request.State).ToLowerInvariant()} » : seule une demande en attente se prend en charge.", "id");
        if (request.TakenInChargeAt is not null) return new UserError("ALREADY_TAKEN", "Cette demande est déjà prise en charge.", "id");
        (request.TakenInChargeAt, request.TakenInChargeByUserId) = (time.GetUtcNow(), staffId);
        db.AuditEntries.Record(time, staffId, "visit-request.taken-in-charge", "VisitRequest", request.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<VisitRequestView>.Ok(VisitRequestView.Of(request));
    }

    /// <summary>Refuses a pending request with the reason the employer will read.</summary>
    public async Task<Outcome<VisitRequestView>> RefuseAsync(Guid requestId, string? reason, CancellationToken ct = default)
    {
        var staffId = currentUser.RequireStaff();
        var request = await db.VisitRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return VisitRequestService.NotFound;
        if (request.State != VisitRequestState.Pending)
            return new UserError("NOT_PENDING", $"Cette demande est « {VisitRules.Label(request.State).ToLowerInvariant()} » : seule une demande en attente peut être refusée.", "id");
        var text = Clean(reason);
        if (text is null) return new UserError("REQUIRED", "Indiquez le motif du refus : l'entreprise le lira.", "reason");
        if (text.Length > AppointmentRules.ReasonMaxLength) return new UserError("TOO_LONG", $"Le motif dépasse {AppointmentRules.ReasonMaxLength} caractères.", "reason");
        var now = time.GetUtcNow();
        (request.State, request.ClosedAt, request.RefusedAt, request.RefusalReason, request.ClosingReason) = (VisitRequestState.Refused, now, now, text, text);
        db.AuditEntries.Record(time, staffId, "visit-request.refused", "VisitRequest", request.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<VisitRequestView>.Ok(VisitRequestView.Of(request));
    }

    /// <summary>Cancellation requests waiting for staff (sstbtp-bfc), oldest first.</summary>
    public async Task<IReadOnlyList<PlannedAppointment>> CancellationRequestsAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await db.Appointments.AsNoTracking().Where(a => a.CancellationRequestedAt != null && a.CancelledAt == null)
            .Join(db.Companies.AsNoTracking(), a => a.CompanyId, c => c.Id, (a, c) => new { a, c.Name })
            .Join(db.Employees.AsNoTracking(), x => x.a.EmployeeId, e => e.Id, (x, e) => new { x.a, x.Name, e.FirstName, e.BirthName, e.MarriedName })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.a.CancellationRequestedAt).Select(x => new PlannedAppointment(AppointmentView.Of(x.a), x.Name, Name(x.FirstName, x.BirthName, x.MarriedName))).ToList();
    }

    /// <summary>
    /// Staff cancel an appointment: confirming an employer's cancellation request, or at the employer's call
    /// (sstrn's medical secretary). No notice applies to them. The slot is free again.
    /// </summary>
    public async Task<Outcome<AppointmentView>> CancelAsync(Guid appointmentId, string? reason, CancellationToken ct = default)
    {
        var staffId = currentUser.RequireStaff();
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, ct);
        if (appointment is null) return AppointmentService.NotFound;
        if (appointment.Cancelled) return new UserError("ALREADY_CANCELLED", "Ce rendez-vous est déjà annulé.", "id");
        // A visit that took place (or whose hour has come) is history: its certificate and the due rules rest on it.
        if (appointment.CertificateFileId is not null)
            return new UserError("HAS_CERTIFICATE", "Une attestation de suivi est jointe à ce rendez-vous : la visite a eu lieu, elle ne s'annule plus.", "id");
        if (appointment.StartsAt <= time.GetUtcNow())
            return new UserError("ALREADY_PAST",
                $"Ce rendez-vous du {TimeZoneInfo.ConvertTime(appointment.StartsAt, FrenchTime.Paris):dd/MM/yyyy à HH:mm} est passé : il ne s'annule plus.", "id");
        var text = Clean(reason);
        if (text?.Length > AppointmentRules.ReasonMaxLength) return new UserError("TOO_LONG", $"Le motif dépasse {AppointmentRules.ReasonMaxLength} caractères.", "reason");
        var requested = appointment.CancellationRequestedAt is not null;
        (appointment.CancelledAt, appointment.CancelledByUserId) = (time.GetUtcNow(), staffId);
        appointment.CancellationReason = text ?? (requested ? "Annulé à la demande de l'entreprise." : CancelledByService);
        db.AuditEntries.Record(time, staffId, requested ? "appointment.cancellation-confirmed" : "appointment.cancelled", "Appointment", appointment.Id);
        await convocations.SendCancelledToCompanyAsync(appointment, appointment.CancellationReason, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<AppointmentView>.Ok(AppointmentView.Of(appointment));
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static string Name(string firstName, string birthName, string? marriedName) =>
        marriedName is null ? $"{birthName} {firstName}" : $"{marriedName} {firstName} (née {birthName})";
}
