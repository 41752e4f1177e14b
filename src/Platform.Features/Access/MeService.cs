using Microsoft.EntityFrameworkCore;
using Platform.Features.Companies;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

public sealed record MembershipView(CompanyView Company, IReadOnlyList<string> Roles);
public sealed record MeView(Guid Id, string Email, string FirstName, string LastName, IReadOnlyList<MembershipView> Memberships);

/// <summary>The signed-in person and their companies on the current tenant.</summary>
public sealed class MeService(PlatformDbContext db, CurrentUser currentUser)
{
    /// <summary>Null for anonymous callers (the contract's `me`).</summary>
    public async Task<MeView?> GetAsync(CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } id) return null;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return null;
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == id)
            .Join(db.Companies.AsNoTracking(), m => m.CompanyId, c => c.Id, (m, c) => new { m.Roles, Company = c })
            .ToListAsync(ct);
        return new MeView(user.Id, user.Email, user.FirstName, user.LastName,
            memberships.OrderBy(m => m.Company.Name).Select(m => new MembershipView(CompanyView.Of(m.Company), m.Roles)).ToList());
    }
}
