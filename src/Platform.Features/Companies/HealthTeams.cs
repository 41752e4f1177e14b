using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;

namespace Platform.Features.Companies;

public sealed record HealthTeamView(
    string? Doctor, IReadOnlyList<string> Nurses, string? MedicalSecretary, string? MedicalSecretaryPhone, string? MedicalSecretaryEmail,
    string? Iprp, string? Asst, string? PreventionAdviser, string? CentreName, string? CentreAddress, string? OpeningHours);

/// <summary>The health team and visit centre of a company: set by the tenant's staff, read by the employer (seeds 001, 003, 004).</summary>
public sealed class HealthTeams(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, TimeProvider time)
{
    public async Task<HealthTeamView?> GetAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewCompany, ct);
        var t = await db.HealthTeams.AsNoTracking().SingleOrDefaultAsync(h => h.CompanyId == companyId, ct);
        return t is null ? null : new(t.Doctor, t.Nurses, t.MedicalSecretary, t.MedicalSecretaryPhone, t.MedicalSecretaryEmail, t.Iprp, t.Asst, t.PreventionAdviser, t.CentreName, t.CentreAddress, t.OpeningHours);
    }

    public async Task<Outcome<HealthTeamView>> SetAsync(Guid companyId, HealthTeamView draft, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, ct)) return new UserError("NOT_FOUND", "Entreprise introuvable.", "companyId");
        var errors = new List<UserError>();
        string? T(string? v, int max, string field, string what) => CompanyRules.Text(v, max, field, what, errors);
        var team = new HealthTeamView(
            T(draft.Doctor, 200, "doctor", "le médecin du travail"),
            draft.Nurses.Select(n => n.Trim()).Where(n => n.Length > 0).Take(10).Select(n => T(n, 200, "nurses", "le nom de l'infirmier") ?? "").ToList(),
            T(draft.MedicalSecretary, 200, "medicalSecretary", "la secrétaire médicale"),
            CompanyRules.Phone(draft.MedicalSecretaryPhone, "medicalSecretaryPhone", errors),
            string.IsNullOrWhiteSpace(draft.MedicalSecretaryEmail) ? null : PersonDetails.EmailProblem(draft.MedicalSecretaryEmail, "medicalSecretaryEmail") is { } bad ? Add(errors, bad) : draft.MedicalSecretaryEmail.Trim(),
            T(draft.Iprp, 200, "iprp", "l'IPRP"),
            T(draft.Asst, 200, "asst", "l'ASST"),
            T(draft.PreventionAdviser, 200, "preventionAdviser", "le conseiller en prévention"),
            T(draft.CentreName, 200, "centreName", "le centre de visite"),
            T(draft.CentreAddress, 300, "centreAddress", "l'adresse du centre"),
            T(draft.OpeningHours, 300, "openingHours", "les horaires d'ouverture"));
        if (errors.Count > 0) return Outcome<HealthTeamView>.Fail(errors);

        var row = await db.HealthTeams.SingleOrDefaultAsync(h => h.CompanyId == companyId, ct);
        if (row is null) db.HealthTeams.Add(row = new HealthTeam { CompanyId = companyId });
        (row.Doctor, row.Nurses, row.MedicalSecretary, row.MedicalSecretaryPhone, row.MedicalSecretaryEmail) = (team.Doctor, team.Nurses.ToList(), team.MedicalSecretary, team.MedicalSecretaryPhone, team.MedicalSecretaryEmail);
        (row.Iprp, row.Asst, row.PreventionAdviser, row.CentreName, row.CentreAddress, row.OpeningHours) = (team.Iprp, team.Asst, team.PreventionAdviser, team.CentreName, team.CentreAddress, team.OpeningHours);
        row.UpdatedAt = time.GetUtcNow();
        db.AuditEntries.Record(time, staff, "health-team.set", "Company", companyId);
        await db.SaveChangesAsync(ct);
        return Outcome<HealthTeamView>.Ok(team);
    }

    private static string? Add(List<UserError> errors, UserError error)
    {
        errors.Add(error);
        return null;
    }
}
