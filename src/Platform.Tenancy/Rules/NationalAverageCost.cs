namespace Platform.Tenancy.Rules;

// L4622-6 (2021 reform): the per-worker contribution must lie within 80–120 % of the national
// average cost set each year, unless the general assembly approves otherwise (SPEC.md 4.3).
public static class NationalAverageCost
{
    private static readonly SortedDictionary<int, decimal> ByYear = new()
    {
        [2025] = 115.50m,
        [2026] = 116.00m,
    };

    /// <summary>The average in force for a year: that year's, else the latest one published before.</summary>
    public static decimal? For(int year) =>
        ByYear.Where(e => e.Key <= year).Select(e => (decimal?)e.Value).LastOrDefault();

    public static (decimal Min, decimal Max)? RangeFor(int year) =>
        For(year) is { } average ? (Math.Round(average * 0.8m, 2, MidpointRounding.AwayFromZero),
                                    Math.Round(average * 1.2m, 2, MidpointRounding.AwayFromZero)) : null;

    public static bool IsWithinRange(int year, decimal rate) =>
        RangeFor(year) is not { } range || (rate >= range.Min && rate <= range.Max);
}
