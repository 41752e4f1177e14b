using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Employees;

/// <summary>
/// Whether employers may change a company's employees now: the permission, and the January lock of
/// tenants that close the section during the annual declaration (sst68). Every employee change asks here first.
/// </summary>
public sealed class EmployeeLock(
    PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, ITenantContext tenantContext, TenantRulesCache rulesCache, TimeProvider time)
{
    /// <summary>Whether employers may change employees of this company now, or why not (the January lock of sst68).</summary>
    public async Task<Outcome> CanWriteAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageEmployees, ct);
        if (await LockMessageAsync() is { } message && !currentUser.IsStaff)
            return new UserError("EMPLOYEES_LOCKED", message, "companyId");
        return Outcome.Ok;
    }

    /// <summary>The tenant's explanation when the employee section is read-only today, else null.</summary>
    public async Task<string?> LockMessageAsync()
    {
        var rules = await RulesAsync();
        return rules.EmployerChanges.EmployeeSectionLock is { } @lock && time.Today().Month == @lock.Month ? @lock.Message : null;
    }

    /// <summary>The tracked employee when the caller may change it now; else why not (unknown and unseen read alike).</summary>
    internal async Task<Outcome<Employee>> FindForWriteAsync(Guid id, CancellationToken ct)
    {
        var employee = await db.Employees.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (employee is null || !await access.HasAsync(employee.CompanyId, Permission.ViewEmployees, ct)) return EmployeeService.NotFound;
        var writable = await CanWriteAsync(employee.CompanyId, ct);
        return writable.Succeeded ? Outcome<Employee>.Ok(employee) : Outcome<Employee>.Fail(writable.Errors);
    }

    internal async Task<TenantRules> RulesAsync() => (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules;
}
