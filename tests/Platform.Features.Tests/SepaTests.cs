using Platform.Features.Payments.Sepa;

namespace Platform.Features.Tests;

public sealed class SepaTests
{
    [Theory]
    // Spaces and lower case as people type them from a RIB: normalised.
    [InlineData("fr76 3000 4008 1900 0123 4567 879", "FR7630004008190001234567879")]
    // The classic French example IBAN, with a letter in the account number.
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606")]
    [InlineData("FR7610278361000002012340194", "FR7610278361000002012340194")]
    // Another SEPA country: its own length.
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    public void A_valid_iban_is_normalised(string typed, string normalised)
    {
        var check = Iban.Check(typed);
        Assert.True(check.IsValid, check.Error?.Message);
        Assert.Equal(normalised, check.Iban);
    }

    [Theory]
    [InlineData("FR7630004008190001234567878", "IBAN_CHECKSUM", "n'est pas valide")]   // last digit changed
    [InlineData("FR7630004008190001243567879", "IBAN_CHECKSUM", "n'est pas valide")]   // two digits swapped
    [InlineData("FR763000400819000123456787", "IBAN_LENGTH", "27 caractères")]          // one short
    [InlineData("FR76300040081900012345678790", "IBAN_LENGTH", "27 caractères")]        // one too many
    [InlineData("", "IBAN_REQUIRED", "RIB")]
    [InlineData("   ", "IBAN_REQUIRED", "RIB")]
    [InlineData("FR76 3000 4008 1900 0123 4567 87!", "IBAN_INVALID", "lettres et des chiffres")]
    [InlineData("7630004008190001234567879FR", "IBAN_INVALID", "code du pays")]
    public void An_invalid_iban_is_refused_with_a_french_message(string typed, string code, string inMessage)
    {
        var check = Iban.Check(typed);
        Assert.False(check.IsValid);
        Assert.Null(check.Iban);
        Assert.Equal(code, check.Error!.Code);
        Assert.Equal("iban", check.Error.Field);
        Assert.Contains(inMessage, check.Error.Message);
    }

    [Fact]
    public void Only_the_last_4_characters_are_kept_for_display()
    {
        Assert.Equal("7879", Iban.Last4("FR7630004008190001234567879"));
        Assert.Equal("FR** **** … 7879", Iban.Masked("FR", "7879"));
        Assert.Equal("FR76 3000 4008 1900 0123 4567 879", Iban.Grouped("FR7630004008190001234567879"));
    }

    [Theory]
    [InlineData("BNPAFRPP", "BNPAFRPP")]
    [InlineData("bnpa frpp xxx", "BNPAFRPPXXX")]
    [InlineData("CMCIFR2A", "CMCIFR2A")]
    public void A_valid_bic_is_normalised(string typed, string bic)
    {
        var (value, error) = Bic.Check(typed);
        Assert.Null(error);
        Assert.Equal(bic, value);
    }

    [Theory]
    [InlineData("BNP")]
    [InlineData("BNPAFRPPX")]
    [InlineData("1NPAFRPP")]
    public void An_invalid_bic_is_refused(string typed)
    {
        var (value, error) = Bic.Check(typed);
        Assert.Null(value);
        Assert.Equal("BIC_INVALID", error!.Code);
        Assert.Contains("facultatif", error.Message);
    }

    [Fact]
    public void The_bic_is_optional() => Assert.Equal((null, null), Bic.Check("  "));

    [Theory]
    [InlineData("sstrn", "101.1", 1, "SSTRN-101.1-001")]
    [InlineData("sst68", "680001", 2, "SST68-680001-002")]
    [InlineData("sstbtp-bfc", "250001", 12, "SSTBTP-BFC-250001-012")]
    [InlineData("sist-on", "ON0001", 1, "SIST-ON-ON0001-001")]
    public void The_mandate_reference_names_tenant_member_and_ordinal(string tenant, string member, int ordinal, string expected)
    {
        var rum = MandateReference.For(tenant, member, ordinal);
        Assert.Equal(expected, rum);
        Assert.True(MandateReference.IsValid(rum));
    }

    [Fact]
    public void The_mandate_reference_keeps_to_the_sepa_charset_and_35_characters()
    {
        var rum = MandateReference.For("sstbtp-bfc", "Adhérent_n°12345678901234567890123456789", 999);
        Assert.True(rum.Length <= 35, rum);
        Assert.True(MandateReference.IsValid(rum), rum);
        Assert.StartsWith("SSTBTP-BFC-ADHERENT-N-", rum);
        Assert.EndsWith("-999", rum);
        Assert.False(MandateReference.IsValid("ABC_DEF"));
        Assert.False(MandateReference.IsValid(new string('A', 36)));
    }

    [Fact]
    public void Each_mandate_of_a_member_and_each_member_get_their_own_reference()
    {
        var references = new[] { ("101.1", 1), ("101.1", 2), ("102.1", 1), ("1011", 1) }
            .Select(x => MandateReference.For("sstrn", x.Item1, x.Item2)).ToList();
        Assert.Equal(references.Count, references.Distinct().Count());
    }
}
