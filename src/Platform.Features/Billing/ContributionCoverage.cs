using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Tenancy.Rules;

namespace Platform.Features.Billing;

/// <summary>
/// Which months of a year a company's contribution invoices cover, whatever cycle billed them (pentest M2).
/// Billing keys name periods of different lengths ("contribution:2026", "contribution:2026-T4", "contribution:2026-11"):
/// once a tenant changes its cycle mid-year, a key of the new cycle never equals one of the old, so comparing keys as text
/// billed months twice. Overlap is decided here on the months the keys cover.
/// <para>
/// Why this rather than refusing a change of cycle before 1 January: administrators do change the cycle (the rules form
/// saves it at once, and the year's rates stay), and a refusal would not repair a tenant whose runs already straddle two
/// cycles. Computing what is covered is sound in every order: a run bills only the months of its period no invoice covers
/// yet (a quarter after two monthly invoices bills its last month; a month of an invoiced quarter bills nothing), and the
/// months it bills carry its period's key, so the union of the keys' periods is always exactly what was billed.
/// </para>
/// </summary>
public static class ContributionCoverage
{
    public const string KeyPrefix = "contribution:";

    private static readonly BillingCycle[] Cycles = [BillingCycle.Annual, BillingCycle.Quarterly, BillingCycle.Monthly];

    /// <summary>The period a contribution billing key names, whichever cycle issued it; null for other keys.</summary>
    public static BillingPeriod? PeriodOf(string? billingKey)
    {
        if (billingKey is null || !billingKey.StartsWith(KeyPrefix, StringComparison.Ordinal)) return null;
        var key = billingKey[KeyPrefix.Length..];
        return Cycles.Select(c => BillingPeriod.Parse(c, key)).FirstOrDefault(p => p is not null);
    }

    /// <summary>The first day of each month of the period.</summary>
    public static IReadOnlyList<DateOnly> MonthsOf(BillingPeriod period) =>
        Enumerable.Range(0, 12 / period.PerYear).Select(n => period.Start.AddMonths(n)).ToList();

    /// <summary>Every contribution key (of any cycle) whose period holds one of these months: an invoice with one of them bills one of these months.</summary>
    public static IReadOnlyList<string> KeysOverlapping(IEnumerable<DateOnly> months) =>
        months.SelectMany(m => Cycles.Select(c => BillingRuns.ContributionKey(BillingPeriod.Containing(c, m)))).Distinct().ToList();

    /// <summary>The months of <paramref name="year"/> each company's contribution invoices cover (companies without any are absent).</summary>
    public static async Task<Dictionary<Guid, HashSet<DateOnly>>> CoveredMonthsAsync(PlatformDbContext db, IReadOnlyCollection<Guid> companyIds, int year, CancellationToken ct)
    {
        var keys = KeysOverlapping(MonthsOf(BillingPeriod.Containing(BillingCycle.Annual, new DateOnly(year, 1, 1))));
        var rows = await db.Invoices.AsNoTracking().Where(i => companyIds.Contains(i.CompanyId) && i.BillingKey != null && keys.Contains(i.BillingKey))
            .Select(i => new { i.CompanyId, i.BillingKey }).ToListAsync(ct);
        return rows.GroupBy(r => r.CompanyId).ToDictionary(g => g.Key,
            g => g.SelectMany(r => PeriodOf(r.BillingKey) is { } p ? MonthsOf(p) : []).ToHashSet());
    }

    /// <summary>
    /// The share of the year's rates billed for these months under <paramref name="cycle"/>: each whole period of the cycle at
    /// its share (as a run bills it: 1/4 of the rate for a quarter, to the cent), each part of a period at its months' twelfths.
    /// </summary>
    public static RateRules ShareOf(RateRules rate, BillingCycle cycle, IReadOnlyCollection<DateOnly> months)
    {
        decimal Share(decimal annual) => months.GroupBy(m => BillingPeriod.Containing(cycle, m)).Sum(g =>
            g.Count() == 12 / g.Key.PerYear ? (g.Key.PerYear == 1 ? annual : Money.Round(annual / g.Key.PerYear)) : Money.Round(annual * g.Count() / 12m));
        return rate with
        {
            PerEmployee = Share(rate.PerEmployee),
            ApprenticeVisit = rate.ApprenticeVisit is { } apprentice ? Share(apprentice) : null,
        };
    }

    /// <summary>"novembre et décembre 2026", "octobre 2026", "janvier, mars 2026" for an invoice's label.</summary>
    public static string Label(IReadOnlyList<DateOnly> months)
    {
        var fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        var names = months.Order().Select(m => m.ToString("MMMM", fr)).ToList();
        var list = names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " et " + names[^1];
        return $"{list} {months.Max().Year}";
    }
}
