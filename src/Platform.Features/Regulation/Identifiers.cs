namespace Platform.Features.Regulation;

/// <summary>French company identifiers (SPEC.md 4.5).</summary>
public static class Identifiers
{
    /// <summary>La Poste's SIREN: its establishments' SIRETs use a digit-sum rule instead of Luhn.</summary>
    public const string LaPosteSiren = "356000000";

    public static bool IsValidSiren(string? siren) => siren is { Length: 9 } && siren.All(char.IsAsciiDigit) && LuhnValid(siren);

    public static bool IsValidSiret(string? siret)
    {
        if (siret is not { Length: 14 } || !siret.All(char.IsAsciiDigit)) return false;
        if (LuhnValid(siret)) return true;
        // La Poste's establishments (its head office 35600000000048 passes Luhn) use a digit sum multiple of 5.
        return siret.StartsWith(LaPosteSiren, StringComparison.Ordinal) && siret.Sum(c => c - '0') % 5 == 0;
    }

    /// <summary>Appends the Luhn check digit to a string of digits.</summary>
    public static string WithLuhnKey(string digits)
    {
        for (var key = 0; key <= 9; key++)
            if (LuhnValid(digits + key)) return digits + key;
        throw new InvalidOperationException("unreachable");
    }

    private static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}
