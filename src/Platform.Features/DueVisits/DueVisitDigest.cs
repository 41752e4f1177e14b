using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.DueVisits;

/// <summary>
/// E-mails each company's convocation contacts (members whose roles see appointments and who kept the
/// « Convocations » notification) the visits newly due since the last digest. The e-mails and the mark
/// on the rows are saved together, per company: a second run, even after a crash, sends nothing twice.
/// </summary>
public sealed class DueVisitDigest(PlatformDbContext db, NotificationRecipients recipients, CompanyAccess access, EmailOutbox outbox,
    ITenantContext tenant, TenantRulesCache rulesCache, CurrentUser currentUser, TimeProvider time)
{
    public const int LinesPerEmail = 30;
    private const int MarkChunk = 2000;

    /// <returns>The number of e-mails queued.</returns>
    public async Task<int> SendAsync(string siteUrl, CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        var rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;
        var catalogue = await access.CatalogueAsync();
        var companies = await db.DueVisitEntries.Where(d => d.NotifiedAt == null).Select(d => d.CompanyId).Distinct().ToListAsync(ct);
        var sent = 0;
        foreach (var companyId in companies)
        {
            var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => new { c.Name }).SingleAsync(ct);
            // The ids of the rows this e-mail names (and counts): exactly those get the mark, whatever the day adds meanwhile.
            var fresh = await db.DueVisitEntries.AsNoTracking().Where(d => d.CompanyId == companyId && d.NotifiedAt == null).Select(d => d.Id).ToListAsync(ct);
            // Only the lines the e-mail shows are read in full, with their names.
            var shown = await db.DueVisitEntries.AsNoTracking().Where(d => d.CompanyId == companyId && d.NotifiedAt == null)
                .OrderBy(d => d.DueBy).ThenBy(d => d.Id).Take(LinesPerEmail)
                .Join(db.Employees, d => d.EmployeeId, e => e.Id, (d, e) => new { d.Kind, d.DueBy, e.BirthName, e.FirstName }).ToListAsync(ct);
            var lines = shown.OrderBy(d => d.DueBy)
                .Select(d => $"{d.BirthName} {d.FirstName} — {Regulation.DueVisitRules.Label(d.Kind)} — avant le {d.DueBy:dd/MM/yyyy}").ToList();
            var content = EmailTemplates.DueVisitsDigest(rules, company.Name, lines, fresh.Count, $"{siteUrl.TrimEnd('/')}/entreprises/{companyId}/a-convoquer");
            foreach (var user in await recipients.ForAsync(companyId, NotificationKind.Convocations,
                         roles => RoleCatalogue.Grants(catalogue, roles, Permission.ViewAppointments), ct))
            {
                outbox.EnqueueBulk(user.Email, content);
                sent++;
            }
            // Marked even without a recipient (a company nobody manages online): nobody to tell later either.
            // The e-mails and the mark in one transaction; the mark as set updates of a few thousand ids each.
            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            foreach (var chunk in fresh.Chunk(MarkChunk))
                await db.DueVisitEntries.Where(d => chunk.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.NotifiedAt, now), ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return sent;
    }
}
