using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Declarations;
using Platform.Features.Demarches;
using Platform.Features.Persistence;
using Platform.Features.Visits;

namespace Platform.Features.Home;

/// <summary>
/// What needs doing for one company, each figure only where the caller's roles let them see it
/// (null: not theirs to see). Zero is shown as « rien à faire », not hidden.
/// </summary>
public sealed record CompanyToDoView(
    int? EmployeesAwaitingValidation,
    int? PendingVisitRequests,
    int? OpenInvoices,
    decimal AmountDue,
    bool MayDeclare,
    DeclarationPeriod? DeclarationDue,
    int DemarchesToDecide);

/// <summary>The company home's « À faire » block: a handful of counting queries, each behind its permission.</summary>
public sealed class CompanyToDo(
    PlatformDbContext db, CompanyAccess access, InvoiceService invoices, DeclarationService declarations,
    VisitRequestService visitRequests, AccessRequestDecisions decisions)
{
    public async Task<CompanyToDoView?> ForAsync(Guid companyId, CancellationToken ct = default)
    {
        if (!await access.CanSeeAsync(companyId, ct)) return null;
        IReadOnlyCollection<Guid> one = [companyId];
        int? awaiting = await access.HasAsync(companyId, Permission.ViewEmployees, ct)
            ? await db.Employees.CountAsync(e => e.CompanyId == companyId && e.ValidatedAt == null, ct) : null;
        int? visits = await access.HasAsync(companyId, Permission.RequestVisits, ct) || await access.HasAsync(companyId, Permission.ViewAppointments, ct)
            ? (await visitRequests.PendingCountsAsync(one, ct)).GetValueOrDefault(companyId) : null;
        int? open = null;
        decimal due = 0;
        if (await access.HasAsync(companyId, Permission.ViewInvoices, ct))
        {
            open = (await invoices.OpenCountsAsync(one, ct)).GetValueOrDefault(companyId);
            if (open > 0) due = (await invoices.OpenAmountsAsync(one, ct)).GetValueOrDefault(companyId);
        }
        var mayDeclare = await access.HasAsync(companyId, Permission.DeclareHeadcount, ct) || await access.HasAsync(companyId, Permission.ViewDeclarations, ct);
        var period = mayDeclare ? (await declarations.DueAsync(one, ct)).GetValueOrDefault(companyId) : null;
        return new CompanyToDoView(awaiting, visits, open, due, mayDeclare, period, await decisions.CountToDecideAsync(ct));
    }
}
