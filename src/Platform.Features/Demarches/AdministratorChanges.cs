using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;

namespace Platform.Features.Demarches;

/// <summary>
/// Modifier l'administrateur d'un compte adhérent (seeds 000/001): the former administrator left; the
/// staff decide, seeing the numbers and the e-mail given. Made on a temp agency's parent account only.
/// </summary>
public sealed class AdministratorChanges(DemarcheSupport support, Sessions sessions)
{
    public async Task<Outcome<AccessRequestView>> RequestAsync(string? memberNumber, string? siret, string? formerAdministratorEmail, CancellationToken ct = default)
    {
        if (await support.OfferedAsync(AccessRequestKind.ChangeAdministrator) is { Succeeded: false } notOffered) return Outcome<AccessRequestView>.Fail(notOffered.Errors);
        if (await support.AttemptAsync() is { Succeeded: false } throttled) return Outcome<AccessRequestView>.Fail(throttled.Errors);
        _ = support.Caller;
        if (DemarcheSupport.OnTempWorkerAccount(memberNumber) is { } onTempAccount) return Outcome<AccessRequestView>.Fail(onTempAccount);
        siret = DemarcheSupport.Digits(siret);
        if (DemarcheSupport.SiretProblem(siret, "siret") is { } badSiret) return Outcome<AccessRequestView>.Fail(badSiret);
        var email = formerAdministratorEmail?.Trim();
        if (!PersonDetails.IsEmail(email))
            return Outcome<AccessRequestView>.Fail(new UserError("INVALID_EMAIL", "Indiquez l'adresse e-mail de l'ancien administrateur.", "formerAdministratorEmail"));
        var company = await support.MatchAsync(memberNumber, siret, ct);
        if (company is null) return Outcome<AccessRequestView>.Fail(DemarcheSupport.NoSuchMember);
        var request = support.Add(AccessRequestKind.ChangeAdministrator, company, siret: siret, formerAdministrator: email);
        await support.Db.SaveChangesAsync(ct);
        return Outcome<AccessRequestView>.Ok(await support.ViewAsync(request, ct));
    }

    /// <summary>On acceptance: the requester becomes Administrateur; the former administrator loses that role.</summary>
    public async Task ApplyAsync(AccessRequest request, CancellationToken ct)
    {
        var db = support.Db;
        request.GrantedRoles = [CompanyRoles.Administrator];
        var former = request.FormerAdministratorEmail is { } email ? User.Normalize(email) : null;
        var formerId = await support.Identity.Users.Where(u => u.NormalizedEmail == former).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        if (formerId is { } id && id != request.RequestedByUserId
            && await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == request.CompanyId && m.UserId == id, ct) is { } formerMembership)
        {
            formerMembership.Roles = formerMembership.Roles.Where(r => r != CompanyRoles.Administrator).ToList();
            if (formerMembership.Roles.Count == 0) db.Memberships.Remove(formerMembership);
            // The former administrator's sessions and refresh tokens end: their rights changed.
            await sessions.EndAllAsync(id, ct);
        }
        await support.GrantAsync(request.CompanyId!.Value, request.RequestedByUserId, request.GrantedRoles, ct);
    }
}
