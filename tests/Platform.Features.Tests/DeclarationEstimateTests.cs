using Platform.Features.Declarations;
using Platform.Tenancy.Rules;

namespace Platform.Features.Tests;

/// <summary>The 31/12 headcount rule and the estimate (SPEC.md 3.7, 4.3; seeds 000 and 003).</summary>
public sealed class DeclarationEstimateTests
{
    [Fact]
    public void The_headcount_of_year_N_counts_those_present_on_31_December_N_minus_1_and_apprentices_apart()
    {
        ContractSpan[] contracts =
        [
            new(new DateOnly(2020, 3, 1), null, "CDI"),
            new(new DateOnly(2025, 6, 1), new DateOnly(2025, 12, 31), "CDD"),   // ends on 31/12: still counted
            new(new DateOnly(2025, 6, 1), new DateOnly(2025, 12, 30), "CDD"),   // ends on 30/12: the seed's way to leave someone out
            new(new DateOnly(2026, 1, 1), null, "CDI"),                          // hired after the date
            new(new DateOnly(2025, 12, 31), null, "CDI"),                        // hired on the date
            new(new DateOnly(2024, 9, 1), null, "Apprentissage"),
        ];
        Assert.Equal((3, 1), Headcount.Count(contracts, 2026));
        Assert.Equal(new DateOnly(2025, 12, 31), Headcount.ReferenceDate(2026));
        // A year earlier (31/12/2024), only the first contract and the apprentice were there.
        Assert.Equal((1, 1), Headcount.Count(contracts, 2025));
        Assert.Equal((1, 0), Headcount.Count(contracts, 2024));
    }

    [Fact]
    public void Sstbtp_bfc_two_employees_at_138_euros_make_276_HT_55_20_VAT_331_20_TTC()
    {
        var rate = new RateRules { Year = 2025, PerEmployee = 138.00m, ApprenticeVisit = 51.00m, VatPercent = 20 };
        var estimate = DeclarationEstimate.Compute(rate, 2, 0);
        Assert.Equal(276.00m, estimate.TotalExclTax);
        Assert.Equal(55.20m, estimate.Vat);
        Assert.Equal(331.20m, estimate.TotalInclTax);
        // Seed 003 shows the apprentice line even at 0 × 51,00 €.
        Assert.Equal([("Cotisation annuelle", 2, 138.00m, 276.00m), ("Visites apprentis", 0, 51.00m, 0m)],
            estimate.Lines.Select(l => (l.Label, l.Quantity, l.UnitPrice, l.Amount)));

        var withApprentice = DeclarationEstimate.Compute(rate, 2, 1);
        Assert.Equal(327.00m, withApprentice.TotalExclTax);
        Assert.Equal(392.40m, withApprentice.TotalInclTax);
    }

    [Fact]
    public void Sst68_takes_1_5_percent_off_only_where_a_SEPA_mandate_is_active()
    {
        var rate = new RateRules { Year = 2026, PerEmployee = 114.00m, VatPercent = 20 };
        var without = DeclarationEstimate.Compute(rate, 10, 0);
        Assert.Equal(1140.00m, without.TotalExclTax);
        Assert.Equal(228.00m, without.Vat);
        Assert.Equal(1368.00m, without.TotalInclTax);
        Assert.DoesNotContain(without.Lines, l => l.Amount < 0);

        var with = DeclarationEstimate.Compute(rate, 10, 0, sepaDiscountPercent: 1.5m);
        var discount = Assert.Single(with.Lines, l => l.Amount < 0);
        Assert.Equal(-17.10m, discount.Amount);
        Assert.Equal("Remise prélèvement SEPA (1,5 %)", discount.Label);
        Assert.Equal(1122.90m, with.TotalExclTax);
        Assert.Equal(224.58m, with.Vat);
        Assert.Equal(1347.48m, with.TotalInclTax);
    }

    [Fact]
    public void Past_years_can_be_declared_but_not_a_year_whose_window_is_not_open()
    {
        var sst68 = new DeclarationRules { Window = DeclarationWindow.YearlyMonths, OpensMonth = 1, ClosesMonth = 1 };
        Assert.True(DeclarationCalendar.IsOpen(sst68, 2026, new DateOnly(2026, 1, 15)));
        Assert.False(DeclarationCalendar.IsOpen(sst68, 2026, new DateOnly(2026, 3, 1)));
        Assert.True(DeclarationCalendar.IsOpen(sst68, 2025, new DateOnly(2026, 3, 1)));
        Assert.False(DeclarationCalendar.IsOpen(sst68, 2027, new DateOnly(2026, 3, 1)));
        Assert.False(DeclarationCalendar.IsOpen(sst68, 2026 - DeclarationCalendar.PastYears - 1, new DateOnly(2026, 3, 1)));
    }
}
