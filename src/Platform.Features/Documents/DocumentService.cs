using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;

namespace Platform.Features.Documents;

/// <summary>A file as it was uploaded, before any check.</summary>
public sealed record NewDocument(DocumentNature? Nature, string? FileName, byte[] Content);

/// <summary>A document in the staff's list, with the company it came from.</summary>
public sealed record StaffDocumentView(DocumentView Document, string CompanyName, string MemberNumber);

/// <summary>
/// The documents space (SPEC.md 3.6, seeds 000, 001, 004): employers upload PDFs under 1 MB with a
/// nature, see the history, delete one until staff acknowledge its receipt; staff list and acknowledge.
/// Uploading and deleting take the right to request visits (these are the papers of the medical
/// follow-up); reading takes the right to see appointments, which staff hold on every company.
/// </summary>
public sealed class DocumentService(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, StoredFiles files, TimeProvider time)
{
    public static readonly UserError NotFound = new("NOT_FOUND", "Ce document n'existe pas.", "id");
    public static readonly UserError CompanyNotFound = new("NOT_FOUND", "Cette entreprise n'existe pas.", "companyId");

    public async Task<Outcome<DocumentView>> UploadAsync(Guid companyId, NewDocument upload, CancellationToken ct = default)
    {
        if (!await access.CanSeeAsync(companyId, ct)) return CompanyNotFound;
        await access.RequireAsync(companyId, Permission.RequestVisits, ct);
        var errors = Check(upload, "nature", "file");
        if (errors.Count > 0) return Outcome<DocumentView>.Fail(errors);
        var document = Add(companyId, upload);
        await SaveWithFilesAsync([(document, upload.Content)], ct);
        return Outcome<DocumentView>.Ok(DocumentView.Of(document));
    }

    /// <summary>The document and its file for download, or null when the caller may not see its company (or it does not exist).</summary>
    public async Task<(DocumentView Document, Stream Content)?> OpenAsync(Guid id, CancellationToken ct = default)
    {
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || !await access.CanSeeAsync(document.CompanyId, ct)) return null;
        await access.RequireAsync(document.CompanyId, Permission.ViewAppointments, ct);
        return files.OpenRead(document.Id) is { } stream ? (DocumentView.Of(document), stream) : null;
    }

    /// <summary>The company's documents, newest first; without <paramref name="history"/> only those staff have not acknowledged yet.</summary>
    public async Task<IReadOnlyList<DocumentView>> ListAsync(Guid companyId, bool history, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewAppointments, ct);
        var query = db.Documents.AsNoTracking().Where(d => d.CompanyId == companyId);
        if (!history) query = query.Where(d => d.AcknowledgedAt == null);
        return (await query.OrderByDescending(d => d.Id).ToListAsync(ct)).Select(DocumentView.Of).ToList();
    }

    /// <summary>Deleted with its file, until staff acknowledge it (seeds 000, 001).</summary>
    public async Task<Outcome<DocumentView>> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || !await access.CanSeeAsync(document.CompanyId, ct)) return NotFound;
        await access.RequireAsync(document.CompanyId, Permission.RequestVisits, ct);
        if (document.AcknowledgedAt is { } at)
            return new UserError("ALREADY_ACKNOWLEDGED",
                $"L'équipe santé travail a validé la réception de ce document le {TimeZoneInfo.ConvertTime(at, Regulation.FrenchTime.Paris):dd/MM/yyyy} : il ne peut plus être supprimé.", "id");
        db.Documents.Remove(document);
        db.AuditEntries.Record(time, currentUser.UserId, "document.deleted", "Document", document.Id, $$"""{"nature":"{{document.Nature}}"}""");
        await db.SaveChangesAsync(ct);
        // The row is gone first: a failed file deletion leaves an orphan file, never a row without its file.
        files.Delete(document.Id);
        return Outcome<DocumentView>.Ok(DocumentView.Of(document));
    }

    /// <summary>Staff acknowledge receipt: the employer can no longer delete it.</summary>
    public async Task<Outcome<DocumentView>> AcknowledgeAsync(Guid id, CancellationToken ct = default)
    {
        var staffId = currentUser.RequireStaff();
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return NotFound;
        if (document.AcknowledgedAt is not null) return new UserError("ALREADY_ACKNOWLEDGED", "La réception de ce document est déjà validée.", "id");
        (document.AcknowledgedAt, document.AcknowledgedByUserId) = (time.GetUtcNow(), staffId);
        db.AuditEntries.Record(time, staffId, "document.acknowledged", "Document", document.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<DocumentView>.Ok(DocumentView.Of(document));
    }

    /// <summary>Staff: the tenant's documents, those still to acknowledge first, then the latest acknowledged.</summary>
    public async Task<IReadOnlyList<StaffDocumentView>> StaffListAsync(bool acknowledged, int max = 200, CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await db.Documents.AsNoTracking()
            .Where(d => (d.AcknowledgedAt != null) == acknowledged)
            .OrderByDescending(d => d.Id).Take(max)
            .Join(db.Companies, d => d.CompanyId, c => c.Id, (d, c) => new { Document = d, c.Name, c.MemberNumber })
            .ToListAsync(ct);
        return rows.Select(r => new StaffDocumentView(DocumentView.Of(r.Document), r.Name, r.MemberNumber)).ToList();
    }

    /// <summary>The documents attached to these visit requests (the visit feature shows them; it checked who may see the requests).</summary>
    public async Task<ILookup<Guid, DocumentView>> AttachedToAsync(IReadOnlyCollection<Guid> visitRequestIds, CancellationToken ct = default) =>
        (await db.Documents.AsNoTracking().Where(d => d.VisitRequestId != null && visitRequestIds.Contains(d.VisitRequestId.Value))
            .OrderBy(d => d.Id).ToListAsync(ct))
        .Select(DocumentView.Of).ToLookup(d => d.VisitRequestId!.Value);

    /// <summary>Requests removed with their employee leave their documents in the company's space (the caller saves).</summary>
    internal async Task DetachAsync(IReadOnlyCollection<Guid> visitRequestIds, CancellationToken ct)
    {
        foreach (var d in await db.Documents.Where(d => d.VisitRequestId != null && visitRequestIds.Contains(d.VisitRequestId.Value)).ToListAsync(ct))
            d.VisitRequestId = null;
    }

    /// <summary>Documents already uploaded for a company, to attach to a request (tracked: the caller links them).</summary>
    internal async Task<List<Document>> FindForAttachmentAsync(Guid companyId, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        await db.Documents.Where(d => d.CompanyId == companyId && ids.Contains(d.Id)).ToListAsync(ct);

    /// <summary>What is wrong with an upload: its nature, then the file itself (read as a PDF).</summary>
    public static List<UserError> Check(NewDocument upload, string natureField, string fileField)
    {
        var errors = new List<UserError>();
        if (upload.Nature is null) errors.Add(DocumentRules.UnknownNature(natureField));
        if (PdfCheck.Check(upload.Content, fileField) is { } bad)
            errors.Add(upload.FileName is { Length: > 0 } name ? bad with { Message = $"« {DocumentRules.CleanFileName(name)} » : {bad.Message}" } : bad);
        return errors;
    }

    /// <summary>Adds a checked upload to the unit of work; <see cref="SaveWithFilesAsync"/> writes it.</summary>
    internal Document Add(Guid companyId, NewDocument upload, Guid? visitRequestId = null)
    {
        var document = new Document
        {
            CompanyId = companyId, Nature = upload.Nature!.Value, FileName = DocumentRules.CleanFileName(upload.FileName), SizeBytes = upload.Content.Length,
            UploadedAt = time.GetUtcNow(), UploadedByUserId = currentUser.UserId, VisitRequestId = visitRequestId,
        };
        db.Documents.Add(document);
        db.AuditEntries.Record(time, currentUser.UserId, "document.uploaded", "Document", document.Id, $$"""{"nature":"{{document.Nature}}"}""");
        return document;
    }

    /// <summary>
    /// Writes the files, then saves the unit of work (the caller's rows with them). If the save fails the
    /// files are removed again: no file without its row, and the request leaves nothing behind.
    /// </summary>
    internal async Task SaveWithFilesAsync(IReadOnlyList<(Document Document, byte[] Content)> added, CancellationToken ct)
    {
        try
        {
            foreach (var (document, content) in added) await files.SaveAsync(document.Id, content, ct);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            foreach (var (document, _) in added) files.Delete(document.Id);
            throw;
        }
    }
}
