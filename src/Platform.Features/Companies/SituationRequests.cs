using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.Companies;

public sealed record SituationRequestView(Guid Id, Guid CompanyId, string CompanyName, SituationChange Kind, string Reason, DateOnly EffectiveDate, RequestState State, DateTimeOffset RequestedAt);

/// <summary>Changes of situation (cessation, no more employees, liquidation) and suspension or removal requests, decided by staff.</summary>
public sealed class SituationRequests(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, TimeProvider time)
{
    public static string Label(SituationChange kind) => kind switch
    {
        SituationChange.Cessation => "Cessation d'activité",
        SituationChange.NoMoreEmployees => "Plus de salarié",
        SituationChange.Liquidation => "Liquidation judiciaire",
        SituationChange.Suspension => "Suspension de l'adhésion",
        _ => "Radiation",
    };

    /// <remarks>The portal's form preselects no kind (a consequential choice): none chosen is an error of the field « kind ».</remarks>
    public async Task<Outcome<SituationRequestView>> RequestAsync(Guid companyId, SituationChange? kind, string? reason, DateOnly? effectiveDate, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageCompany, ct);
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
        if (TempAgency.ParentOf(company.MemberNumber) is { } parent)
            return TempAgency.AdministrativeOnParent(parent);
        var errors = new List<UserError>();
        if (kind is null || !Enum.IsDefined(kind.Value)) errors.Add(new("REQUIRED", "Choisissez la nature du changement de situation.", "kind"));
        var text = CompanyRules.Text(reason, 2000, "reason", "le motif", errors, required: true);
        var today = time.Today();
        if (effectiveDate is null) errors.Add(new("REQUIRED", "Indiquez la date à laquelle le changement prend effet.", "effectiveDate"));
        else if (effectiveDate < today.AddYears(-1) || effectiveDate > today.AddYears(1))
            errors.Add(new("INVALID_DATE", "La date d'effet doit se situer dans l'année qui précède ou qui suit.", "effectiveDate"));
        if (errors.Count > 0) return Outcome<SituationRequestView>.Fail(errors);
        if (await db.SituationRequests.AnyAsync(r => r.CompanyId == companyId && r.State == RequestState.Pending, ct))
            return new UserError("REQUEST_PENDING", "Une demande de changement de situation est déjà en cours de traitement.", "companyId");

        var request = new SituationRequest
        {
            CompanyId = companyId, Kind = kind!.Value, Reason = text!, EffectiveDate = effectiveDate!.Value, RequestedByUserId = currentUser.UserId!.Value, RequestedAt = time.GetUtcNow(),
        };
        db.SituationRequests.Add(request);
        db.AuditEntries.Record(time, currentUser.UserId, "company.situation-requested", "Company", companyId, $$"""{"kind":"{{kind}}"}""");
        await db.SaveChangesAsync(ct);
        return Outcome<SituationRequestView>.Ok(View(request, company.Name));
    }

    public async Task<IReadOnlyList<SituationRequestView>> ForCompanyAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewCompany, ct);
        var name = await db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).SingleAsync(ct);
        return (await db.SituationRequests.AsNoTracking().Where(r => r.CompanyId == companyId).OrderByDescending(r => r.Id).ToListAsync(ct)).Select(r => View(r, name)).ToList();
    }

    public async Task<IReadOnlyList<SituationRequestView>> AwaitingDecisionAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await db.SituationRequests.AsNoTracking().Where(r => r.State == RequestState.Pending).OrderBy(r => r.Id).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.CompanyId).Distinct().ToList();
        var names = await db.Companies.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(r => View(r, names[r.CompanyId])).ToList();
    }

    public async Task<Outcome<SituationRequestView>> DecideAsync(Guid id, bool accept, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        var request = await db.SituationRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return new UserError("NOT_FOUND", "Cette demande n'existe pas.", "id");
        if (request.State != RequestState.Pending) return new UserError("ALREADY_DECIDED", "Cette demande a déjà été traitée.", "id");
        request.State = accept ? RequestState.Accepted : RequestState.Refused;
        if (accept && request.Kind == SituationChange.Removal)
        {
            // Radiation: removed from its date; from then its users have no access (CompanyAccess), its history stays.
            var company = await db.Companies.SingleAsync(c => c.Id == request.CompanyId, ct);
            company.RemovedOn = request.EffectiveDate;
        }
        request.DecidedByUserId = staff;
        request.DecidedAt = time.GetUtcNow();
        db.AuditEntries.Record(time, staff, accept ? "company.situation-accepted" : "company.situation-refused", "Company", request.CompanyId);
        await db.SaveChangesAsync(ct);
        return Outcome<SituationRequestView>.Ok(View(request, await db.Companies.Where(c => c.Id == request.CompanyId).Select(c => c.Name).SingleAsync(ct)));
    }

    private static SituationRequestView View(SituationRequest r, string companyName) =>
        new(r.Id, r.CompanyId, companyName, r.Kind, r.Reason, r.EffectiveDate, r.State, r.RequestedAt);
}
