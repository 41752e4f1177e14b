using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Companies;

/// <summary>An employer's change waiting for staff, as the employer and the staff see it.</summary>
public sealed record PendingChangeView(Guid Id, Guid CompanyId, string CompanyName, string MemberNumber, CompanyDetails Details, RequestState State, DateTimeOffset RequestedAt, DateOnly? EffectiveOn);

/// <summary>What an update of the details did: applied now, or waiting for staff validation.</summary>
public sealed record DetailsResult(CompanyDetailsView? Company, PendingChangeView? Pending, IReadOnlyList<UserError> Errors);

/// <summary>
/// The company's details and addresses (SPEC.md 3.2). Temp-worker accounts change nothing here: the
/// parent account does (seed 000). Where the tenant validates every change (sst68), an employer's
/// change waits for staff and takes effect the day after their acceptance.
/// </summary>
public sealed class CompanyProfile(
    PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, ITenantContext tenantContext, TenantRulesCache rulesCache, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CompanyDetailsView?> GetAsync(Guid companyId, CancellationToken ct = default)
    {
        if (!await access.CanSeeAsync(companyId, ct)) return null;
        return await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => View(c)).SingleOrDefaultAsync(ct);
    }

    public async Task<DetailsResult> UpdateAsync(Guid companyId, CompanyDetails details, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageCompany, ct);
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        if (TempAgency.ParentOf(company.MemberNumber) is { } parent)
            return new(null, null, [new UserError("ADMIN_ON_PARENT", $"Les modifications administratives se font sur le compte mère {parent}.", "companyId")]);
        var (checkedDetails, errors) = CompanyRules.Check(details, time.Today());
        if (checkedDetails is null) return new(null, null, errors);

        var rules = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules.EmployerChanges;
        if (rules.NeedStaffValidation == StaffValidation.AllChanges && !currentUser.IsStaff)
        {
            if (await db.PendingCompanyChanges.AnyAsync(p => p.CompanyId == companyId && p.State == RequestState.Pending, ct))
                return new(null, null, [new UserError("CHANGE_PENDING", "Une modification de l'entreprise attend déjà la validation du service : attendez sa décision avant d'en demander une autre.", "companyId")]);
            var change = new PendingCompanyChange
            {
                CompanyId = companyId, Details = JsonSerializer.Serialize(checkedDetails, Json), RequestedByUserId = currentUser.UserId!.Value, RequestedAt = time.GetUtcNow(),
            };
            db.PendingCompanyChanges.Add(change);
            db.AuditEntries.Record(time, currentUser.UserId, "company.change-requested", "Company", companyId);
            await db.SaveChangesAsync(ct);
            return new(null, PendingView(change, company), []);
        }

        Apply(company, checkedDetails);
        db.AuditEntries.Record(time, currentUser.UserId, "company.updated", "Company", companyId);
        await db.SaveChangesAsync(ct);
        return new(View(company), null, []);
    }

    /// <summary>The employer's latest change still to take effect (pending, or accepted for tomorrow).</summary>
    public async Task<PendingChangeView?> PendingForAsync(Guid companyId, CancellationToken ct = default)
    {
        if (!await access.CanSeeAsync(companyId, ct)) return null;
        var change = await db.PendingCompanyChanges.AsNoTracking()
            .Where(p => p.CompanyId == companyId && (p.State == RequestState.Pending || (p.State == RequestState.Accepted && p.AppliedAt == null)))
            .OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        return change is null ? null : PendingView(change, await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct));
    }

    /// <summary>Staff: changes waiting for a decision, oldest first.</summary>
    public async Task<IReadOnlyList<PendingChangeView>> AwaitingDecisionAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var changes = await db.PendingCompanyChanges.AsNoTracking().Where(p => p.State == RequestState.Pending).OrderBy(p => p.Id).Take(200).ToListAsync(ct);
        var ids = changes.Select(c => c.CompanyId).Distinct().ToList();
        var byId = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return changes.Select(c => PendingView(c, byId[c.CompanyId])).ToList();
    }

    /// <summary>Staff accept or refuse; an accepted change takes effect the next day (or at once where the tenant says so).</summary>
    public async Task<(PendingChangeView? Change, IReadOnlyList<UserError> Errors)> DecideAsync(Guid changeId, bool accept, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        var change = await db.PendingCompanyChanges.SingleOrDefaultAsync(p => p.Id == changeId, ct);
        if (change is null) return (null, [new UserError("NOT_FOUND", "Cette modification n'existe pas.", "id")]);
        if (change.State != RequestState.Pending) return (null, [new UserError("ALREADY_DECIDED", "Cette modification a déjà été traitée.", "id")]);
        var rules = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules.EmployerChanges;
        change.State = accept ? RequestState.Accepted : RequestState.Refused;
        change.DecidedByUserId = staff;
        change.DecidedAt = time.GetUtcNow();
        var company = await db.Companies.SingleAsync(c => c.Id == change.CompanyId, ct);
        if (accept)
        {
            change.EffectiveOn = rules.TakesEffectNextDay ? time.Today().AddDays(1) : time.Today();
            if (!rules.TakesEffectNextDay) ApplyChange(change, company);
        }
        db.AuditEntries.Record(time, staff, accept ? "company.change-accepted" : "company.change-refused", "Company", change.CompanyId);
        await db.SaveChangesAsync(ct);
        return (PendingView(change, company), []);
    }

    /// <summary>Applies the accepted changes whose day has come (the pending-changes job of each tenant).</summary>
    public async Task<int> ApplyDueAsync(CancellationToken ct = default)
    {
        var today = time.Today();
        var due = await db.PendingCompanyChanges.Where(p => p.State == RequestState.Accepted && p.AppliedAt == null && p.EffectiveOn <= today).OrderBy(p => p.Id).ToListAsync(ct);
        foreach (var change in due)
        {
            var company = await db.Companies.SingleAsync(c => c.Id == change.CompanyId, ct);
            ApplyChange(change, company);
            db.AuditEntries.Record(time, null, "company.change-applied", "Company", change.CompanyId);
        }
        if (due.Count > 0) await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private void ApplyChange(PendingCompanyChange change, Company company)
    {
        Apply(company, JsonSerializer.Deserialize<CompanyDetails>(change.Details, Json)!);
        change.AppliedAt = time.GetUtcNow();
    }

    private static void Apply(Company c, CompanyDetails d)
    {
        c.Name = d.Name!;
        c.LegalForm = d.LegalForm;
        c.CreationDate = d.CreationDate;
        c.NafCode = d.NafCode;
        c.Activity = d.Activity;
        c.MainAddress = d.MainAddress;
        c.BillingAddress = d.BillingAddress;
        c.ConvocationAddress = d.ConvocationAddress;
    }

    private static PendingChangeView PendingView(PendingCompanyChange p, Company c) =>
        new(p.Id, p.CompanyId, c.Name, c.MemberNumber, JsonSerializer.Deserialize<CompanyDetails>(p.Details, Json)!, p.State, p.RequestedAt, p.EffectiveOn);

    private static CompanyDetailsView View(Company c) =>
        new(new CompanyView(c.Id, c.MemberNumber, c.Siret, c.Name, c.LegalForm, c.NafCode), c.CreationDate, c.Activity, c.MainAddress, c.BillingAddress, c.ConvocationAddress);
}
