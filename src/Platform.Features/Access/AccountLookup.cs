using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

/// <summary>Who a sign-in identifier names on the current tenant, if that person has anything to do here.</summary>
public sealed class AccountLookup(PlatformDbContext db, IdentityDb identity)
{
    public async Task<User?> FindAsync(string? identifier, bool asProxy, TenantRules rules, CancellationToken ct)
    {
        identifier = identifier?.Trim();
        if (string.IsNullOrEmpty(identifier) || identifier.Length > 254) return null;
        if (!identifier.Contains('@'))
        {
            if (rules.Login.Identifier != LoginIdentifier.MemberNumber) return null;
            var name = LoginName.Normalize(identifier);
            var userId = await db.LoginNames.Where(l => l.Identifier == name).Select(l => (Guid?)l.UserId).SingleOrDefaultAsync(ct);
            return userId is null ? null : await identity.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        }
        var user = await FindByEmailAsync(identifier, ct);
        if (user is null) return null;
        if (await db.StaffMembers.AnyAsync(s => s.UserId == user.Id, ct)) return user;
        // Where the tenant signs in by e-mail, anyone with an account may: before having a company, one
        // signs in to synchronise it or ask for access (démarches), and such a session grants nothing else.
        if (rules.Login.Identifier == LoginIdentifier.Email) return user;
        // Member-number tenants: accountant firms use the proxy sign-in with their e-mail.
        return asProxy && rules.Login.ProxyLogin && await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct) ? user : null;
    }

    /// <summary>A member (not staff) of a company of this tenant, by e-mail.</summary>
    public async Task<User?> FindMemberByEmailAsync(string? email, CancellationToken ct)
    {
        var user = await FindByEmailAsync(email, ct);
        return user is not null && await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct) ? user : null;
    }

    /// <summary>
    /// Whether the person is a company's own account here: they sign in with its member number and administer
    /// it. Such an account is the employer, never a mandataire (seed 003: the mandataire has its own connexion).
    /// </summary>
    public async Task<bool> IsCompanyOwnAccountAsync(Guid userId, CancellationToken ct)
    {
        var names = await db.LoginNames.Where(l => l.UserId == userId).Select(l => l.Identifier).ToListAsync(ct);
        if (names.Count == 0) return false;
        var memberships = await db.Memberships.Where(m => m.UserId == userId)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => new { c.MemberNumber, m.Roles }).ToListAsync(ct);
        return memberships.Any(m => names.Contains(LoginName.Normalize(m.MemberNumber)) && m.Roles.Contains(CompanyRoles.Administrator));
    }

    public async Task<StaffRole?> StaffRoleAsync(Guid userId, CancellationToken ct) =>
        await db.StaffMembers.Where(s => s.UserId == userId).Select(s => (StaffRole?)s.Role).SingleOrDefaultAsync(ct);

    private async Task<User?> FindByEmailAsync(string? email, CancellationToken ct)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !email.Contains('@')) return null;
        var normalized = User.Normalize(email);
        return await identity.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }
}
