using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Features.Companies;

/// <summary>
/// Companies of the current tenant as other features see them: they go through this service, not the
/// table. Writes join the caller's unit of work (the scope's DbContext), so they commit together.
/// </summary>
public sealed class CompanyDirectory(PlatformDbContext db)
{
    public async Task<CompanyView?> GetAsync(Guid id, CancellationToken ct = default) => await ById(db, id, ct);

    // Compiled once: every company page reads its company (the tenant's query filter still applies per context).
    private static readonly Func<PlatformDbContext, Guid, CancellationToken, Task<CompanyView?>> ById = EF.CompileAsyncQuery(
        (PlatformDbContext db, Guid id, CancellationToken ct) => db.Companies.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CompanyView(c.Id, c.MemberNumber, c.Siret, c.Name, c.LegalForm, c.NafCode)).SingleOrDefault());

    public async Task<bool> ExistsAsync(Guid id, CancellationToken ct = default) => await db.Companies.AnyAsync(c => c.Id == id, ct);

    public async Task<IReadOnlyList<CompanyView>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        await Views(c => ids.Contains(c.Id)).ToListAsync(ct);

    public async Task<CompanyView?> FindByMemberNumberAsync(string? memberNumber, CancellationToken ct = default)
    {
        var number = memberNumber?.Trim();
        if (string.IsNullOrEmpty(number) || number.Length > 20) return null;
        return await Views(c => c.MemberNumber == number).SingleOrDefaultAsync(ct);
    }

    /// <summary>A takeover decided by staff: the company carries on under its new SIRET.</summary>
    /// <summary>Only after a decided démarche (AccessRequests checks who decides).</summary>
    internal async Task ChangeSiretAsync(Guid id, string siret, CancellationToken ct = default) =>
        (await db.Companies.SingleAsync(c => c.Id == id, ct)).Siret = siret;

    // Filter on the entity, then project: EF Core cannot filter on a record built by its constructor.
    private IQueryable<CompanyView> Views(Expression<Func<Company, bool>> filter) =>
        db.Companies.AsNoTracking().Where(filter).Select(c => new CompanyView(c.Id, c.MemberNumber, c.Siret, c.Name, c.LegalForm, c.NafCode));
}
