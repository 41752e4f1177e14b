using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Declarations;

/// <summary>
/// The annual declarations of a company as members see them, and which companies owe the one the
/// tenant's calendar expects now. Filing a declaration (the flow of seeds 000 and 003) is not built yet.
/// </summary>
public sealed class DeclarationService(PlatformDbContext db, CompanyAccess access, ITenantContext tenantContext, TenantRulesCache rulesCache, TimeProvider time)
{
    /// <summary>The company's declarations, newest year first; the one expected now shows « À saisir » until it is started.</summary>
    public async Task<IReadOnlyList<DeclarationView>> ListAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewDeclarations, ct);
        var views = await db.Declarations.AsNoTracking().Where(d => d.CompanyId == companyId).OrderByDescending(d => d.Year)
            .Select(d => new DeclarationView(d.Id, d.CompanyId, d.Year, d.Status, d.Headcount, d.SubmittedAt, d.EditableUntil)).ToListAsync(ct);
        var due = await DueAsync([companyId], ct);
        if (due.TryGetValue(companyId, out var period) && views.All(v => v.Year != period.Year))
            views.Insert(0, new DeclarationView(null, companyId, period.Year, DeclarationStatus.ToFill, 0, null, null));
        return views;
    }

    /// <summary>The companies that owe the declaration the tenant expects now, with its period (the accountant's view).</summary>
    public async Task<IReadOnlyDictionary<Guid, DeclarationPeriod>> DueAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct = default)
    {
        var rules = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules.Declaration;
        if (DeclarationCalendar.Current(rules, time.Today()) is not { } period) return new Dictionary<Guid, DeclarationPeriod>();
        var companies = await db.Companies.Where(c => companyIds.Contains(c.Id)).Select(c => new { c.Id, c.CreatedAt, c.MemberNumber }).ToListAsync(ct);
        var filed = await db.Declarations
            .Where(d => companyIds.Contains(d.CompanyId) && d.Year == period.Year && Declaration.FiledStatuses.Contains(d.Status))
            .Select(d => d.CompanyId).ToListAsync(ct);
        return companies
            .Where(c => !filed.Contains(c.Id) && DeclarationCalendar.Owes(rules, period, TimeZoneInfo.ConvertTime(c.CreatedAt, FrenchTime.Paris).Year, c.MemberNumber))
            .ToDictionary(c => c.Id, _ => period);
    }
}
