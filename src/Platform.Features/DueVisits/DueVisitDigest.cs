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
            // Whole milliseconds: the mark must read back equal on every provider (PostgreSQL keeps microseconds).
            var now = time.GetUtcNow();
            now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            // Mark first, in the transaction that queues the e-mails: the rows this e-mail names (and counts) are
            // exactly those this statement marked; a row the day adds meanwhile waits for the next digest, and a
            // crash leaves both undone. One set statement per company: marking row by row (ids in a JSON list)
            // cost the first night of a million employees more than the refresh itself (bench/due-visits.sh).
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var fresh = await db.DueVisitEntries.Where(d => d.CompanyId == companyId && d.NotifiedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NotifiedAt, now), ct);
            if (fresh == 0) continue; // another digest took them since the list of companies was read
            // Only the lines the e-mail shows are read in full, with their names.
            var shown = await db.DueVisitEntries.AsNoTracking().Where(d => d.CompanyId == companyId && d.NotifiedAt == now)
                .OrderBy(d => d.DueBy).ThenBy(d => d.Id).Take(LinesPerEmail)
                .Join(db.Employees, d => d.EmployeeId, e => e.Id, (d, e) => new { d.Kind, d.DueBy, e.BirthName, e.FirstName }).ToListAsync(ct);
            var lines = shown.OrderBy(d => d.DueBy)
                .Select(d => $"{d.BirthName} {d.FirstName} — {Regulation.DueVisitRules.Label(d.Kind)} — avant le {d.DueBy:dd/MM/yyyy}").ToList();
            var content = EmailTemplates.DueVisitsDigest(rules, company.Name, lines, fresh, $"{siteUrl.TrimEnd('/')}/entreprises/{companyId}/a-convoquer");
            // Marked even without a recipient (a company nobody manages online): nobody to tell later either.
            foreach (var user in await recipients.ForAsync(companyId, NotificationKind.Convocations,
                         roles => RoleCatalogue.Grants(catalogue, roles, Permission.ViewAppointments), ct))
            {
                outbox.EnqueueBulk(user.Email, content);
                sent++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return sent;
    }
}
