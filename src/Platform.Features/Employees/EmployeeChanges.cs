using System.Text.Json;
using Platform.Features.PendingChanges;

namespace Platform.Features.Employees;

public enum EmployeeChangeKind { Update, Exit, Reactivate, ChangeWorkstation }

/// <summary>What an employer asked to change; the INS only encrypted.</summary>
public sealed record EmployeeChangeRequest(
    EmployeeDraft? Draft = null, string? ProtectedIns = null, DateOnly? EndDate = null, DateOnly? StartDate = null,
    string? Contract = null, Guid? WorkstationId = null, DateOnly? CurrentEndDate = null);

/// <summary>
/// The employees' side of the pending-change workflow (<see cref="PendingChanges.PendingChanges"/>): where
/// the tenant validates every employer change (sst68), a checked change to an employee is kept for staff
/// and applied, checked again, on its day by <see cref="EmployeeService.ApplyAsync"/>.
/// </summary>
public sealed class EmployeeChanges(PendingChanges.PendingChanges pendingChanges)
{
    public static string Action(EmployeeChangeKind kind) => kind switch
    {
        EmployeeChangeKind.Update => "employee.updated",
        EmployeeChangeKind.Exit => "employee.exited",
        EmployeeChangeKind.Reactivate => "employee.reactivated",
        _ => "employee.workstation-changed",
    };

    public static PendingChangeKind KindOf(EmployeeChangeKind kind) => kind switch
    {
        EmployeeChangeKind.Update => PendingChangeKind.EmployeeUpdate,
        EmployeeChangeKind.Exit => PendingChangeKind.EmployeeExit,
        EmployeeChangeKind.Reactivate => PendingChangeKind.EmployeeReactivate,
        _ => PendingChangeKind.EmployeeChangeWorkstation,
    };

    public static EmployeeChangeKind KindOf(PendingChangeKind kind) => kind switch
    {
        PendingChangeKind.EmployeeUpdate => EmployeeChangeKind.Update,
        PendingChangeKind.EmployeeExit => EmployeeChangeKind.Exit,
        PendingChangeKind.EmployeeReactivate => EmployeeChangeKind.Reactivate,
        PendingChangeKind.EmployeeChangeWorkstation => EmployeeChangeKind.ChangeWorkstation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a change to an employee."),
    };

    internal static EmployeeChangeRequest Read(PendingChange change) => JsonSerializer.Deserialize<EmployeeChangeRequest>(change.Payload, PendingChanges.PendingChanges.Json)!;

    internal async Task<PendingChangeView> DeferAsync(Employee employee, EmployeeChangeKind kind, EmployeeChangeRequest request, CancellationToken ct)
    {
        var name = employee.MarriedName is null ? $"{employee.BirthName} {employee.FirstName}" : $"{employee.MarriedName} {employee.FirstName}";
        var summary = kind switch
        {
            EmployeeChangeKind.Exit => $"Sortie au {request.EndDate:dd/MM/yyyy}",
            EmployeeChangeKind.Reactivate => $"Nouveau contrat {request.Contract} à partir du {request.StartDate:dd/MM/yyyy}",
            EmployeeChangeKind.ChangeWorkstation => $"Changement de poste à partir du {request.StartDate:dd/MM/yyyy}",
            _ => "Modification de l'identité" + (request.ProtectedIns is null ? "" : " et de l'INS"),
        };
        return await pendingChanges.RecordAsync(employee.CompanyId, KindOf(kind), employee.Id, name, summary, request, null, ct);
    }

    /// <summary>The changes of an employee still to take effect (the employer sees them pending; the caller checked access).</summary>
    public async Task<IReadOnlyList<PendingChangeView>> PendingForAsync(EmployeeView employee, CancellationToken ct = default) =>
        await pendingChanges.StillToTakeEffectAsync(employee.Id, ct);

    public async Task<IReadOnlyList<PendingChangeView>> AwaitingDecisionAsync(CancellationToken ct = default) =>
        await pendingChanges.AwaitingDecisionAsync(PendingChanges.PendingChanges.IsEmployeeKind, ct);

    public async Task<(PendingChangeView? Change, IReadOnlyList<UserError> Errors)> DecideAsync(Guid id, bool accept, CancellationToken ct = default) =>
        await pendingChanges.DecideAsync(id, accept, PendingChanges.PendingChanges.IsEmployeeKind, ct);
}
