using Platform.Features.Regulation;

namespace Platform.Features.Tests;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("732829320", true)]   // Luhn-valid SIREN
    [InlineData("356000000", true)]   // La Poste
    [InlineData("732829321", false)]
    [InlineData("73282932", false)]
    [InlineData("73282932A", false)]
    [InlineData(null, false)]
    public void Siren(string? siren, bool valid) => Assert.Equal(valid, Identifiers.IsValidSiren(siren));

    [Theory]
    [InlineData("73282932000074", true)]
    [InlineData("73282932000075", false)]
    [InlineData("35600000000048", true)]  // La Poste head office, Luhn-valid
    [InlineData("35600000049837", true)]  // La Poste establishment: digit sum 45, a multiple of 5
    [InlineData("35600000049838", false)]
    [InlineData("7328293200007", false)]
    [InlineData("7328293200007X", false)]
    public void Siret(string siret, bool valid) => Assert.Equal(valid, Identifiers.IsValidSiret(siret));

    [Fact]
    public void Luhn_key_completes_a_number() =>
        Assert.True(Identifiers.IsValidSiret(Identifiers.WithLuhnKey("7328293200007")));
}
