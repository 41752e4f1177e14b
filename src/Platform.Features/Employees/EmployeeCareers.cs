using Platform.Features.Visits;

namespace Platform.Features.Employees;

/// <summary>What an exit did: the employee after it, the pending visit requests and the appointments after the end date it cancelled.</summary>
public sealed record EmployeeExit(EmployeeView Employee, IReadOnlyList<VisitRequestView> CancelledVisitRequests, IReadOnlyList<Appointments.AppointmentView> CancelledAppointments);

/// <summary>
/// The career of an employee (seed 001): the exit, the return of a former employee, the change of
/// workstation. Each change is checked and applied, or kept for staff, by <see cref="EmployeeChanges"/>.
/// </summary>
public sealed class EmployeeCareers(EmployeeLock employeeLock, EmployeeChanges changes, EmployeeVisitRequests visitRequests, Appointments.EmployeeAppointments appointments)
{
    /// <summary>The exit: the contract end date, entered once; the open career line closes the same day.</summary>
    public async Task<Outcome<EmployeeExit>> ExitAsync(Guid id, DateOnly endDate, CancellationToken ct = default)
    {
        var found = await employeeLock.FindForWriteAsync(id, ct);
        if (found.Value is not { } employee) return Outcome<EmployeeExit>.Fail(found.Errors);
        // The same tracked requests the exit cancels when it applies (now, or when staff's acceptance takes effect in sst68).
        var pending = await visitRequests.PendingAsync([employee.Id], ct);
        var afterExit = await appointments.AfterExitAsync([employee.Id], endDate, ct);
        var result = await changes.ApplyOrDeferAsync(employee, EmployeeChangeKind.Exit, new EmployeeChangeRequest(EndDate: endDate), ct);
        if (result.Value is not { } view) return Outcome<EmployeeExit>.Fail(result.Errors);
        var cancelled = pending.Where(r => r.State == VisitRequestState.Cancelled).Select(VisitRequestView.Of).ToList();
        var cancelledAppointments = afterExit.Where(a => a.Cancelled).Select(Appointments.AppointmentView.Of).ToList();
        return new Outcome<EmployeeExit>(new EmployeeExit(view, cancelled, cancelledAppointments), []) { Pending = result.Pending };
    }

    /// <summary>A former employee comes back: a new contract from a date after the exit, on a workstation.</summary>
    public async Task<Outcome<EmployeeView>> ReactivateAsync(Guid id, DateOnly startDate, string? contract, Guid? workstationId, CancellationToken ct = default)
    {
        var found = await employeeLock.FindForWriteAsync(id, ct);
        return found.Value is not { } employee ? Outcome<EmployeeView>.Fail(found.Errors)
            : await changes.ApplyOrDeferAsync(employee, EmployeeChangeKind.Reactivate, new EmployeeChangeRequest(StartDate: startDate, Contract: contract, WorkstationId: workstationId), ct);
    }

    /// <summary>
    /// A change of workstation (seed 001): the current one closes with an end date and a new one opens
    /// after it. An employee without a workstation just gets one.
    /// </summary>
    public async Task<Outcome<EmployeeView>> ChangeWorkstationAsync(Guid id, Guid workstationId, string? contract, DateOnly startDate, DateOnly? currentEndDate, CancellationToken ct = default)
    {
        var found = await employeeLock.FindForWriteAsync(id, ct);
        return found.Value is not { } employee ? Outcome<EmployeeView>.Fail(found.Errors)
            : await changes.ApplyOrDeferAsync(employee, EmployeeChangeKind.ChangeWorkstation,
                new EmployeeChangeRequest(StartDate: startDate, Contract: contract, WorkstationId: workstationId, CurrentEndDate: currentEndDate), ct);
    }
}
