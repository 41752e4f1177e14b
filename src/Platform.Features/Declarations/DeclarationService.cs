using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Declarations;

/// <summary>
/// The annual declarations of a company as members see them (the years they can declare, the one in
/// progress, those filed), and which companies owe the one the tenant's calendar expects now.
/// Filling one in is <see cref="DeclarationWizard"/>.
/// </summary>
public sealed class DeclarationService(PlatformDbContext db, CompanyAccess access, ITenantContext tenantContext, TenantRulesCache rulesCache, SepaMandateState mandates, TimeProvider time)
{
    /// <summary>
    /// The company's declarations, newest year first: those started or filed, and the years it can or
    /// will declare (« À saisir » when open today, « Non saisissable » otherwise), each with its estimate.
    /// </summary>
    public async Task<IReadOnlyList<DeclarationView>> ListAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewDeclarations, ct);
        var rules = await RulesAsync();
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
        var rows = await db.Declarations.AsNoTracking().Where(d => d.CompanyId == companyId).ToListAsync(ct);
        var sepa = await mandates.IsActiveAsync(companyId, ct);
        var today = time.Today();
        var views = rows.Select(r => View(r, rules, sepa)).ToList();
        if (DeclarationCalendar.Current(rules.Declaration, today) is { } current && DeclarationCalendar.Owes(rules.Declaration, current, JoinedYear(company), company.MemberNumber))
        {
            var first = Math.Max(FirstOwedYear(rules.Declaration, company), current.Year - DeclarationCalendar.PastYears);
            for (var year = first; year <= current.Year; year++)
                if (views.All(v => v.Year != year))
                {
                    var open = DeclarationCalendar.IsOpen(rules.Declaration, year, today);
                    views.Add(new DeclarationView(null, companyId, year, open ? DeclarationStatus.ToFill : DeclarationStatus.NotOpen, 0, null, null)
                        { Editable = open, Period = DeclarationCalendar.PeriodOf(rules.Declaration, year) });
                }
        }
        return views.OrderByDescending(v => v.Year).ToList();
    }

    /// <summary>One year's declaration of the company (a « À saisir » or « Non saisissable » one when not started), or null when it owes none that year.</summary>
    public async Task<DeclarationView?> GetAsync(Guid companyId, int year, CancellationToken ct = default) =>
        (await ListAsync(companyId, ct)).FirstOrDefault(v => v.Year == year);

    /// <summary>
    /// The companies that owe a declaration (the accountant's view), each with the oldest one it owes: a past
    /// year not declared (within <see cref="DeclarationCalendar.PastYears"/>, from the year it first owed one)
    /// comes before the period the tenant expects now, as the company's list shows them « À saisir ».
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, DeclarationPeriod>> DueAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct = default)
    {
        var rules = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules.Declaration;
        var due = new Dictionary<Guid, DeclarationPeriod>();
        if (DeclarationCalendar.Current(rules, time.Today()) is not { } current) return due;
        var oldest = current.Year - DeclarationCalendar.PastYears;
        var companies = await db.Companies.Where(c => companyIds.Contains(c.Id)).Select(c => new { c.Id, c.CreatedAt, c.MemberNumber }).ToListAsync(ct);
        var filed = (await db.Declarations
                .Where(d => companyIds.Contains(d.CompanyId) && d.Year >= oldest && d.Year <= current.Year && Declaration.FiledStatuses.Contains(d.Status))
                .Select(d => new { d.CompanyId, d.Year }).ToListAsync(ct))
            .Select(d => (d.CompanyId, d.Year)).ToHashSet();
        foreach (var c in companies)
        {
            var joined = TimeZoneInfo.ConvertTime(c.CreatedAt, FrenchTime.Paris).Year;
            if (!DeclarationCalendar.Owes(rules, current, joined, c.MemberNumber)) continue;
            for (var year = Math.Max(oldest, joined + (rules.NotDueInJoiningYear ? 1 : 0)); year <= current.Year; year++)
            {
                var period = year == current.Year ? current : DeclarationCalendar.PeriodOf(rules, year);
                if (period is null || filed.Contains((c.Id, year))) continue;
                due[c.Id] = period;
                break;
            }
        }
        return due;
    }

    internal async Task<TenantRules> RulesAsync() => (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules;

    internal static int JoinedYear(Company company) => TimeZoneInfo.ConvertTime(company.CreatedAt, FrenchTime.Paris).Year;

    /// <summary>The first year a company owes: the year it joined, or the next one where the tenant says so (sstrn).</summary>
    internal static int FirstOwedYear(DeclarationRules rules, Company company) => JoinedYear(company) + (rules.NotDueInJoiningYear ? 1 : 0);

    /// <summary>Whether the wizard may change this declaration now: not filed yet, or filed and still within the edit window (sstrn: 7 days).</summary>
    internal bool IsEditable(Declaration d) =>
        d.Status == DeclarationStatus.InProgress || (d.Status == DeclarationStatus.Submitted && d.EditableUntil is { } until && time.GetUtcNow() <= until);

    internal DeclarationView View(Declaration d, TenantRules rules, bool sepaMandateActive) =>
        new(d.Id, d.CompanyId, d.Year, d.Status, d.Headcount, d.SubmittedAt, d.EditableUntil)
        {
            Apprentices = d.Apprentices, Step = d.Step, HadStaff = d.HadStaff, PaymentMethod = d.PaymentMethod,
            Determinants = d.Determinants, OwnDeterminants = d.OwnDeterminants, SignatoryName = d.SignatoryName, SignatoryEmail = d.SignatoryEmail,
            Estimate = d.HadStaff == false ? null : EstimateOf(rules, d.Year, d.Headcount, d.Apprentices, sepaMandateActive),
            Editable = IsEditable(d), Period = DeclarationCalendar.PeriodOf(rules.Declaration, d.Year), InvoiceId = d.InvoiceId,
        };

    /// <summary>The estimate of a year's figures with that year's rates; the SEPA discount where the tenant gives one and the mandate is active.</summary>
    internal static Estimate? EstimateOf(TenantRules rules, int year, int headcount, int apprentices, bool sepaMandateActive) =>
        rules.RatesFor(year) is { } rate
            ? DeclarationEstimate.Compute(rate, headcount, apprentices, sepaMandateActive ? rules.Payment.SepaDiscountPercent : 0)
            : null;
}
