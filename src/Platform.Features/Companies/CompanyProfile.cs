using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.PendingChanges;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.Companies;

/// <summary>
/// The company's details and addresses (SPEC.md 3.2). Temp-worker accounts change nothing here: the
/// parent account does (seed 000). An update names the fields it changes; only those change, now or,
/// where the tenant validates every change (sst68), the day after staff accept them.
/// </summary>
public sealed class CompanyProfile(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, PendingChanges.PendingChanges pendingChanges, TimeProvider time)
    : IPendingChangeApplier
{
    public async Task<CompanyDetailsView?> GetAsync(Guid companyId, CancellationToken ct = default)
    {
        if (!await access.CanSeeAsync(companyId, ct)) return null;
        return await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => View(c)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Changes the fields <paramref name="given"/> names (null: every field, as the portal's form sends
    /// them); the others keep their value. Only what differs from the company now is recorded and applied.
    /// </summary>
    public async Task<Outcome<CompanyDetailsView>> UpdateAsync(Guid companyId, CompanyDetails details, IReadOnlySet<string>? given = null, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageCompany, ct);
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        if (TempAgency.ParentOf(company.MemberNumber) is { } parent)
            return TempAgency.AdministrativeOnParent(parent);
        var current = Details(company);
        var (checkedDetails, errors) = CompanyRules.Check(given is null ? details : details.Over(current, given), time.Today(), given);
        if (checkedDetails is null) return Outcome<CompanyDetailsView>.Fail(errors);
        var changed = CompanyDetails.Fields.Where(f => !Equals(checkedDetails.Value(f), current.Value(f))).ToList();
        if (changed.Count == 0) return Outcome<CompanyDetailsView>.Ok(View(company));

        if (await pendingChanges.MustWaitAsync())
        {
            var fields = changed.Select(f => new FieldChange(f, CompanyDetails.Label(f), CompanyDetails.Display(current.Value(f)), CompanyDetails.Display(checkedDetails.Value(f)))).ToList();
            var summary = $"Fiche entreprise : {string.Join(", ", changed.Select(f => CompanyDetails.Label(f).ToLowerInvariant()))}";
            var pending = await pendingChanges.RecordAsync(companyId, PendingChangeKind.CompanyDetails, null, company.Name, summary, new CompanyDetailsChange(changed, checkedDetails), fields, ct);
            return Outcome<CompanyDetailsView>.Waiting(pending);
        }

        Apply(company, changed, checkedDetails);
        db.AuditEntries.Record(time, currentUser.UserId, "company.updated", "Company", companyId, JsonSerializer.Serialize(new { fields = changed }));
        await db.SaveChangesAsync(ct);
        return Outcome<CompanyDetailsView>.Ok(View(company));
    }

    /// <summary>The employer's latest change of the details still to take effect (pending, or accepted for tomorrow).</summary>
    public async Task<PendingChangeView?> PendingForAsync(Guid companyId, CancellationToken ct = default) =>
        (await pendingChanges.ForCompanyAsync(companyId, ct: ct)).FirstOrDefault(c => c.Kind == PendingChangeKind.CompanyDetails && c.StillToTakeEffect);

    /// <summary>What a change of the details asks for, or null for another kind of change.</summary>
    public static CompanyDetailsChange? DetailsChangeOf(PendingChangeView change) =>
        change.Kind == PendingChangeKind.CompanyDetails ? JsonSerializer.Deserialize<CompanyDetailsChange>(change.Payload, PendingChanges.PendingChanges.Json) : null;

    public bool Applies(PendingChangeKind kind) => kind == PendingChangeKind.CompanyDetails;

    /// <summary>Sets only the fields the employer changed: a later change made from a form showing older values undoes nothing.</summary>
    public async Task<Outcome> ApplyAsync(PendingChange change, CancellationToken ct)
    {
        var asked = JsonSerializer.Deserialize<CompanyDetailsChange>(change.Payload, PendingChanges.PendingChanges.Json)!;
        var company = await db.Companies.SingleAsync(c => c.Id == change.CompanyId, ct);
        Apply(company, asked.Changed, asked.Values);
        return Outcome.Ok;
    }

    private static void Apply(Company c, IReadOnlyList<string> changed, CompanyDetails d)
    {
        foreach (var field in changed)
            switch (field)
            {
                case "name": c.Name = d.Name!; break;
                case "legalForm": c.LegalForm = d.LegalForm; break;
                case "creationDate": c.CreationDate = d.CreationDate; break;
                case "nafCode": c.NafCode = d.NafCode; break;
                case "activity": c.Activity = d.Activity; break;
                case "phone": c.Phone = d.Phone; break;
                case "fax": c.Fax = d.Fax; break;
                case "mainAddress": c.MainAddress = d.MainAddress; break;
                case "billingAddress": c.BillingAddress = d.BillingAddress; break;
                case "convocationAddress": c.ConvocationAddress = d.ConvocationAddress; break;
            }
    }

    private static CompanyDetails Details(Company c) =>
        new(c.Name, c.LegalForm, c.CreationDate, c.NafCode, c.Activity, c.MainAddress, c.BillingAddress, c.ConvocationAddress, c.Phone, c.Fax);

    private static CompanyDetailsView View(Company c) =>
        new(new CompanyView(c.Id, c.MemberNumber, c.Siret, c.Name, c.LegalForm, c.NafCode), c.CreationDate, c.Activity, c.MainAddress, c.BillingAddress, c.ConvocationAddress, c.Phone, c.Fax);
}
