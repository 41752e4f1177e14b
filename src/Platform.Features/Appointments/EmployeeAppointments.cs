using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.Appointments;

/// <summary>
/// What the employee feature does to appointments: an exit cancels those after the contract's end (an
/// end-of-career visit before it still takes place), in the caller's unit of work. Nothing here saves.
/// </summary>
public sealed class EmployeeAppointments(PlatformDbContext db, TimeProvider time)
{
    public const string ExitReason = "Annulé automatiquement : le salarié est sorti de l'effectif.";

    /// <summary>The appointments an exit on <paramref name="endDate"/> cancels: not cancelled, in the future and after that day (Paris).</summary>
    public async Task<IReadOnlyList<Appointment>> AfterExitAsync(IReadOnlyCollection<Guid> employeeIds, DateOnly endDate, CancellationToken ct = default)
    {
        var dayAfter = endDate.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var afterEnd = new DateTimeOffset(dayAfter, FrenchTime.Paris.GetUtcOffset(dayAfter)).UtcDateTime;
        var now = time.GetUtcNow().UtcDateTime;
        var from = afterEnd > now ? afterEnd : now;
        return await db.Appointments.Where(a => employeeIds.Contains(a.EmployeeId) && a.CancelledAt == null && a.StartsAtUtc >= from)
            .OrderBy(a => a.StartsAtUtc).ToListAsync(ct);
    }

    public IReadOnlyList<AppointmentView> CancelForExit(IEnumerable<Appointment> appointments)
    {
        var cancelled = new List<AppointmentView>();
        foreach (var a in appointments)
        {
            (a.CancelledAt, a.CancellationReason) = (time.GetUtcNow(), ExitReason);
            cancelled.Add(AppointmentView.Of(a));
        }
        return cancelled;
    }

    /// <summary>A declared employee deleted before validation takes their appointments along (EmployeeService checked who may).</summary>
    internal async Task RemoveAllAsync(Guid employeeId, CancellationToken ct = default) =>
        db.Appointments.RemoveRange(await db.Appointments.Where(a => a.EmployeeId == employeeId).ToListAsync(ct));
}
