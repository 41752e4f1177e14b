using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Documents;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.Appointments;

/// <summary>A certificate to download: the name it is downloaded with and its bytes.</summary>
public sealed record CertificateFile(string FileName, Stream Content);

/// <summary>
/// The visit certificate (*attestation de suivi*, seeds 002, 003): staff upload it after the visit, a real
/// PDF under 1 MB checked as the employers' documents are; the company's members download it only with
/// the right to (<see cref="Permission.ViewCertificates"/>, per the tenant's role catalogue).
/// </summary>
public sealed class VisitCertificates(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, StoredFiles files, TimeProvider time)
{
    /// <summary>How far back the staff's page lists the visits held, with or without their certificate.</summary>
    public const int RecentDays = 90;

    /// <summary>Staff attach (or replace) the certificate of a held appointment.</summary>
    public async Task<Outcome<AppointmentView>> AttachAsync(Guid appointmentId, byte[] content, string fileField = "file", CancellationToken ct = default)
    {
        var staffId = currentUser.RequireStaff();
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, ct);
        if (appointment is null) return AppointmentService.NotFound;
        if (appointment.Cancelled) return new UserError("CANCELLED", "Ce rendez-vous est annulé : il n'a pas d'attestation de suivi.", "id");
        var now = time.GetUtcNow();
        if (appointment.StartsAt > now)
            return new UserError("NOT_HELD_YET", "Cette visite n'a pas encore eu lieu : l'attestation de suivi se dépose après la visite.", "id");
        if (PdfCheck.Check(content, fileField) is { } bad) return bad;

        var previous = appointment.CertificateFileId;
        var fileId = Guid.CreateVersion7();
        await files.SaveAsync(fileId, content, ct);
        try
        {
            (appointment.CertificateFileId, appointment.CertificateUploadedAt, appointment.CertificateUploadedByUserId) = (fileId, now, staffId);
            db.AuditEntries.Record(time, staffId, previous is null ? "appointment.certificate-attached" : "appointment.certificate-replaced", "Appointment", appointment.Id);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // No file without its row.
            files.Delete(fileId);
            throw;
        }
        // The row names the new file: the old one is no longer anybody's (a failed deletion leaves an orphan, never a broken link).
        if (previous is { } old) files.Delete(old);
        return Outcome<AppointmentView>.Ok(AppointmentView.Of(appointment));
    }

    /// <summary>
    /// The certificate for download, or null when the appointment is not the caller's to see or has none
    /// (unknown, another company's, another tenant's); FORBIDDEN (AccessDeniedException) without the right.
    /// </summary>
    public async Task<CertificateFile?> OpenAsync(Guid appointmentId, CancellationToken ct = default)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appointmentId, ct);
        if (appointment is null || !await access.CanSeeAsync(appointment.CompanyId, ct)) return null;
        await access.RequireAsync(appointment.CompanyId, Permission.ViewCertificates, ct);
        if (appointment.CertificateFileId is not { } fileId || files.OpenRead(fileId) is not { } stream) return null;
        var employee = await db.Employees.AsNoTracking().Where(e => e.Id == appointment.EmployeeId)
            .Select(e => new { e.FirstName, e.BirthName, e.MarriedName }).SingleAsync(ct);
        var name = ConvocationPdf.FileName("attestation-de-suivi", $"{employee.FirstName} {employee.MarriedName ?? employee.BirthName}",
            TimeZoneInfo.ConvertTime(appointment.StartsAt, FrenchTime.Paris).DateTime);
        return new CertificateFile(name, stream);
    }

    /// <summary>Whether the caller may download the company's certificates (the portal shows the link, GraphQL the URL).</summary>
    public Task<bool> MayDownloadAsync(Guid companyId, CancellationToken ct = default) => access.HasAsync(companyId, Permission.ViewCertificates, ct);

    /// <summary>Staff: the visits held over the last <see cref="RecentDays"/> days, latest first, those without a certificate first.</summary>
    public async Task<IReadOnlyList<PlannedAppointment>> RecentlyHeldAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var now = time.GetUtcNow();
        var since = now.AddDays(-RecentDays).UtcDateTime;
        var rows = await db.Appointments.AsNoTracking().Held(now).Where(a => a.StartsAtUtc >= since)
            .Join(db.Companies.AsNoTracking(), a => a.CompanyId, c => c.Id, (a, c) => new { a, c.Name })
            .Join(db.Employees.AsNoTracking(), x => x.a.EmployeeId, e => e.Id, (x, e) => new { x.a, x.Name, e.FirstName, e.BirthName, e.MarriedName })
            .OrderByDescending(x => x.a.StartsAtUtc).Take(500).ToListAsync(ct);
        return rows.OrderBy(x => x.a.CertificateFileId is not null).ThenByDescending(x => x.a.StartsAtUtc)
            .Select(x => new PlannedAppointment(AppointmentView.Of(x.a), x.Name, VisitScheduling.Name(x.FirstName, x.BirthName, x.MarriedName))).ToList();
    }
}
