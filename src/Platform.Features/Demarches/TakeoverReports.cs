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
    public async Task<RequestOutcome> ReportAsync(string? memberNumber, string? oldSiret, string? newSiret, string? description, CancellationToken ct = default)
    {
        if (await support.NotOfferedAsync(AccessRequestKind.Takeover) is { } notOffered) return RequestOutcome.Fail(notOffered);
        if (support.Throttled() is { } throttled) return RequestOutcome.Fail(throttled);
        _ = support.Caller;
        if (DemarcheSupport.OnTempWorkerAccount(memberNumber) is { } onTempAccount) return RequestOutcome.Fail(onTempAccount);
        oldSiret = DemarcheSupport.Digits(oldSiret);
        newSiret = DemarcheSupport.Digits(newSiret);
        if (DemarcheSupport.SiretProblem(oldSiret, "oldSiret", "L'ancien numéro SIRET") is { } badOld) return RequestOutcome.Fail(badOld);
        if (DemarcheSupport.SiretProblem(newSiret, "newSiret", "Le nouveau numéro SIRET") is { } badNew) return RequestOutcome.Fail(badNew);
        if (DemarcheSupport.DescriptionProblem(description) is { } problem) return RequestOutcome.Fail(problem);
        var company = await support.MatchAsync(memberNumber, oldSiret, ct);
        if (company is null) return RequestOutcome.Fail(DemarcheSupport.NoSuchMember);
        var request = support.Add(AccessRequestKind.Takeover, company, siret: oldSiret, newSiret: newSiret, description: description!.Trim());
        await support.Db.SaveChangesAsync(ct);
        return new RequestOutcome(await support.ViewAsync(request, ct), null, []);
    }

    public async Task ApplyAsync(AccessRequest request, CancellationToken ct)
    {
        await companies.ChangeSiretAsync(request.CompanyId!.Value, request.NewSiret!, ct);
        request.GrantedRoles = [CompanyRoles.Administrator];
        await support.GrantAsync(request.CompanyId!.Value, request.RequestedByUserId, request.GrantedRoles, ct);
    }
}
