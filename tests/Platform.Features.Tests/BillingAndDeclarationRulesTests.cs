using Platform.Features.Billing;
using Platform.Features.Declarations;
using Platform.Tenancy.Rules;

namespace Platform.Features.Tests;

public sealed class BillingAndDeclarationRulesTests
{
    [Fact]
    public void The_seed_004_contribution_splits_into_three_instalments_that_sum_to_it()
    {
        // Seed 004: 1 458,22 € in 3 instalments, two of which are 486,07 €: the cent that does not divide goes first.
        Assert.Equal([486.08m, 486.07m, 486.07m], Money.Split(1458.22m, 3));
        Assert.Equal([0.02m, 0.01m, 0.01m, 0.01m], Money.Split(0.05m, 4));
        Assert.Equal([-33.34m, -33.33m, -33.33m], Money.Split(-100m, 3));
        Assert.Equal([1231.20m], Money.Split(1231.2m, 1));
    }

    [Theory]
    [InlineData(100, 3)]
    [InlineData(0.05, 4)]
    [InlineData(1242, 4)]
    [InlineData(-100, 3)]
    [InlineData(999.99, 12)]
    public void A_split_always_sums_to_the_total_in_cents(double total, int parts)
    {
        var amount = (decimal)total;
        var split = Money.Split(amount, parts);
        Assert.Equal(parts, split.Count);
        Assert.Equal(amount, split.Sum());
        Assert.All(split, p => Assert.Equal(p, Math.Round(p, 2)));
        Assert.True(Math.Abs(split[0] - split[^1]) < 0.01m * parts);
        // Every part after the first is the same: only the first carries the cents left over.
        Assert.Single(split.Skip(1).Distinct().DefaultIfEmpty(split[0]));
    }

    [Fact]
    public void Amounts_round_half_away_from_zero_and_print_the_French_way()
    {
        Assert.Equal(0.13m, Money.Round(0.125m));
        Assert.Equal(-0.13m, Money.Round(-0.125m));
        Assert.Equal("1 458,22 €", Money.Format(1458.22m));
    }

    private static readonly DeclarationRules Sst68 = new() { Window = DeclarationWindow.YearlyMonths, OpensMonth = 1, ClosesMonth = 1 };
    private static readonly DeclarationRules Sstrn = new() { Window = DeclarationWindow.YearlyMonths, OpensMonth = 1, ClosesMonth = 2, NotDueInJoiningYear = true };
    private static readonly DeclarationRules SistOn = new() { Window = DeclarationWindow.AnyTime };
    private static readonly DeclarationRules SstbtpBfc = new()
    {
        Window = DeclarationWindow.Campaigns,
        Campaigns =
        [
            new() { Year = 2025, OpensOn = new(2025, 11, 4), ClosesOn = new(2026, 1, 7), DueOn = new(2025, 11, 28) },
            new() { Year = 2026, OpensOn = new(2026, 11, 3), ClosesOn = new(2027, 1, 7), DueOn = new(2026, 11, 30) },
        ],
    };

    [Fact]
    public void Each_tenant_expects_its_declaration_in_its_own_window()
    {
        // sst68: January; after it, this year's declaration is still owed (late).
        Assert.Equal(new DeclarationPeriod(2026, new(2026, 1, 1), new(2026, 1, 31), new(2026, 1, 31)), DeclarationCalendar.Current(Sst68, new(2026, 11, 23)));
        // sstrn: 1 January to the end of February.
        Assert.Equal(new DateOnly(2026, 2, 28), DeclarationCalendar.Current(Sstrn, new(2026, 1, 15))!.DueOn);
        // sist-on: any time of the year.
        Assert.Equal(2026, DeclarationCalendar.Current(SistOn, new(2026, 6, 1))!.Year);
        // sstbtp-bfc: the campaign opened last; before the first one, nothing is expected.
        Assert.Equal(2025, DeclarationCalendar.Current(SstbtpBfc, new(2026, 11, 2))!.Year);
        Assert.Equal(new DateOnly(2026, 11, 30), DeclarationCalendar.Current(SstbtpBfc, new(2026, 11, 23))!.DueOn);
        Assert.Null(DeclarationCalendar.Current(SstbtpBfc, new(2025, 1, 1)));
    }

    [Fact]
    public void Sstrn_asks_nothing_the_year_a_company_joins()
    {
        var period = DeclarationCalendar.Current(Sstrn, new(2026, 1, 15))!;
        Assert.False(DeclarationCalendar.Owes(Sstrn, period, joinedYear: 2026, memberNumber: "101.1"));
        Assert.True(DeclarationCalendar.Owes(Sstrn, period, joinedYear: 2025, memberNumber: "101.1"));
        Assert.True(DeclarationCalendar.Owes(Sst68, DeclarationCalendar.Current(Sst68, new(2026, 1, 15))!, joinedYear: 2026, memberNumber: "680001"));
    }

    [Fact]
    public void A_temp_worker_account_owes_no_annual_declaration()
    {
        // Seed 000: the declaration is « uniquement pour les salariés permanents », on the parent account NNN.1.
        var period = DeclarationCalendar.Current(Sstrn, new(2026, 1, 15))!;
        Assert.True(DeclarationCalendar.Owes(Sstrn, period, joinedYear: 2020, memberNumber: "101.1"));
        Assert.False(DeclarationCalendar.Owes(Sstrn, period, joinedYear: 2020, memberNumber: "101.1.2"));
    }
}
