using Platform.Tenancy.Rules;

namespace Platform.Features.Regulation;

/// <summary>
/// Public holidays (SPEC.md 4.4): the national list of L3133-1, plus Good Friday and 26 December in
/// Alsace-Moselle (L3134-13). A tenant's calendar is one of its rules (<see cref="TenantRules.HolidayCalendar"/>).
/// </summary>
public static class Holidays
{
    /// <summary>Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The holidays of one year on a calendar, in date order, with their French names.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> Of(int year, HolidayCalendar calendar)
    {
        var easter = Easter(year);
        var days = new List<(DateOnly, string)>
        {
            (new(year, 1, 1), "Jour de l'an"),
            (easter.AddDays(1), "Lundi de Pâques"),
            (new(year, 5, 1), "Fête du Travail"),
            (new(year, 5, 8), "Victoire 1945"),
            (easter.AddDays(39), "Ascension"),
            (easter.AddDays(50), "Lundi de Pentecôte"),
            (new(year, 7, 14), "Fête nationale"),
            (new(year, 8, 15), "Assomption"),
            (new(year, 11, 1), "Toussaint"),
            (new(year, 11, 11), "Armistice 1918"),
            (new(year, 12, 25), "Noël"),
        };
        if (calendar == HolidayCalendar.AlsaceMoselle)
        {
            days.Add((easter.AddDays(-2), "Vendredi saint"));
            days.Add((new(year, 12, 26), "Saint-Étienne"));
        }
        return days.OrderBy(d => d.Item1).ToList();
    }

    public static bool IsHoliday(DateOnly date, HolidayCalendar calendar) => Of(date.Year, calendar).Any(h => h.Date == date);
}

/// <summary>Jours ouvrés: Monday to Friday, holidays of the tenant's calendar excepted (SPEC.md 4.4).</summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly date, HolidayCalendar calendar) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.IsHoliday(date, calendar);

    /// <summary>
    /// The working day <paramref name="count"/> working days before <paramref name="date"/> (the date itself
    /// not counted): « 3 jours ouvrés avant » a Thursday appointment is the Monday before.
    /// </summary>
    public static DateOnly Before(DateOnly date, int count, HolidayCalendar calendar)
    {
        var day = date;
        for (var found = 0; found < count;)
        {
            day = day.AddDays(-1);
            if (IsWorkingDay(day, calendar)) found++;
        }
        return day;
    }

    /// <summary>Working days strictly between two dates (both excluded).</summary>
    public static int Between(DateOnly from, DateOnly to, HolidayCalendar calendar)
    {
        var n = 0;
        for (var day = from.AddDays(1); day < to; day = day.AddDays(1))
            if (IsWorkingDay(day, calendar)) n++;
        return n;
    }
}
