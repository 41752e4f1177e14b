using System.Globalization;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Tenancy.Rules;

namespace Platform.Features.Appointments;

public enum AppointmentPeriod { Upcoming, Past, All }

/// <summary>
/// Employers' side of appointments (seeds 002, 003): upcoming and past ones, the convocation to download
/// or forward to the employee, and cancelling within the tenant's notice, checked here at the moment of
/// the request on the tenant's clock (Paris) and calendar, whatever the portal showed.
/// </summary>
public sealed class AppointmentService(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, Convocations convocations, TimeProvider time)
{
    public static readonly UserError NotFound = new("NOT_FOUND", "Ce rendez-vous n'existe pas.", "id");
    public const string CancelledByCompany = "Annulé par l'entreprise.";

    public async Task<Page<AppointmentView>> ListAsync(Guid companyId, AppointmentPeriod period, int? first, string? after, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewAppointments, ct);
        var size = KeysetCursor.PageSize(first);
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.Appointments.AsNoTracking().Where(a => a.CompanyId == companyId);
        if (period == AppointmentPeriod.Upcoming) query = query.Where(a => a.StartsAtUtc >= now);
        if (period == AppointmentPeriod.Past) query = query.Where(a => a.StartsAtUtc < now);
        var total = await query.CountAsync(ct);
        // Upcoming: soonest first; past and all: latest first. The cursor is the start (ticks) and the id.
        var ascending = period == AppointmentPeriod.Upcoming;
        if (KeysetCursor.Decode(after) is var (key, lastId) && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            var at = new DateTime(ticks, DateTimeKind.Utc);
            query = ascending
                ? query.Where(a => a.StartsAtUtc > at || (a.StartsAtUtc == at && a.Id.CompareTo(lastId) > 0))
                : query.Where(a => a.StartsAtUtc < at || (a.StartsAtUtc == at && a.Id.CompareTo(lastId) < 0));
        }
        query = ascending ? query.OrderBy(a => a.StartsAtUtc).ThenBy(a => a.Id) : query.OrderByDescending(a => a.StartsAtUtc).ThenByDescending(a => a.Id);
        var rows = await query.Take(size + 1).ToListAsync(ct);
        var views = await ViewsAsync(companyId, rows);
        return KeysetCursor.ToPage(views, size, total, v => KeysetCursor.Encode(v.StartsAt.UtcTicks.ToString(CultureInfo.InvariantCulture), v.Id));
    }

    /// <summary>One appointment the caller may see, or null (unknown, another company's, another tenant's).</summary>
    public async Task<AppointmentView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null || !await access.HasAsync(appointment.CompanyId, Permission.ViewAppointments, ct)) return null;
        return (await ViewsAsync(appointment.CompanyId, [appointment]))[0];
    }

    /// <summary>
    /// Cancels at once (sist-on, sst68), or asks staff to (sstbtp-bfc: a cancellation request they confirm),
    /// within the notice; past it, or where only the medical secretary cancels (sstrn), the answer says whom to call.
    /// </summary>
    public async Task<Outcome<AppointmentView>> CancelAsync(Guid id, CancellationToken ct = default)
    {
        currentUser.RequireUserId();
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null || !await access.CanSeeAsync(appointment.CompanyId, ct)) return NotFound;
        await access.RequireAsync(appointment.CompanyId, Permission.RequestVisits, ct);
        var rules = await convocations.RulesAsync();
        var now = time.GetUtcNow();
        if (Problem(appointment, rules, now) is { } problem) return problem;
        if (rules.Cancellation.AppointmentChannel == CancellationChannel.Request)
        {
            (appointment.CancellationRequestedAt, appointment.CancellationRequestedByUserId) = (now, currentUser.UserId);
            db.AuditEntries.Record(time, currentUser.UserId, "appointment.cancellation-requested", "Appointment", appointment.Id);
        }
        else
        {
            (appointment.CancelledAt, appointment.CancelledByUserId, appointment.CancellationReason) = (now, currentUser.UserId, CancelledByCompany);
            db.AuditEntries.Record(time, currentUser.UserId, "appointment.cancelled", "Appointment", appointment.Id);
            await convocations.SendCancelledToCompanyAsync(appointment, CancelledByCompany, ct);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<AppointmentView>.Ok(AppointmentView.Of(appointment));
    }

    /// <summary>The convocation PDF, or null when the appointment is not the caller's to see (FORBIDDEN without the permission).</summary>
    public async Task<ConvocationFile?> ConvocationAsync(Guid id, CancellationToken ct = default)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null || !await access.CanSeeAsync(appointment.CompanyId, ct)) return null;
        await access.RequireAsync(appointment.CompanyId, Permission.ViewAppointments, ct);
        return await convocations.RenderAsync(appointment, ct);
    }

    private const string ForwardedAction = "appointment.convocation-forwarded";
    private const int MaxForwardsPerAppointmentPerHour = 3;
    private const int MaxForwardsPerHour = 20;

    /// <summary>E-mails the convocation to the employee's address, which the employer types (the platform does not keep it).</summary>
    public async Task<Outcome> ForwardConvocationAsync(Guid id, string? email, CancellationToken ct = default)
    {
        currentUser.RequireUserId();
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null || !await access.CanSeeAsync(appointment.CompanyId, ct)) return NotFound;
        // Sending mail on the tenant's behalf is an employer's act (those who request visits), not a reader's nor staff's.
        if (currentUser.IsStaff) throw new AccessDeniedException(AccessDenial.Forbidden);
        await access.RequireAsync(appointment.CompanyId, Permission.RequestVisits, ct);
        // A convocation is forwarded to the employee, once or twice: not a way to mail anyone at will.
        var since = time.GetUtcNow().AddHours(-1);
        // (Filtered on the date in memory: SQLite cannot compare DateTimeOffset; a person forwards few convocations.)
        var forwarded = (await db.AuditEntries.Where(a => a.Action == ForwardedAction && a.ActorUserId == currentUser.UserId)
            .Select(a => new { a.EntityId, a.At }).ToListAsync(ct)).Where(a => a.At >= since).Select(a => a.EntityId).ToList();
        if (forwarded.Count >= MaxForwardsPerHour || forwarded.Count(e => e == appointment.Id.ToString()) >= MaxForwardsPerAppointmentPerHour)
            return new UserError("TOO_MANY_FORWARDS", "Cette convocation a déjà été transmise plusieurs fois : réessayez dans une heure.", "id");
        var address = email?.Trim() ?? "";
        if (address.Length is 0 or > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !address.Contains('.'))
            return new UserError("INVALID_EMAIL", "Indiquez l'adresse e-mail du salarié (par exemple prenom.nom@exemple.fr).", "email");
        if (appointment.Cancelled)
            return new UserError("CANCELLED", "Ce rendez-vous est annulé : la convocation ne peut plus être transmise.", "id");
        await convocations.SendToEmployeeAsync(appointment, address, ct);
        // The address is personal data: the audit names the appointment only.
        db.AuditEntries.Record(time, currentUser.UserId, ForwardedAction, "Appointment", appointment.Id);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Why the employer cannot cancel it now, with whom to call; null when they can.</summary>
    internal static UserError? Problem(Appointment a, TenantRules rules, DateTimeOffset now)
    {
        if (a.Cancelled) return new("ALREADY_CANCELLED", "Ce rendez-vous est déjà annulé.", "id");
        if (a.CancellationRequestedAt is not null)
            return new("CANCELLATION_ALREADY_REQUESTED", "L'annulation de ce rendez-vous est déjà demandée : le service la confirmera.", "id");
        if (a.StartsAt <= now) return new("PAST", "Ce rendez-vous est passé : il ne peut plus être annulé.", "id");
        if (rules.Cancellation.AppointmentChannel == CancellationChannel.MedicalSecretary)
            return new("CANCEL_BY_PHONE", $"Les rendez-vous s'annulent auprès du secrétariat médical. {Convocations.WhomToCall(rules)}", "id");
        if (!CancellationNotice.IsWithin(now, a.StartsAt, rules.Cancellation, rules.HolidayCalendar))
            return new("NOTICE_PASSED",
                $"Ce rendez-vous ne peut plus être annulé en ligne : l'annulation est possible {CancellationNotice.Describe(rules.Cancellation)}. {Convocations.WhomToCall(rules)}", "id");
        return null;
    }

    private async Task<List<AppointmentView>> ViewsAsync(Guid companyId, IReadOnlyList<Appointment> rows)
    {
        var mayCancel = rows.Count > 0 && await access.HasAsync(companyId, Permission.RequestVisits);
        var rules = await convocations.RulesAsync();
        var now = time.GetUtcNow();
        return rows.Select(a => AppointmentView.Of(a) with { Cancellable = mayCancel && Problem(a, rules, now) is null }).ToList();
    }
}
