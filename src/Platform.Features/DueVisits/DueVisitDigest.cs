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
            var fresh = await db.DueVisitEntries.Where(d => d.CompanyId == companyId && d.NotifiedAt == null).OrderBy(d => d.DueBy).ToListAsync(ct);
            var employeeIds = fresh.Select(d => d.EmployeeId).Distinct().ToList();
            var names = await db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id))
                .Select(e => new { e.Id, e.BirthName, e.FirstName }).ToDictionaryAsync(e => e.Id, e => $"{e.BirthName} {e.FirstName}", ct);
            var lines = fresh.Take(LinesPerEmail)
                .Select(d => $"{names.GetValueOrDefault(d.EmployeeId)} — {Regulation.DueVisitRules.Label(d.Kind)} — avant le {d.DueBy:dd/MM/yyyy}").ToList();
            var content = EmailTemplates.DueVisitsDigest(rules, company.Name, lines, fresh.Count, $"{siteUrl.TrimEnd('/')}/entreprises/{companyId}/a-convoquer");
            foreach (var user in await recipients.ForAsync(companyId, NotificationKind.Convocations,
                         roles => RoleCatalogue.Grants(catalogue, roles, Permission.ViewAppointments), ct))
            {
                outbox.Enqueue(user.Email, content);
                sent++;
            }
            // Marked even without a recipient (a company nobody manages online): nobody to tell later either.
            var now = time.GetUtcNow();
            foreach (var row in fresh) row.NotifiedAt = now;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return sent;
    }
}
