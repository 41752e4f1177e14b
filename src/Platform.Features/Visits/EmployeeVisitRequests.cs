using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Features.Visits;

/// <summary>
/// What the employee feature does to visit requests: an exit cancels the pending ones (seeds 000,
/// 001) and deleting a declared employee removes theirs, in the caller's unit of work. Nothing here saves.
/// </summary>
public sealed class EmployeeVisitRequests(PlatformDbContext db, Documents.DocumentService documents, TimeProvider time)
{
    public const string ExitReason = "Annulée automatiquement : le salarié est sorti de l'effectif.";

    public async Task<IReadOnlyList<VisitRequest>> PendingAsync(IReadOnlyCollection<Guid> employeeIds, CancellationToken ct = default) =>
        await db.VisitRequests.Where(r => employeeIds.Contains(r.EmployeeId) && r.State == VisitRequestState.Pending).OrderBy(r => r.Id).ToListAsync(ct);

    public async Task<int> CountPendingAsync(Guid employeeId, CancellationToken ct = default) =>
        await db.VisitRequests.CountAsync(r => r.EmployeeId == employeeId && r.State == VisitRequestState.Pending, ct);

    /// <summary>Marks them cancelled with the exit's reason; the caller's SaveChanges writes it with the exit.</summary>
    public IReadOnlyList<VisitRequestView> CancelForExit(IEnumerable<VisitRequest> pending)
    {
        var cancelled = new List<VisitRequestView>();
        foreach (var request in pending)
        {
            var now = time.GetUtcNow();
            // No user: the platform cancelled it, because of the exit.
            (request.State, request.ClosedAt, request.ClosingReason, request.CancelledAt) = (VisitRequestState.Cancelled, now, ExitReason, now);
            cancelled.Add(VisitRequestView.Of(request));
        }
        return cancelled;
    }

    /// <summary>A declared employee deleted before validation takes their requests along (EmployeeService checked who may).</summary>
    internal async Task RemoveAllAsync(Guid employeeId, CancellationToken ct = default)
    {
        var requests = await db.VisitRequests.Where(r => r.EmployeeId == employeeId).ToListAsync(ct);
        await documents.DetachAsync(requests.Select(r => r.Id).ToList(), ct);
        db.VisitRequests.RemoveRange(requests);
    }
}
