namespace Platform.Features.Regulation;

/// <summary>
/// The NIR (numéro d'inscription au répertoire, used as INS): 13 characters and a 2-digit key,
/// key = 97 − (number mod 97); for Corsica 2A counts as 19 and 2B as 18 (SPEC.md 4.5). Personal data
/// of high sensitivity: never logged, masked in lists, encrypted at rest.
/// </summary>
public static class Nir
{
    /// <summary>The NIR without spaces, upper-case, when it is well-formed and its key is right; else null.</summary>
    public static string? Normalize(string? value)
    {
        if (value is null) return null;
        var nir = new string(value.Where(c => !char.IsWhiteSpace(c) && c != '.' && c != '-').ToArray()).ToUpperInvariant();
        if (nir.StartsWith('N')) nir = nir[1..]; // the seeds' CSV writes the INS preceded by N
        return IsValid(nir) ? nir : null;
    }

    public static bool IsValid(string nir)
    {
        if (nir.Length != 15 || nir[0] is not ('1' or '2' or '3' or '4' or '7' or '8')) return false;
        var body = nir[..13];
        var department = body.Substring(5, 2);
        var digits = department switch
        {
            "2A" => body[..5] + "19" + body[7..],
            "2B" => body[..5] + "18" + body[7..],
            _ => body,
        };
        if (!digits.All(char.IsAsciiDigit) || !nir[13..].All(char.IsAsciiDigit)) return false;
        var key = 97 - (int)(ulong.Parse(digits) % 97);
        return key == int.Parse(nir[13..]);
    }

    /// <summary>What lists show: sex and birth year/month, the rest hidden ("1 85 05 •• ••• ••• ••").</summary>
    public static string Mask(string nir) => nir.Length == 15 ? $"{nir[0]} {nir[1..3]} {nir[3..5]} •• ••• ••• ••" : "•••";
}
