using Platform.Features.Billing;
using Platform.Tenancy.Rules;

namespace Platform.Features.Tests;

public sealed class BillingPeriodTests
{
    [Fact]
    public void Annual_periods_are_calendar_years_and_follow_each_other_across_the_year_end()
    {
        var p = BillingPeriod.Containing(BillingCycle.Annual, new DateOnly(2026, 12, 31));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "2026"), (p.Start, p.End, p.Key));
        Assert.Equal("2027", p.Next().Key);
        Assert.Equal(new DateOnly(2027, 1, 1), p.Next().Start);
        Assert.Equal("2025", p.Previous().Key);
        Assert.Equal(1, p.PerYear);
    }

    [Fact]
    public void Quarters_end_on_31_December_and_the_next_one_starts_in_the_next_year()
    {
        var q4 = BillingPeriod.Containing(BillingCycle.Quarterly, new DateOnly(2026, 11, 23));
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), "2026-T4", "4e trimestre 2026"), (q4.Start, q4.End, q4.Key, q4.Label));
        var q1 = q4.Next();
        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31), "2027-T1", "1er trimestre 2027"), (q1.Start, q1.End, q1.Key, q1.Label));
        Assert.Equal(q4, q1.Previous());
        Assert.Equal(4, q4.PerYear);
        Assert.Equal(q4, BillingPeriod.Parse(BillingCycle.Quarterly, "2026-t4"));
    }

    [Fact]
    public void Months_cross_the_year_end_and_February_has_its_own_length()
    {
        var december = BillingPeriod.Parse(BillingCycle.Monthly, "2026-12")!;
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), "décembre 2026"), (december.Start, december.End, december.Label));
        Assert.Equal("2027-01", december.Next().Key);
        Assert.Equal("2026-12", BillingPeriod.Containing(BillingCycle.Monthly, new DateOnly(2027, 1, 1)).Previous().Key);
        Assert.Equal(new DateOnly(2028, 2, 29), BillingPeriod.Parse(BillingCycle.Monthly, "2028-02")!.End);
        Assert.Equal(12, december.PerYear);
    }

    [Theory]
    [InlineData(BillingCycle.Annual, "2026-T1")]
    [InlineData(BillingCycle.Quarterly, "2026")]
    [InlineData(BillingCycle.Quarterly, "2026-T5")]
    [InlineData(BillingCycle.Monthly, "2026-13")]
    [InlineData(BillingCycle.Monthly, "1999-01")]
    [InlineData(BillingCycle.Annual, "deux mille")]
    public void A_key_of_another_cycle_or_out_of_range_is_no_period(BillingCycle cycle, string key) =>
        Assert.Null(BillingPeriod.Parse(cycle, key));

    [Fact]
    public void Three_instalments_fall_after_the_payment_term_then_every_four_months()
    {
        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 6, 28), new DateOnly(2026, 10, 28)],
            BillingPeriod.DueDates(new DateOnly(2026, 1, 29), 3, 30));
        Assert.Equal([new DateOnly(2027, 1, 22)], BillingPeriod.DueDates(new DateOnly(2026, 12, 23), 1, 30));
    }

    [Fact]
    public void A_year_is_one_period_four_quarters_or_twelve_months_end_to_end()
    {
        Assert.Equal(["2026"], BillingPeriod.OfYear(BillingCycle.Annual, 2026).Select(p => p.Key));
        var quarters = BillingPeriod.OfYear(BillingCycle.Quarterly, 2026);
        Assert.Equal(["2026-T1", "2026-T2", "2026-T3", "2026-T4"], quarters.Select(p => p.Key));
        var months = BillingPeriod.OfYear(BillingCycle.Monthly, 2026);
        Assert.Equal(12, months.Count);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), (months[0].Start, months[^1].End));
        Assert.All(months.Zip(months.Skip(1)), pair => Assert.Equal(pair.First.End.AddDays(1), pair.Second.Start));
    }
}
