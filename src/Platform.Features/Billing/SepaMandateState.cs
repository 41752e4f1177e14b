using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Features.Billing;

/// <summary>
/// Whether a member company has an active SEPA mandate (sst68's 1.5 % discount depends on it). The one
/// place that answers it: the payments slice fills <see cref="Companies.Company.SepaMandateActiveSince"/>.
/// </summary>
public sealed class SepaMandateState(PlatformDbContext db)
{
    public async Task<bool> IsActiveAsync(Guid companyId, CancellationToken ct = default) =>
        await db.Companies.AnyAsync(c => c.Id == companyId && c.SepaMandateActiveSince != null, ct);
}
