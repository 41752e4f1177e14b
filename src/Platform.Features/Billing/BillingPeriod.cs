using System.Globalization;
using Platform.Tenancy.Rules;

namespace Platform.Features.Billing;

/// <summary>
/// One period a tenant bills: a year ("2026"), a quarter ("2026-T4") or a month ("2026-12"), its first
/// and last day. The key names the period in runs and in the billing keys of invoices.
/// </summary>
public sealed record BillingPeriod(BillingCycle Cycle, DateOnly Start, DateOnly End)
{
    public int Year => Start.Year;

    /// <summary>How many periods of the cycle make a year: the annual rate is divided by it.</summary>
    public int PerYear => Cycle switch { BillingCycle.Annual => 1, BillingCycle.Quarterly => 4, _ => 12 };

    public string Key => Cycle switch
    {
        BillingCycle.Annual => $"{Start.Year}",
        BillingCycle.Quarterly => $"{Start.Year}-T{(Start.Month - 1) / 3 + 1}",
        _ => $"{Start.Year}-{Start.Month:00}",
    };

    /// <summary>"année 2026", "4e trimestre 2026", "décembre 2026".</summary>
    public string Label => Cycle switch
    {
        BillingCycle.Annual => $"année {Start.Year}",
        BillingCycle.Quarterly => $"{(Start.Month - 1) / 3 + 1}{((Start.Month - 1) / 3 == 0 ? "er" : "e")} trimestre {Start.Year}",
        _ => $"{Start.ToString("MMMM", Fr)} {Start.Year}",
    };

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public static BillingPeriod Containing(BillingCycle cycle, DateOnly day)
    {
        var start = cycle switch
        {
            BillingCycle.Annual => new DateOnly(day.Year, 1, 1),
            BillingCycle.Quarterly => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
            _ => new DateOnly(day.Year, day.Month, 1),
        };
        return new BillingPeriod(cycle, start, start.AddMonths(12 / PerYearOf(cycle)).AddDays(-1));
    }

    /// <summary>The periods of the cycle that make up a year, in order.</summary>
    public static IReadOnlyList<BillingPeriod> OfYear(BillingCycle cycle, int year) =>
        Enumerable.Range(0, PerYearOf(cycle)).Select(n => Containing(cycle, new DateOnly(year, 1 + n * 12 / PerYearOf(cycle), 1))).ToList();

    public BillingPeriod Next() => Containing(Cycle, End.AddDays(1));
    public BillingPeriod Previous() => Containing(Cycle, Start.AddDays(-1));

    /// <summary>The period a key names in this cycle ("2026", "2026-T4", "2026-12"), or null.</summary>
    public static BillingPeriod? Parse(BillingCycle cycle, string? key)
    {
        key = key?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(key) || key.Length < 4 || !int.TryParse(key[..4], out var year) || year is < 2000 or > 2100) return null;
        var rest = key[4..];
        DateOnly? start = (cycle, rest) switch
        {
            (BillingCycle.Annual, "") => new DateOnly(year, 1, 1),
            (BillingCycle.Quarterly, ['-', 'T', var q]) when q is >= '1' and <= '4' => new DateOnly(year, (q - '1') * 3 + 1, 1),
            (BillingCycle.Monthly, ['-', _, _]) when int.TryParse(rest[1..], out var m) && m is >= 1 and <= 12 => new DateOnly(year, m, 1),
            _ => null,
        };
        return start is { } s ? Containing(cycle, s) : null;
    }

    /// <summary>
    /// The due dates of an invoice issued on <paramref name="issuedOn"/>: the first after the payment term,
    /// the others spread evenly over the year (3 instalments: every 4 months).
    /// </summary>
    public static IReadOnlyList<DateOnly> DueDates(DateOnly issuedOn, int instalments, int paymentTermDays)
    {
        var first = issuedOn.AddDays(paymentTermDays);
        return Enumerable.Range(0, Math.Max(1, instalments)).Select(n => first.AddMonths(n * 12 / Math.Max(1, instalments))).ToList();
    }

    private static int PerYearOf(BillingCycle cycle) => cycle switch { BillingCycle.Annual => 1, BillingCycle.Quarterly => 4, _ => 12 };

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
}
