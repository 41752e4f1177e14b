using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Features.Companies;

/// <summary>Reads companies of the current tenant for other features (they use this service, not the table).</summary>
public sealed class CompanyDirectory(PlatformDbContext db)
{
    public async Task<CompanyView?> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.Companies.AsNoTracking().Where(c => c.Id == id).Select(c => new CompanyView(c.Id, c.MemberNumber, c.Siret, c.Name, c.LegalForm, c.NafCode))
            .SingleOrDefaultAsync(ct);
}
