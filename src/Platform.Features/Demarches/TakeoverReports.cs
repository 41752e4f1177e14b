using Platform.Features.Access;
using Platform.Features.Companies;

namespace Platform.Features.Demarches;

/// <summary>
/// Signaler un rachat de société ou un changement de dirigeant (seeds 000/001): the staff decide, seeing
/// the old and new SIRET; accepted, the company carries on under its new SIRET with the requester as
/// Administrateur. Made on a temp agency's parent account only.
/// </summary>
public sealed class TakeoverReports(DemarcheSupport support, CompanyDirectory companies)
{
    public async Task<Outcome<AccessRequestView>> ReportAsync(string? memberNumber, string? oldSiret, string? newSiret, string? description, CancellationToken ct = default)
    {
        if (await support.OfferedAsync(AccessRequestKind.Takeover) is { Succeeded: false } notOffered) return Outcome<AccessRequestView>.Fail(notOffered.Errors);
        if (await support.AttemptAsync() is { Succeeded: false } throttled) return Outcome<AccessRequestView>.Fail(throttled.Errors);
        _ = support.Caller;
        if (DemarcheSupport.OnTempWorkerAccount(memberNumber) is { } onTempAccount) return Outcome<AccessRequestView>.Fail(onTempAccount);
        oldSiret = DemarcheSupport.Digits(oldSiret);
        newSiret = DemarcheSupport.Digits(newSiret);
        if (DemarcheSupport.SiretProblem(oldSiret, "oldSiret", "L'ancien numéro SIRET") is { } badOld) return Outcome<AccessRequestView>.Fail(badOld);
        if (DemarcheSupport.SiretProblem(newSiret, "newSiret", "Le nouveau numéro SIRET") is { } badNew) return Outcome<AccessRequestView>.Fail(badNew);
        if (DemarcheSupport.DescriptionProblem(description) is { } problem) return Outcome<AccessRequestView>.Fail(problem);
        var company = await support.MatchAsync(memberNumber, oldSiret, ct);
        if (company is null) return Outcome<AccessRequestView>.Fail(DemarcheSupport.NoSuchMember);
        var request = support.Add(AccessRequestKind.Takeover, company, siret: oldSiret, newSiret: newSiret, description: description!.Trim());
        await support.Db.SaveChangesAsync(ct);
        return Outcome<AccessRequestView>.Ok(await support.ViewAsync(request, ct));
    }

    public async Task ApplyAsync(AccessRequest request, CancellationToken ct)
    {
        await companies.ChangeSiretAsync(request.CompanyId!.Value, request.NewSiret!, ct);
        request.GrantedRoles = [CompanyRoles.Administrator];
        await support.GrantAsync(request.CompanyId!.Value, request.RequestedByUserId, request.GrantedRoles, ct);
    }
}
