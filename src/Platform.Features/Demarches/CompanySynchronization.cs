using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Notifications;
using Platform.Features.Regulation;

namespace Platform.Features.Demarches;

/// <summary>
/// Synchroniser votre adhérent (seeds 000/001): the first person attached to a company becomes its
/// Administrateur. A member number and a SIREN are public facts, so they only open a request: a code goes
/// to the contact the service has on file for the company, and entering it completes the synchronisation;
/// without a contact (or a code) the service's staff decide. The answer to the numbers is the same
/// whether they match or not, and a database constraint lets exactly one synchronisation win.
/// </summary>
public sealed class CompanySynchronization(DemarcheSupport support, CompanyDirectory companies, EmailOutbox outbox)
{
    public const int MaxWrongTries = 5;
    public const int CodeValidityHours = 48;
    public const string AlreadySynchronized =
        "Cette démarche de synchronisation a déjà été réalisée. Nous vous invitons à choisir DEMANDER LA GESTION D'UN ADHERENT pour ce compte.";
    private static readonly UserError WrongCode =
        new("INVALID_CODE", "Ce code n'est pas ou plus valable. Vérifiez-le auprès du contact de votre entreprise, ou attendez la décision du service adhérents.", "code");

    /// <summary>Opens the request and, when the numbers match a company with a contact on file, e-mails that contact a code.</summary>
    public async Task<Outcome<Synchronization>> StartAsync(string? memberNumber, string? siren, CancellationToken ct = default)
    {
        if (await support.OfferedAsync(AccessRequestKind.Synchronize) is { Succeeded: false } notOffered) return Outcome<Synchronization>.Fail(notOffered.Errors);
        if (await support.AttemptAsync() is { Succeeded: false } throttled) return Outcome<Synchronization>.Fail(throttled.Errors);
        var caller = support.Caller;
        var number = memberNumber?.Trim();
        siren = DemarcheSupport.Digits(siren);
        if (string.IsNullOrEmpty(number) || number.Length > 20)
            return Outcome<Synchronization>.Fail(new UserError("MEMBER_NUMBER_REQUIRED", "Indiquez le numéro d'adhérent (20 caractères au plus).", "memberNumber"));
        if (!Identifiers.IsValidSiren(siren)) return Outcome<Synchronization>.Fail(new UserError("INVALID_SIREN", "Le numéro SIREN doit compter 9 chiffres valides.", "siren"));
        var db = support.Db;
        if (await db.AccessRequests.AnyAsync(r => r.RequestedByUserId == caller && r.Kind == AccessRequestKind.Synchronize
                && r.State == AccessRequestState.InProgress && r.MemberNumber == number && r.Siret == siren, ct))
            return Outcome<Synchronization>.Fail(new UserError("ALREADY_REQUESTED",
                "Vous avez déjà demandé cette synchronisation : saisissez le code reçu par le contact de votre entreprise, ou attendez la décision du service adhérents.", "memberNumber"));

        var request = support.Add(AccessRequestKind.Synchronize, null, memberNumber: number, siret: siren);
        // The same reads whatever the numbers: a match costs no visibly different time.
        var company = await companies.FindByMemberNumberAsync(number, ct);
        var matched = company is not null && company.Siret.StartsWith(siren!, StringComparison.Ordinal);
        var contact = await ContactEmailAsync(matched ? company!.Id : Guid.Empty, ct);
        var requester = await support.Identity.Users.AsNoTracking().SingleAsync(u => u.Id == caller, ct);
        var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8");
        if (matched && contact is not null)
        {
            request.ConfirmationCodeHash = CodeHash(request.Id, code);
            request.ConfirmationExpiresAt = support.Time.GetUtcNow().AddHours(CodeValidityHours);
            outbox.Enqueue(contact, EmailTemplates.SynchronizationCode(await support.RulesAsync(), company!.Name,
                $"{requester.FirstName} {requester.LastName}", requester.Email, code, CodeValidityHours));
        }
        await db.SaveChangesAsync(ct);
        // The same answer whether the numbers matched or not: a request in progress, no company.
        return Outcome<Synchronization>.Ok(new Synchronization(await support.ViewAsync(request, ct), null));
    }

    /// <summary>Completes the caller's synchronisation with the code the company's contact received.</summary>
    public async Task<Outcome<Synchronization>> ConfirmAsync(Guid requestId, string? code, CancellationToken ct = default)
    {
        if (await support.OfferedAsync(AccessRequestKind.Synchronize) is { Succeeded: false } notOffered) return Outcome<Synchronization>.Fail(notOffered.Errors);
        if (await support.AttemptAsync() is { Succeeded: false } throttled) return Outcome<Synchronization>.Fail(throttled.Errors);
        var caller = support.Caller;
        var db = support.Db;
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.RequestedByUserId == caller && r.Kind == AccessRequestKind.Synchronize, ct);
        if (request is null) return Outcome<Synchronization>.Fail(new UserError("NOT_FOUND", "Cette démarche n'existe pas.", "requestId"));
        if (request.State != AccessRequestState.InProgress) return Outcome<Synchronization>.Fail(new UserError("ALREADY_DECIDED", "Cette démarche a déjà été traitée.", "requestId"));
        if (request.ConfirmationCodeHash is null || request.ConfirmationExpiresAt <= support.Time.GetUtcNow()) return Outcome<Synchronization>.Fail(WrongCode);
        // Each try is counted before it is checked, atomically: parallel guesses cannot exceed the budget.
        var counted = await db.AccessRequests.Where(r => r.Id == requestId && r.ConfirmationWrongTries < MaxWrongTries)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConfirmationWrongTries, r => r.ConfirmationWrongTries + 1), ct);
        var typed = DemarcheSupport.Digits(code) ?? "";
        if (counted == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeHash(request.Id, typed)), Encoding.ASCII.GetBytes(request.ConfirmationCodeHash)))
            return Outcome<Synchronization>.Fail(WrongCode);

        var (company, problem) = await ClaimAsync(request, ct);
        if (problem is not null)
        {
            // The code was right, so the requester may learn why: refuse this request and say what to do.
            Decide(request, accepted: false);
            await db.SaveChangesAsync(ct);
            return Outcome<Synchronization>.Fail(problem);
        }
        Decide(request, accepted: true);
        support.Audit("company-synchronized", company!.Id);
        if (!await TrySaveClaimAsync(ct)) return await LostRaceAsync(requestId, ct);
        return Outcome<Synchronization>.Ok(new Synchronization(await support.ViewAsync(request, ct), company));
    }

    /// <summary>
    /// Makes the requester the company's Administrateur (code confirmed, or staff accepting). The claim row
    /// is unique per company and round: of concurrent claims, SaveChanges lets exactly one through.
    /// </summary>
    public async Task<(CompanyView? Company, UserError? Problem)> ClaimAsync(AccessRequest request, CancellationToken ct)
    {
        var db = support.Db;
        var company = await companies.FindByMemberNumberAsync(request.MemberNumber, ct);
        if (company is null || request.Siret is null || !company.Siret.StartsWith(request.Siret, StringComparison.Ordinal))
            return (null, new UserError("MEMBER_NOT_FOUND", "Aucun adhérent ne correspond à ce numéro d'adhérent et à ce numéro SIREN.", "memberNumber"));
        // The round is read BEFORE the memberships: a claim that committed before this count also committed
        // its membership (one transaction), so the check below sees it; a claim that commits after it takes
        // the same round and one of the two inserts fails on the unique index. (Read after the check, a
        // concurrent winner could be missed by the check and counted by the round: two administrators.)
        var round = await db.CompanyClaims.CountAsync(c => c.CompanyId == company.Id, ct) + 1;
        if (await db.Memberships.AnyAsync(m => m.CompanyId == company.Id, ct))
            return (null, new UserError("ALREADY_SYNCHRONIZED", AlreadySynchronized, "memberNumber"));
        db.CompanyClaims.Add(new CompanyClaim { CompanyId = company.Id, Round = round, UserId = request.RequestedByUserId, RequestId = request.Id, ClaimedAt = support.Time.GetUtcNow() });
        request.CompanyId = company.Id;
        request.CompanyName = company.Name;
        request.GrantedRoles = [CompanyRoles.Administrator];
        await support.GrantAsync(company.Id, request.RequestedByUserId, request.GrantedRoles, ct);
        return (company, null);
    }

    /// <summary>False when another synchronisation of the same company won (its claim row went in first).</summary>
    public async Task<bool> TrySaveClaimAsync(CancellationToken ct)
    {
        try
        {
            await support.Db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            support.Db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The losing request is refused; the error carries the seed's message.</summary>
    public async Task<UserError> LostRaceAsync(Guid requestId, CancellationToken ct)
    {
        var request = await support.Db.AccessRequests.SingleAsync(r => r.Id == requestId, ct);
        Decide(request, accepted: false);
        await support.Db.SaveChangesAsync(ct);
        return new UserError("ALREADY_SYNCHRONIZED", AlreadySynchronized, "memberNumber");
    }

    private void Decide(AccessRequest request, bool accepted)
    {
        request.State = accepted ? AccessRequestState.Accepted : AccessRequestState.Refused;
        request.DecidedAt = support.Time.GetUtcNow();
        request.DecidedByUserId ??= request.RequestedByUserId;
        request.ConfirmationCodeHash = null;
    }

    /// <summary>The company's e-mail on file: its Dirigeant's first, else the first contact with an e-mail.</summary>
    private async Task<string?> ContactEmailAsync(Guid companyId, CancellationToken ct)
    {
        var contacts = await support.Db.CompanyContacts.AsNoTracking().Where(c => c.CompanyId == companyId && c.Email != null)
            .Select(c => new { c.Function, c.Email }).ToListAsync(ct);
        return contacts.OrderBy(c => c.Function == "Dirigeant" ? 0 : 1).ThenBy(c => c.Email).Select(c => c.Email).FirstOrDefault(e => !string.IsNullOrWhiteSpace(e));
    }

    private static string CodeHash(Guid requestId, string code) => OneTimeSecrets.Hash($"{requestId:N}:{code}");
}
