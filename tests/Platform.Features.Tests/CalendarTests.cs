using Platform.Features.Regulation;
using Platform.Tenancy.Rules;

namespace Platform.Features.Tests;

public sealed class CalendarTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void Easter_is_computed_for_any_year(int year, int month, int day) =>
        Assert.Equal(D(year, month, day), Holidays.Easter(year));

    [Fact]
    public void The_2026_calendar_of_France()
    {
        var days = Holidays.Of(2026, HolidayCalendar.France).Select(h => h.Date).ToList();
        Assert.Equal(
        [
            D(2026, 1, 1), D(2026, 4, 6), D(2026, 5, 1), D(2026, 5, 8), D(2026, 5, 14), D(2026, 5, 25),
            D(2026, 7, 14), D(2026, 8, 15), D(2026, 11, 1), D(2026, 11, 11), D(2026, 12, 25),
        ], days);
        Assert.Equal("Lundi de Pâques", Holidays.Of(2026, HolidayCalendar.France).Single(h => h.Date == D(2026, 4, 6)).Name);
        Assert.False(Holidays.IsHoliday(D(2026, 4, 3), HolidayCalendar.France));
        Assert.False(Holidays.IsHoliday(D(2026, 12, 26), HolidayCalendar.France));
    }

    [Fact]
    public void Alsace_Moselle_adds_Good_Friday_and_26_December()
    {
        var france = Holidays.Of(2026, HolidayCalendar.France).Select(h => h.Date).ToHashSet();
        var alsace = Holidays.Of(2026, HolidayCalendar.AlsaceMoselle).Select(h => h.Date).ToHashSet();
        Assert.Equal([D(2026, 4, 3), D(2026, 12, 26)], alsace.Except(france).Order());
        Assert.Empty(france.Except(alsace));
    }

    [Fact]
    public void The_2027_calendars()
    {
        var france = Holidays.Of(2027, HolidayCalendar.France).Select(h => h.Date).ToList();
        Assert.Contains(D(2027, 3, 29), france);  // Easter Monday
        Assert.Contains(D(2027, 5, 6), france);   // Ascension
        Assert.Contains(D(2027, 5, 17), france);  // Whit Monday
        Assert.Equal(11, france.Count);
        var alsace = Holidays.Of(2027, HolidayCalendar.AlsaceMoselle).Select(h => h.Date).ToList();
        Assert.Equal(13, alsace.Count);
        Assert.Contains(D(2027, 3, 26), alsace);  // Good Friday
        Assert.Contains(D(2027, 12, 26), alsace);
        Assert.DoesNotContain(D(2027, 3, 26), france);
    }

    [Fact]
    public void Working_days_skip_the_weekend()
    {
        // Wednesday 11 March 2026: Tuesday, Monday, then Friday 6 (Saturday and Sunday skipped).
        Assert.Equal(D(2026, 3, 6), WorkingDays.Before(D(2026, 3, 11), 3, HolidayCalendar.France));
        Assert.Equal(D(2026, 3, 9), WorkingDays.Before(D(2026, 3, 12), 3, HolidayCalendar.France));
        Assert.False(WorkingDays.IsWorkingDay(D(2026, 3, 7), HolidayCalendar.France));
        Assert.Equal(2, WorkingDays.Between(D(2026, 3, 6), D(2026, 3, 11), HolidayCalendar.France));
    }

    [Fact]
    public void Working_days_skip_Ascension()
    {
        // Friday 15 May 2026: Wednesday 13, Tuesday 12, Monday 11 (Thursday 14 is Ascension).
        Assert.Equal(D(2026, 5, 11), WorkingDays.Before(D(2026, 5, 15), 3, HolidayCalendar.France));
        Assert.False(WorkingDays.IsWorkingDay(D(2026, 5, 14), HolidayCalendar.France));
        // Tuesday 26 May 2026: Whit Monday 25 and the weekend before are skipped.
        Assert.Equal(D(2026, 5, 20), WorkingDays.Before(D(2026, 5, 26), 3, HolidayCalendar.France));
    }

    [Fact]
    public void Good_Friday_is_a_working_day_only_outside_Alsace_Moselle()
    {
        // Tuesday 7 April 2026 after Easter Monday 6: France counts Friday 3, Alsace-Moselle goes back to Wednesday 1.
        Assert.Equal(D(2026, 4, 2), WorkingDays.Before(D(2026, 4, 7), 2, HolidayCalendar.France));
        Assert.Equal(D(2026, 4, 1), WorkingDays.Before(D(2026, 4, 7), 2, HolidayCalendar.AlsaceMoselle));
    }

    private static readonly CancellationRules FortyEightHours = new() { Hours = 48 };
    private static readonly CancellationRules ThreeWorkingDays = new() { WorkingDays = 3, AppointmentChannel = CancellationChannel.Request };

    [Fact]
    public void Forty_eight_hours_notice_is_to_the_minute()
    {
        var startsAt = new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.FromHours(1));
        Assert.True(CancellationNotice.IsWithin(startsAt.AddHours(-48).AddMinutes(-1), startsAt, FortyEightHours, HolidayCalendar.France));
        Assert.True(CancellationNotice.IsWithin(startsAt.AddHours(-48), startsAt, FortyEightHours, HolidayCalendar.France));
        Assert.False(CancellationNotice.IsWithin(startsAt.AddHours(-48).AddMinutes(1), startsAt, FortyEightHours, HolidayCalendar.France));
    }

    [Fact]
    public void Three_working_days_notice_ends_at_midnight_in_Paris()
    {
        // Appointment Friday 15 May 2026 at 10:00 (Paris, UTC+2): the last day is Monday 11 May.
        var startsAt = new DateTimeOffset(2026, 5, 15, 10, 0, 0, TimeSpan.FromHours(2));
        var deadline = CancellationNotice.Deadline(startsAt, ThreeWorkingDays, HolidayCalendar.France);
        Assert.Equal(new DateTimeOffset(2026, 5, 11, 21, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), deadline.ToUniversalTime());
        Assert.True(CancellationNotice.IsWithin(new DateTimeOffset(2026, 5, 11, 23, 59, 0, TimeSpan.FromHours(2)), startsAt, ThreeWorkingDays, HolidayCalendar.France));
        Assert.False(CancellationNotice.IsWithin(new DateTimeOffset(2026, 5, 12, 0, 1, 0, TimeSpan.FromHours(2)), startsAt, ThreeWorkingDays, HolidayCalendar.France));
        Assert.Equal("jusqu'à 3 jours ouvrés avant le rendez-vous", CancellationNotice.Describe(ThreeWorkingDays));
    }
}
