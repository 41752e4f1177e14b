using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Notifications;

namespace Platform.Features.Demarches;

/// <summary>
/// Demander la gestion d'un adhérent (seeds 000/001): the company's administrators are e-mailed and
/// decide, choosing the access type. A company with users but no administrator has nobody to decide:
/// its request goes to the tenant's staff instead of sending the person back to « synchroniser ».
/// </summary>
public sealed class ManagementRequests(DemarcheSupport support, CompanyAccess access, EmailOutbox outbox, NotificationRecipients recipients)
{
    public async Task<Outcome<AccessRequestView>> RequestAsync(string? memberNumber, string? siret, string siteUrl, CancellationToken ct = default)
    {
        if (await support.OfferedAsync(AccessRequestKind.Manage) is { Succeeded: false } notOffered) return Outcome<AccessRequestView>.Fail(notOffered.Errors);
        if (await support.AttemptAsync() is { Succeeded: false } throttled) return Outcome<AccessRequestView>.Fail(throttled.Errors);
        var caller = support.Caller;
        var db = support.Db;
        siret = DemarcheSupport.Digits(siret);
        if (DemarcheSupport.SiretProblem(siret, "siret") is { } badSiret) return Outcome<AccessRequestView>.Fail(badSiret);
        var company = await support.MatchAsync(memberNumber, siret, ct);
        if (company is null) return Outcome<AccessRequestView>.Fail(DemarcheSupport.NoSuchMember);
        if (await db.Memberships.AnyAsync(m => m.CompanyId == company.Id && m.UserId == caller, ct))
            return Outcome<AccessRequestView>.Fail(new UserError("ALREADY_MEMBER", "Vous gérez déjà cet adhérent.", "memberNumber"));
        if (await db.AccessRequests.AnyAsync(r => r.CompanyId == company.Id && r.RequestedByUserId == caller && r.Kind == AccessRequestKind.Manage && r.State == AccessRequestState.InProgress, ct))
            return Outcome<AccessRequestView>.Fail(new UserError("ALREADY_REQUESTED", "Une demande de gestion de cet adhérent est déjà en cours.", "memberNumber"));
        var administrators = await support.AdministratorsAsync(company.Id, ct);
        if (administrators.Count == 0 && !await db.Memberships.AnyAsync(m => m.CompanyId == company.Id, ct))
            return Outcome<AccessRequestView>.Fail(new UserError("NOT_SYNCHRONIZED", "Personne ne gère encore cet adhérent : choisissez SYNCHRONISER VOTRE ADHERENT.", "memberNumber"));

        // Users but no administrator: the staff decide (and may make the person Administrateur).
        var request = support.Add(AccessRequestKind.Manage, company, siret: siret, addressedToStaff: administrators.Count == 0);
        var requester = await support.Identity.Users.AsNoTracking().SingleAsync(u => u.Id == caller, ct);
        var rules = await support.RulesAsync();
        // The administrators who take démarche e-mails (all of them when every one unticked it: only they can decide).
        foreach (var admin in await recipients.ForAsync(company.Id, NotificationKind.Requests, r => r.Contains(CompanyRoles.Administrator), ct))
            outbox.Enqueue(admin.Email, EmailTemplates.ManagementRequested(rules, company.Name, $"{requester.FirstName} {requester.LastName}", requester.Email, $"{siteUrl.TrimEnd('/')}/demarches"));
        await db.SaveChangesAsync(ct);
        return Outcome<AccessRequestView>.Ok(await support.ViewAsync(request, ct));
    }

    /// <summary>On acceptance: the roles the decider chose, from the tenant's catalogue.</summary>
    public async Task<Outcome> ApplyAsync(AccessRequest request, IReadOnlyList<string>? roles, CancellationToken ct)
    {
        var known = (await access.CatalogueAsync()).Select(r => r.Name).ToHashSet();
        if (roles is null || roles.Count == 0) return new UserError("ROLES_REQUIRED", "Choisissez le type d'accès (au moins un rôle).", "roles");
        if (roles.FirstOrDefault(r => !known.Contains(r)) is { } unknown) return new UserError("UNKNOWN_ROLE", $"Le rôle « {unknown} » n'existe pas.", "roles");
        request.GrantedRoles = roles.Distinct().ToList();
        await support.GrantAsync(request.CompanyId!.Value, request.RequestedByUserId, request.GrantedRoles, ct);
        return Outcome.Ok;
    }
}
