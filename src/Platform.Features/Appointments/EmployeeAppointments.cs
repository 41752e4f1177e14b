using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Visits;

namespace Platform.Features.Appointments;

/// <summary>The appointments an exit cancels, with the e-mails to the company that say so (queued only when the exit applies).</summary>
public sealed record ExitAppointments(IReadOnlyList<Appointment> Appointments, IReadOnlyList<PreparedEmail> Notices);

/// <summary>
/// What the employee feature does to appointments: an exit cancels the future ones, in the caller's unit of
/// work, and e-mails the company's convocation contacts. Nothing here saves.
/// </summary>
public sealed class EmployeeAppointments(PlatformDbContext db, Convocations convocations, TimeProvider time)
{
    public const string ExitReason = "Annulé automatiquement : le salarié est sorti de l'effectif.";

    /// <summary>
    /// The appointments an exit on <paramref name="endDate"/> cancels, decided at the moment the exit applies:
    /// every appointment still to come, whether before or after the end of the contract — an employer who
    /// records a departure does not want a periodic or hiring visit held during the notice period, nor to be
    /// billed for a missed one. Two kinds stay when they fall on or before the last day: the end-of-career and
    /// the post-exposure visits, which are due precisely because the worker leaves (SPEC.md 4.2) and must be
    /// held while they are still employed. After the end date nothing is kept: the employee is no longer the
    /// company's to follow.
    /// </summary>
    public async Task<IReadOnlyList<Appointment>> AfterExitAsync(IReadOnlyCollection<Guid> employeeIds, DateOnly endDate, CancellationToken ct = default)
    {
        var dayAfter = endDate.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var afterEnd = new DateTimeOffset(dayAfter, FrenchTime.Paris.GetUtcOffset(dayAfter)).UtcDateTime;
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Appointments.Where(a => employeeIds.Contains(a.EmployeeId) && a.CancelledAt == null && a.StartsAtUtc >= now
                && (a.StartsAtUtc >= afterEnd || (a.Type != VisitType.EndOfCareer && a.Type != VisitType.PostExposure)))
            .OrderBy(a => a.StartsAtUtc).ToListAsync(ct);
    }

    /// <summary>The same appointments, with the cancellation e-mail of each worked out now (the exit may apply later, in the same closure).</summary>
    public async Task<ExitAppointments> ForExitAsync(IReadOnlyCollection<Guid> employeeIds, DateOnly endDate, CancellationToken ct = default)
    {
        var appointments = await AfterExitAsync(employeeIds, endDate, ct);
        var notices = new List<PreparedEmail>();
        foreach (var a in appointments) notices.Add(await convocations.CancelledNoticeAsync(a, ExitReason, ct));
        return new ExitAppointments(appointments, notices);
    }

    public IReadOnlyList<AppointmentView> CancelForExit(ExitAppointments exit)
    {
        var cancelled = new List<AppointmentView>();
        foreach (var a in exit.Appointments.Where(a => !a.Cancelled))
        {
            (a.CancelledAt, a.CancellationReason) = (time.GetUtcNow(), ExitReason);
            cancelled.Add(AppointmentView.Of(a));
        }
        foreach (var notice in exit.Notices) convocations.Queue(notice);
        return cancelled;
    }

    /// <summary>A declared employee deleted before validation takes their appointments along (EmployeeService checked who may).</summary>
    internal async Task RemoveAllAsync(Guid employeeId, CancellationToken ct = default) =>
        db.Appointments.RemoveRange(await db.Appointments.Where(a => a.EmployeeId == employeeId).ToListAsync(ct));
}
