using Microsoft.EntityFrameworkCore;
using Platform.Features.Companies;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

public sealed record MembershipView(CompanyView Company, IReadOnlyList<string> Roles);
public sealed record MeView(Guid Id, string Email, string FirstName, string LastName, IReadOnlyList<MembershipView> Memberships);

/// <summary>The signed-in person and their companies on the current tenant.</summary>
public sealed class MeService(PlatformDbContext db, CurrentUser currentUser, CompanyDirectory companies, CompanyAccess access, TimeProvider time)
{
    /// <summary>Null for anonymous callers (the contract's `me`).</summary>
    public async Task<MeView?> GetAsync(CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } id) return null;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return null;
        // A removed company's memberships stay as history but are no longer listed.
        var memberships = await access.ActiveMemberships(id, Regulation.FrenchTime.Today(time)).AsNoTracking().ToListAsync(ct);
        var byId = (await companies.GetManyAsync(memberships.Select(m => m.CompanyId).ToList(), ct)).ToDictionary(c => c.Id);
        return new MeView(user.Id, user.Email, user.FirstName, user.LastName,
            memberships.Select(m => new MembershipView(byId[m.CompanyId], m.Roles)).OrderBy(m => m.Company.Name).ToList());
    }
}
