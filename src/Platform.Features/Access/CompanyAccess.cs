using Microsoft.EntityFrameworkCore;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Access;

/// <summary>
/// May the caller do this for this company? Members per their roles; the tenant's staff may read
/// every company of their tenant. A company of another tenant does not exist here (query filter).
/// A removed company (radiation accepted) keeps its memberships as history but grants nothing from its date.
/// </summary>
public sealed class CompanyAccess
{
    private readonly PlatformDbContext db;
    private readonly CurrentUser currentUser;
    private readonly CompanyDirectory companies;
    private readonly ITenantContext tenantContext;
    private readonly TenantRulesCache rulesCache;
    private readonly TimeProvider time;
    // The caller's roles by company (null: no membership), read once per request: a page checks the
    // same company several times (can see, may list, may manage). Forgotten whenever the request saves.
    private readonly Dictionary<Guid, IReadOnlyList<string>?> rolesByCompany = [];
    // The company's workforce version read with it (WorkforceVersion), forgotten likewise whenever the request writes.
    private readonly Dictionary<Guid, long> workforceVersions = [];

    public CompanyAccess(PlatformDbContext db, CurrentUser currentUser, CompanyDirectory companies, ITenantContext tenantContext, TenantRulesCache rulesCache,
        TimeProvider time)
    {
        this.db = db;
        this.currentUser = currentUser;
        this.companies = companies;
        this.tenantContext = tenantContext;
        this.rulesCache = rulesCache;
        this.time = time;
        db.Wrote += (_, _) =>
        {
            rolesByCompany.Clear();
            workforceVersions.Clear();
        };
    }

    /// <summary>The caller's roles in the company (empty for staff), or AccessDeniedException.</summary>
    public async Task<IReadOnlyList<string>> RequireAsync(Guid companyId, Permission permission, CancellationToken ct = default)
    {
        var userId = currentUser.RequireUserId();
        var roles = await RolesAsync(userId, companyId, ct);
        if (roles is not null && RoleCatalogue.Grants(await CatalogueAsync(), roles, permission)) return roles;
        if (roles is null && currentUser.IsStaff && IsRead(permission) && await companies.ExistsAsync(companyId, ct)) return [];
        throw new AccessDeniedException(AccessDenial.Forbidden);
    }

    /// <summary>Whether the caller holds the permission now (no exception).</summary>
    public async Task<bool> HasAsync(Guid companyId, Permission permission, CancellationToken ct = default)
    {
        try { await RequireAsync(companyId, permission, ct); return true; }
        catch (AccessDeniedException) { return false; }
    }

    /// <summary>Whether the caller may see the company at all (the contract's `company(id)` reads null otherwise).</summary>
    public async Task<bool> CanSeeAsync(Guid companyId, CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } userId) return false;
        if (currentUser.IsStaff) return await companies.ExistsAsync(companyId, ct);
        return await RolesAsync(userId, companyId, ct) is not null;
    }

    private async Task<IReadOnlyList<string>?> RolesAsync(Guid userId, Guid companyId, CancellationToken ct)
    {
        if (rolesByCompany.TryGetValue(companyId, out var known)) return known;
        var roles = await RolesQuery(db, userId, companyId, time.Today(), ct);
        rolesByCompany[companyId] = roles;
        return roles;
    }

    // Compiled once (every company page asks it first); the tenant's query filter still reads the
    // context instance's tenant on each execution.
    private static readonly Func<PlatformDbContext, Guid, Guid, DateOnly, CancellationToken, Task<List<string>?>> RolesQuery = EF.CompileAsyncQuery(
        (PlatformDbContext db, Guid userId, Guid companyId, DateOnly today, CancellationToken ct) => db.Memberships
            .Where(m => m.UserId == userId && m.CompanyId == companyId
                && db.Companies.Any(c => c.Id == m.CompanyId && (c.RemovedOn == null || c.RemovedOn > today)))
            .Select(m => m.Roles).SingleOrDefault());

    /// <summary>The caller's companies on this tenant with their roles, by name (empty for anonymous callers). Two queries.</summary>
    public async Task<IReadOnlyList<MembershipView>> MyMembershipsAsync(CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } id) return [];
        // A removed company's memberships stay as history but are no longer listed.
        var memberships = await ActiveMemberships(id, FrenchTime.Today(time)).AsNoTracking().Select(m => new { m.CompanyId, m.Roles }).ToListAsync(ct);
        if (memberships.Count == 0) return [];
        var byId = (await companies.GetManyAsync(memberships.Select(m => m.CompanyId).ToList(), ct)).ToDictionary(c => c.Id);
        return memberships.Select(m => new MembershipView(byId[m.CompanyId], m.Roles)).OrderBy(m => m.Company.Name).ToList();
    }

    /// <summary>
    /// The company as the caller may see it, or null: one call, so that no caller reads it unchecked.
    /// One command for the company and the caller's membership (every company page starts here); the
    /// roles it read are remembered as RolesAsync would have, so the page's permission checks ask nothing more.
    /// </summary>
    public async Task<CompanyView?> FindVisibleAsync(Guid companyId, CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } userId) return null;
        var today = time.Today();
        var found = await CompanyWithRolesQuery(db, userId, companyId, today, ct);
        // Roles as RolesQuery reads them: none from a membership of a removed company.
        var roles = found is { Active: true, Roles: { } held } ? held : null;
        rolesByCompany.TryAdd(companyId, roles);
        if (found is null) return null;
        RememberVersion(companyId, found.WorkforceVersion);
        // Staff read every company of their tenant, removed ones included (CanSeeAsync).
        return currentUser.IsStaff || rolesByCompany[companyId] is not null ? found.Company : null;
    }

    private sealed record CompanyWithRoles(CompanyView Company, List<string>? Roles, bool Active, long WorkforceVersion);

    /// <summary>
    /// The company's <see cref="WorkforceVersion"/>: the one read with the company by FindVisibleAsync in this
    /// request if nothing was written since, else read now (-1: not a company of this tenant).
    /// </summary>
    public async Task<long> WorkforceVersionAsync(Guid companyId, CancellationToken ct = default)
    {
        if (workforceVersions.TryGetValue(companyId, out var known)) return known;
        var version = await WorkforceVersion.ReadAsync(db, companyId, ct) ?? -1;
        RememberVersion(companyId, version);
        return version;
    }

    // Not inside a transaction: a write there may be rolled back, and its version with it.
    private void RememberVersion(Guid companyId, long version)
    {
        if (db.Database.CurrentTransaction is null) workforceVersions[companyId] = version;
    }

    // The company (the tenant's query filter on it) left-joined to the caller's membership (the filter on it too).
    private static readonly Func<PlatformDbContext, Guid, Guid, DateOnly, CancellationToken, Task<CompanyWithRoles?>> CompanyWithRolesQuery = EF.CompileAsyncQuery(
        (PlatformDbContext db, Guid userId, Guid companyId, DateOnly today, CancellationToken ct) =>
            (from c in db.Companies.AsNoTracking()
             where c.Id == companyId
             join m in db.Memberships.AsNoTracking().Where(m => m.UserId == userId) on c.Id equals m.CompanyId into held
             from m in held.DefaultIfEmpty()
             select new CompanyWithRoles(new CompanyView(c.Id, c.MemberNumber, c.Siret, c.Name, c.LegalForm, c.NafCode),
                 m == null ? null : m.Roles, c.RemovedOn == null || c.RemovedOn > today, c.WorkforceVersion)).SingleOrDefault());

    /// <summary>The person's memberships of companies that are not removed on that day.</summary>
    public IQueryable<Membership> ActiveMemberships(Guid userId, DateOnly today) =>
        db.Memberships.Where(m => m.UserId == userId
            && db.Companies.Any(c => c.Id == m.CompanyId && (c.RemovedOn == null || c.RemovedOn > today)));

    public async Task<IReadOnlyList<RoleDefinition>> CatalogueAsync() =>
        RoleCatalogue.For((await rulesCache.GetAsync(tenantContext.Current!)).Rules);

    private static bool IsRead(Permission p) => p is Permission.ViewCompany or Permission.ViewEmployees or Permission.ViewAppointments or Permission.ViewCertificates or Permission.ViewInvoices or Permission.ViewDeclarations;
}
