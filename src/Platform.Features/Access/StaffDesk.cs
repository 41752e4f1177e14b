using Microsoft.EntityFrameworkCore;
using Platform.Features.Companies;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

public sealed record LockedAccountView(Guid UserId, string Name, string Email, string? LoginName, bool BlockedUntilUnlocked, DateTimeOffset? LockedUntil);
public sealed record CompanyAccessView(string CompanyName, string MemberNumber, IReadOnlyList<CompanyUserView> Users);

/// <summary>What the tenant's staff see and do for members: locked accounts, who has access to a company.</summary>
public sealed class StaffDesk(PlatformDbContext db, IdentityDb identity, CurrentUser currentUser, CompanyDirectory companies, TimeProvider time)
{
    public async Task<IReadOnlyList<LockedAccountView>> LockedAccountsAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var now = time.GetUtcNow();
        var guards = (await db.SignInGuards.AsNoTracking().ToListAsync(ct))
            .Where(g => g.BlockedUntilUnlocked || g.LockedUntil > now).ToList();
        var ids = guards.Select(g => g.UserId).ToList();
        var users = await identity.PeopleAsync(ids, ct);
        var logins = await db.LoginNames.AsNoTracking().Where(l => ids.Contains(l.UserId)).ToListAsync(ct);
        return guards.Select(g => new LockedAccountView(g.UserId, $"{users[g.UserId].FirstName} {users[g.UserId].LastName}", users[g.UserId].Email,
                logins.FirstOrDefault(l => l.UserId == g.UserId)?.Identifier, g.BlockedUntilUnlocked, g.BlockedUntilUnlocked ? null : g.LockedUntil))
            .OrderBy(v => v.Name).ToList();
    }

    /// <summary>Who has access to the company with this member number, and with which roles; null when none has it.</summary>
    public async Task<CompanyAccessView?> CompanyAccessAsync(string? memberNumber, CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var company = await companies.FindByMemberNumberAsync(memberNumber, ct);
        if (company is null) return null;
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.CompanyId == company.Id).Select(m => new { m.UserId, m.Roles }).ToListAsync(ct);
        var people = await identity.PeopleAsync(memberships.Select(m => m.UserId), ct);
        var users = memberships.Where(m => people.ContainsKey(m.UserId))
            .Select(m => new { people[m.UserId].Id, people[m.UserId].Email, people[m.UserId].FirstName, people[m.UserId].LastName, m.Roles }).ToList();
        return new CompanyAccessView(company.Name, company.MemberNumber,
            users.OrderBy(u => u.LastName).Select(u => new CompanyUserView(u.Id, null, u.Email, $"{u.FirstName} {u.LastName}", u.Roles, CompanyUserStatus.Active)).ToList());
    }
}
