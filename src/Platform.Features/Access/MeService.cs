using Microsoft.EntityFrameworkCore;
using Platform.Features.Companies;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

public sealed record MembershipView(CompanyView Company, IReadOnlyList<string> Roles);
public sealed record MeView(Guid Id, string Email, string FirstName, string LastName);

/// <summary>The signed-in person and their companies on the current tenant, each read only when asked for.</summary>
public sealed class MeService(IdentityDb identity, CurrentUser currentUser, CompanyDirectory companies, CompanyAccess access, TimeProvider time)
{
    /// <summary>Null for anonymous callers (the contract's `me`). One query.</summary>
    public async Task<MeView?> GetAsync(CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } id) return null;
        return await identity.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new MeView(u.Id, u.Email, u.FirstName, u.LastName)).SingleOrDefaultAsync(ct);
    }

    /// <summary>The caller's companies on this tenant with their roles, by name (empty for anonymous callers). Two queries.</summary>
    public async Task<IReadOnlyList<MembershipView>> MembershipsAsync(CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } id) return [];
        // A removed company's memberships stay as history but are no longer listed.
        var memberships = await access.ActiveMemberships(id, Regulation.FrenchTime.Today(time)).AsNoTracking().Select(m => new { m.CompanyId, m.Roles }).ToListAsync(ct);
        if (memberships.Count == 0) return [];
        var byId = (await companies.GetManyAsync(memberships.Select(m => m.CompanyId).ToList(), ct)).ToDictionary(c => c.Id);
        return memberships.Select(m => new MembershipView(byId[m.CompanyId], m.Roles)).OrderBy(m => m.Company.Name).ToList();
    }
}
