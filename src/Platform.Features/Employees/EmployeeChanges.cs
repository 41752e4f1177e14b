using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Isolation;

namespace Platform.Features.Employees;

public enum EmployeeChangeKind { Update, Exit, Reactivate, ChangeWorkstation }

/// <summary>What an employer asked to change; the INS only encrypted.</summary>
public sealed record EmployeeChangeRequest(
    EmployeeDraft? Draft = null, string? ProtectedIns = null, DateOnly? EndDate = null, DateOnly? StartDate = null,
    string? Contract = null, Guid? WorkstationId = null, DateOnly? CurrentEndDate = null);

/// <summary>An employer's change to an employee waiting for staff (tenants that validate every change: sst68).</summary>
public sealed class PendingEmployeeChange : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid EmployeeId { get; init; }
    public required Guid CompanyId { get; init; }
    public required EmployeeChangeKind Kind { get; init; }
    /// <summary>The <see cref="EmployeeChangeRequest"/> as JSON.</summary>
    public required string Request { get; init; }
    public RequestState State { get; set; }
    public required Guid RequestedByUserId { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public Guid? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
    /// <summary>Why an accepted change could not apply on its day (the employee changed meanwhile).</summary>
    public string? Outcome { get; set; }
}

public sealed record PendingEmployeeChangeView(
    Guid Id, Guid EmployeeId, Guid CompanyId, string EmployeeName, EmployeeChangeKind Kind, string Summary, RequestState State, DateTimeOffset RequestedAt, DateOnly? EffectiveOn);

/// <summary>
/// Employer changes to employees kept for staff validation where the tenant asks for it (sst68:
/// "every change waits for staff validation and takes effect the next day"). Staff accept or refuse;
/// an accepted change is checked again and applied on its day (<see cref="EmployeeService.ApplyDueChangesAsync"/>).
/// </summary>
public sealed class EmployeeChanges(PlatformDbContext db, CurrentUser currentUser, ITenantContext tenantContext, TenantRulesCache rulesCache, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Action(EmployeeChangeKind kind) => kind switch
    {
        EmployeeChangeKind.Update => "employee.updated",
        EmployeeChangeKind.Exit => "employee.exited",
        EmployeeChangeKind.Reactivate => "employee.reactivated",
        _ => "employee.workstation-changed",
    };

    internal static EmployeeChangeRequest Read(PendingEmployeeChange change) => JsonSerializer.Deserialize<EmployeeChangeRequest>(change.Request, Json)!;

    internal async Task<PendingEmployeeChangeView> DeferAsync(Employee employee, EmployeeChangeKind kind, EmployeeChangeRequest request, CancellationToken ct)
    {
        var change = new PendingEmployeeChange
        {
            EmployeeId = employee.Id, CompanyId = employee.CompanyId, Kind = kind, Request = JsonSerializer.Serialize(request, Json),
            RequestedByUserId = currentUser.UserId!.Value, RequestedAt = time.GetUtcNow(),
        };
        db.PendingEmployeeChanges.Add(change);
        db.AuditEntries.Record(time, currentUser.UserId, "employee.change-requested", "Employee", employee.Id, $$"""{"kind":"{{kind}}"}""");
        await db.SaveChangesAsync(ct);
        return View(change, employee);
    }

    /// <summary>The changes of an employee still to take effect (the employer sees them pending).</summary>
    public async Task<IReadOnlyList<PendingEmployeeChangeView>> PendingForAsync(EmployeeView employee, CancellationToken ct = default)
    {
        var rows = await db.PendingEmployeeChanges.AsNoTracking()
            .Where(p => p.EmployeeId == employee.Id && (p.State == RequestState.Pending || (p.State == RequestState.Accepted && p.AppliedAt == null)))
            .OrderBy(p => p.Id).ToListAsync(ct);
        return rows.Select(r => View(r, employee.DisplayName)).ToList();
    }

    public async Task<IReadOnlyList<PendingEmployeeChangeView>> AwaitingDecisionAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await db.PendingEmployeeChanges.AsNoTracking().Where(p => p.State == RequestState.Pending).OrderBy(p => p.Id).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.EmployeeId).Distinct().ToList();
        var employees = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return rows.Select(r => View(r, employees[r.EmployeeId])).ToList();
    }

    public async Task<(PendingEmployeeChangeView? Change, IReadOnlyList<UserError> Errors)> DecideAsync(Guid id, bool accept, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        var change = await db.PendingEmployeeChanges.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (change is null) return (null, [new UserError("NOT_FOUND", "Cette modification n'existe pas.", "id")]);
        if (change.State != RequestState.Pending) return (null, [new UserError("ALREADY_DECIDED", "Cette modification a déjà été traitée.", "id")]);
        var rules = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules.EmployerChanges;
        (change.State, change.DecidedByUserId, change.DecidedAt) = (accept ? RequestState.Accepted : RequestState.Refused, staff, time.GetUtcNow());
        if (accept) change.EffectiveOn = rules.TakesEffectNextDay ? time.Today().AddDays(1) : time.Today();
        db.AuditEntries.Record(time, staff, accept ? "employee.change-accepted" : "employee.change-refused", "Employee", change.EmployeeId);
        await db.SaveChangesAsync(ct);
        return (View(change, await db.Employees.AsNoTracking().SingleAsync(e => e.Id == change.EmployeeId, ct)), []);
    }

    private static PendingEmployeeChangeView View(PendingEmployeeChange c, Employee e) =>
        View(c, e.MarriedName is null ? $"{e.BirthName} {e.FirstName}" : $"{e.MarriedName} {e.FirstName}");

    private static PendingEmployeeChangeView View(PendingEmployeeChange c, string name)
    {
        var r = JsonSerializer.Deserialize<EmployeeChangeRequest>(c.Request, Json)!;
        var summary = c.Kind switch
        {
            EmployeeChangeKind.Exit => $"Sortie au {r.EndDate:dd/MM/yyyy}",
            EmployeeChangeKind.Reactivate => $"Nouveau contrat {r.Contract} à partir du {r.StartDate:dd/MM/yyyy}",
            EmployeeChangeKind.ChangeWorkstation => $"Changement de poste à partir du {r.StartDate:dd/MM/yyyy}",
            _ => "Modification de l'identité" + (r.ProtectedIns is null ? "" : " et de l'INS"),
        };
        return new(c.Id, c.EmployeeId, c.CompanyId, name, c.Kind, summary, c.State, c.RequestedAt, c.EffectiveOn);
    }
}
