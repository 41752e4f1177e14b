using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;

namespace Platform.Features.Companies;

public sealed record ContactView(Guid Id, string Function, string Name, string? Email, string? Phone);

/// <summary>The establishment's contacts with their function: create, edit, delete (seeds 000, 001, 003).</summary>
public sealed class CompanyContacts(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, TimeProvider time)
{
    public const int MaxContacts = 50;

    public async Task<IReadOnlyList<ContactView>> ListAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewCompany, ct);
        return await db.CompanyContacts.AsNoTracking().Where(c => c.CompanyId == companyId).OrderBy(c => c.Function).ThenBy(c => c.Name)
            .Select(c => new ContactView(c.Id, c.Function, c.Name, c.Email, c.Phone)).ToListAsync(ct);
    }

    /// <summary>Creates a contact (no id) or changes one.</summary>
    public async Task<(ContactView? Contact, IReadOnlyList<UserError> Errors)> SaveAsync(Guid companyId, Guid? contactId, string? function, string? name, string? email, string? phone, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageCompany, ct);
        var errors = new List<UserError>();
        if (CompanyRules.CheckContact(function, name, email, phone, errors) is not { } c) return (null, errors);
        CompanyContact contact;
        if (contactId is { } id)
        {
            var existing = await db.CompanyContacts.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == companyId, ct);
            if (existing is null) return (null, [new UserError("NOT_FOUND", "Ce contact n'existe pas.", "id")]);
            contact = existing;
            (contact.Function, contact.Name, contact.Email, contact.Phone) = c;
        }
        else
        {
            if (await db.CompanyContacts.CountAsync(x => x.CompanyId == companyId, ct) >= MaxContacts)
                return (null, [new UserError("TOO_MANY_CONTACTS", $"Une entreprise déclare au plus {MaxContacts} contacts.", "companyId")]);
            contact = new CompanyContact { CompanyId = companyId, Function = c.Function, Name = c.Name, Email = c.Email, Phone = c.Phone };
            db.CompanyContacts.Add(contact);
        }
        db.AuditEntries.Record(time, currentUser.UserId, contactId is null ? "contact.created" : "contact.updated", "Company", companyId);
        await db.SaveChangesAsync(ct);
        return (new ContactView(contact.Id, contact.Function, contact.Name, contact.Email, contact.Phone), []);
    }

    public async Task<IReadOnlyList<UserError>> DeleteAsync(Guid companyId, Guid contactId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageCompany, ct);
        var contact = await db.CompanyContacts.SingleOrDefaultAsync(x => x.Id == contactId && x.CompanyId == companyId, ct);
        if (contact is null) return [new UserError("NOT_FOUND", "Ce contact n'existe pas.", "id")];
        db.CompanyContacts.Remove(contact);
        db.AuditEntries.Record(time, currentUser.UserId, "contact.deleted", "Company", companyId);
        await db.SaveChangesAsync(ct);
        return [];
    }
}
