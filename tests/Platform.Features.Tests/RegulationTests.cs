using Platform.Features.Regulation;

namespace Platform.Features.Tests;

public sealed class FollowUpRulesTests
{
    private static readonly DateOnly Before = new(2025, 9, 30);
    private static readonly DateOnly From = new(2025, 10, 1);

    [Theory]
    [InlineData(Risk.Caces)]
    [InlineData(Risk.ElectricalClearance)]
    public void Caces_and_electrical_clearance_were_SIR_until_the_2025_decree_then_SI_with_a_5_year_attestation(Risk risk)
    {
        Assert.Equal(FollowUpCategory.SIR, FollowUpRules.For([risk], Before));
        Assert.Empty(FollowUpRules.Attestations([risk], Before));
        Assert.Equal(FollowUpCategory.SI, FollowUpRules.For([risk], From));
        Assert.Equal([(risk, 5)], FollowUpRules.Attestations([risk], From));
    }

    [Fact]
    public void The_seeds_CACES_and_scaffold_fall_workstation_stays_SIR_after_the_decree() =>
        Assert.Equal(FollowUpCategory.SIR, FollowUpRules.For([Risk.Caces, Risk.ScaffoldFall], From));

    [Theory]
    [InlineData(new Risk[0], FollowUpCategory.SI)]
    [InlineData(new[] { Risk.NightWork }, FollowUpCategory.SIA)]
    [InlineData(new[] { Risk.BiologicalGroup2 }, FollowUpCategory.SIA)]
    [InlineData(new[] { Risk.ElectromagneticFields }, FollowUpCategory.SIA)]
    [InlineData(new[] { Risk.NightWork, Risk.Asbestos }, FollowUpCategory.SIR)]
    [InlineData(new[] { Risk.Lead }, FollowUpCategory.SIR)]
    [InlineData(new[] { Risk.IonisingRadiation }, FollowUpCategory.SIR)]
    [InlineData(new[] { Risk.ManualLoadsOver55Kg }, FollowUpCategory.SIR)]
    [InlineData(new[] { Risk.Other }, FollowUpCategory.SIR)]
    public void The_strongest_risk_wins(Risk[] risks, FollowUpCategory expected) =>
        Assert.Equal(expected, FollowUpRules.For(risks, From));

    [Fact]
    public void A_worker_situation_raises_SI_to_SIA_but_never_lowers_SIR()
    {
        Assert.Equal(FollowUpCategory.SIA, FollowUpRules.For([], From, [WorkerSituation.PregnantOrBreastfeeding]));
        Assert.Equal(FollowUpCategory.SIR, FollowUpRules.For([Risk.Asbestos], From, [WorkerSituation.UnderEighteen]));
    }

    [Fact]
    public void Every_risk_has_a_rule_from_the_beginning() =>
        Assert.All(Enum.GetValues<Risk>(), r => Assert.NotNull(FollowUpRules.RuleFor(r, new DateOnly(2000, 1, 1))));
}

public sealed class NirTests
{
    [Theory]
    [InlineData("185057800608491", "185057800608491")]
    [InlineData("1 85 05 78 006 084 91", "185057800608491")]
    [InlineData("N269014912345687", "269014912345687")]
    [InlineData("185052A12345633", "185052A12345633")]   // Corsica 2A counts as 19
    [InlineData("285052b12345610", "285052B12345610")]   // Corsica 2B counts as 18
    [InlineData("185057800608492", null)]                // wrong key
    [InlineData("18505780060849", null)]                 // too short
    [InlineData("585057800608491", null)]                // no such first digit
    [InlineData("1850578X0608491", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Key_and_format(string? input, string? normalized) => Assert.Equal(normalized, Nir.Normalize(input));

    [Fact]
    public void Lists_show_only_sex_year_and_month() => Assert.Equal("1 85 05 •• ••• ••• ••", Nir.Mask("185057800608491"));
}

public sealed class PcsNomenclatureTests
{
    private static readonly PcsNomenclature Pcs = PcsNomenclature.Shipped;

    [Fact]
    public void The_shipped_nomenclature_has_the_429_workstation_codes_including_every_seed_code()
    {
        Assert.Equal(429, Pcs.Count);
        foreach (var code in new[] { "372d", "431f", "451a", "474b", "526c" }) Assert.NotNull(Pcs.Find(code));
    }

    [Fact]
    public void Search_by_code_prefix_lists_that_code_first() => Assert.Equal("372d", Pcs.Search("372d")[0].Code);

    [Theory]
    [InlineData("puericulture", "526c")]
    [InlineData("Infirmiers soins généraux", "431f")]
    [InlineData("CADRES formation", "372d")]
    public void Search_by_keywords_ignores_accents_and_case(string search, string expected) =>
        Assert.Contains(Pcs.Search(search), c => c.Code == expected);

    [Fact]
    public void Search_is_bounded_and_empty_searches_find_nothing()
    {
        Assert.True(Pcs.Search("a", first: 5).Count <= 5);
        Assert.Empty(Pcs.Search("   "));
        Assert.Empty(Pcs.Search("zzzzzz"));
    }

    [Theory]
    [InlineData("372d", true)]
    [InlineData("372D", false)]
    [InlineData("37d", false)]
    [InlineData("3721", false)]
    public void Well_formed_codes(string code, bool ok) => Assert.Equal(ok, PcsNomenclature.IsWellFormed(code));
}
