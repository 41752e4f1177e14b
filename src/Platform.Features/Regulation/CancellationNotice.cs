using Platform.Tenancy.Rules;

namespace Platform.Features.Regulation;

/// <summary>
/// Until when an employer may still cancel an appointment, from the tenant's rules (SPEC.md rule matrix):
/// a number of hours before its start (sist-on: 48), or a number of working days before its day on the
/// tenant's calendar (sstbtp-bfc: 3). Days are Paris days, whatever the server's zone.
/// </summary>
public static class CancellationNotice
{
    /// <summary>
    /// The last moment a cancellation is accepted, included. In working days: the whole of the
    /// N-th working day before the appointment's day (« 3 jours ouvrés à l'avance »: Monday for a Thursday).
    /// </summary>
    public static DateTimeOffset Deadline(DateTimeOffset startsAt, CancellationRules rules, HolidayCalendar calendar)
    {
        if (rules.WorkingDays is { } days)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, FrenchTime.Paris).DateTime);
            var lastDay = WorkingDays.Before(day, days, calendar);
            return ParisMidnight(lastDay.AddDays(1)).AddTicks(-1);
        }
        return startsAt.AddHours(-(rules.Hours ?? 0));
    }

    public static bool IsWithin(DateTimeOffset now, DateTimeOffset startsAt, CancellationRules rules, HolidayCalendar calendar) =>
        now <= Deadline(startsAt, rules, calendar);

    /// <summary>« jusqu'à 48 heures avant » / « jusqu'à 3 jours ouvrés avant », for messages.</summary>
    public static string Describe(CancellationRules rules) =>
        rules.WorkingDays is { } days ? $"jusqu'à {days} jour{(days > 1 ? "s" : "")} ouvré{(days > 1 ? "s" : "")} avant le rendez-vous"
            : $"jusqu'à {rules.Hours} heure{(rules.Hours > 1 ? "s" : "")} avant le rendez-vous";

    private static DateTimeOffset ParisMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, FrenchTime.Paris.GetUtcOffset(local));
    }
}
