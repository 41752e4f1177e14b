using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.PendingChanges;
using Platform.Features.Persistence;

namespace Platform.Features.Companies;

public sealed record ContactView(Guid Id, string Function, string Name, string? Email, string? Phone);

/// <summary>
/// The establishment's contacts with their function: create, edit, delete (seeds 000, 001, 003).
/// Made on the parent account of a temp agency only (seed 000); kept for staff where the tenant
/// validates every change (seed 004).
/// </summary>
public sealed class CompanyContacts(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, PendingChanges.PendingChanges pendingChanges, TimeProvider time)
    : IPendingChangeApplier
{
    public const int MaxContacts = 50;

    private sealed record ContactChange(string Function, string Name, string? Email, string? Phone);

    public async Task<IReadOnlyList<ContactView>> ListAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewCompany, ct);
        return await db.CompanyContacts.AsNoTracking().Where(c => c.CompanyId == companyId).OrderBy(c => c.Function).ThenBy(c => c.Name)
            .Select(c => new ContactView(c.Id, c.Function, c.Name, c.Email, c.Phone)).ToListAsync(ct);
    }

    /// <summary>Creates a contact (no id) or changes one.</summary>
    public async Task<Outcome<ContactView>> SaveAsync(Guid companyId, Guid? contactId, string? function, string? name, string? email, string? phone, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageCompany, ct);
        if (await ParentProblemAsync(companyId, ct) is { } onParent) return onParent;
        var errors = new List<UserError>();
        if (CompanyRules.CheckContact(function, name, email, phone, errors) is not { } c) return Outcome<ContactView>.Fail(errors);
        var asked = new ContactChange(c.Function, c.Name, c.Email, c.Phone);
        CompanyContact? existing = null;
        if (contactId is { } id && (existing = await db.CompanyContacts.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == companyId, ct)) is null)
            return new UserError("NOT_FOUND", "Ce contact n'existe pas.", "id");
        if (existing is null && await TooManyAsync(companyId, ct) is { } tooMany) return tooMany;

        if (await pendingChanges.MustWaitAsync())
        {
            var fields = new[] { ("function", "Fonction", existing?.Function, asked.Function), ("name", "Nom et prénom", existing?.Name, asked.Name), ("email", "E-mail", existing?.Email, asked.Email), ("phone", "Téléphone", existing?.Phone, asked.Phone) }
                .Where(f => f.Item3 != f.Item4).Select(f => new FieldChange(f.Item1, f.Item2, f.Item3, f.Item4)).ToList();
            var summary = existing is null ? $"Nouveau contact : {asked.Name} ({asked.Function})" : $"Modification du contact {existing.Name}";
            var pending = await pendingChanges.RecordAsync(companyId, PendingChangeKind.ContactSave, existing?.Id, $"Contact {existing?.Name ?? asked.Name}", summary, asked, fields, ct);
            return Outcome<ContactView>.Waiting(pending);
        }

        var contact = Save(companyId, existing, asked);
        db.AuditEntries.Record(time, currentUser.UserId, existing is null ? "contact.created" : "contact.updated", "Company", companyId);
        await db.SaveChangesAsync(ct);
        return Outcome<ContactView>.Ok(new ContactView(contact.Id, contact.Function, contact.Name, contact.Email, contact.Phone));
    }

    /// <summary>Deletes a contact, or keeps the deletion for staff (sst68); the outcome carries no contact.</summary>
    public async Task<Outcome<ContactView>> DeleteAsync(Guid companyId, Guid contactId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageCompany, ct);
        if (await ParentProblemAsync(companyId, ct) is { } onParent) return onParent;
        var contact = await db.CompanyContacts.SingleOrDefaultAsync(x => x.Id == contactId && x.CompanyId == companyId, ct);
        if (contact is null) return new UserError("NOT_FOUND", "Ce contact n'existe pas.", "id");
        if (await pendingChanges.MustWaitAsync())
            return Outcome<ContactView>.Waiting(await pendingChanges.RecordAsync(companyId, PendingChangeKind.ContactDelete, contact.Id, $"Contact {contact.Name}",
                $"Suppression du contact {contact.Name} ({contact.Function})", new { }, null, ct));
        db.CompanyContacts.Remove(contact);
        db.AuditEntries.Record(time, currentUser.UserId, "contact.deleted", "Company", companyId);
        await db.SaveChangesAsync(ct);
        return new Outcome<ContactView>(null, []);
    }

    public bool Applies(PendingChangeKind kind) => kind is PendingChangeKind.ContactSave or PendingChangeKind.ContactDelete;

    public async Task<Outcome> ApplyAsync(PendingChange change, CancellationToken ct)
    {
        CompanyContact? existing = null;
        if (change.SubjectId is { } id && (existing = await db.CompanyContacts.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == change.CompanyId, ct)) is null)
            return new UserError("NOT_FOUND", "Ce contact a été supprimé entre-temps.", "id");
        if (change.Kind == PendingChangeKind.ContactDelete)
        {
            db.CompanyContacts.Remove(existing!);
            return Outcome.Ok;
        }
        if (existing is null && await TooManyAsync(change.CompanyId, ct) is { } tooMany) return tooMany;
        Save(change.CompanyId, existing, JsonSerializer.Deserialize<ContactChange>(change.Payload, PendingChanges.PendingChanges.Json)!);
        return Outcome.Ok;
    }

    private CompanyContact Save(Guid companyId, CompanyContact? existing, ContactChange c)
    {
        if (existing is not null)
        {
            (existing.Function, existing.Name, existing.Email, existing.Phone) = (c.Function, c.Name, c.Email, c.Phone);
            return existing;
        }
        var contact = new CompanyContact { CompanyId = companyId, Function = c.Function, Name = c.Name, Email = c.Email, Phone = c.Phone };
        db.CompanyContacts.Add(contact);
        return contact;
    }

    private async Task<UserError?> TooManyAsync(Guid companyId, CancellationToken ct) =>
        await db.CompanyContacts.CountAsync(x => x.CompanyId == companyId, ct) >= MaxContacts
            ? new UserError("TOO_MANY_CONTACTS", $"Une entreprise déclare au plus {MaxContacts} contacts.", "companyId")
            : null;

    // Seed 000: « NE pourront être réalisées que sur le compte mère ».
    private async Task<UserError?> ParentProblemAsync(Guid companyId, CancellationToken ct) =>
        TempAgency.ParentOf(await db.Companies.Where(c => c.Id == companyId).Select(c => c.MemberNumber).SingleAsync(ct)) is { } parent
            ? TempAgency.AdministrativeOnParent(parent)
            : null;
}
