using System.Globalization;
using System.Text;

namespace Platform.Features.Regulation;

public sealed record PcsCode(string Code, string Label);

/// <summary>
/// INSEE's PCS-ESE nomenclature shipped with the platform (Regulation/pcs-ese.csv): the 3-digit and
/// letter codes a workstation takes, searched by code or by keyword, accents and case ignored.
/// </summary>
public sealed class PcsNomenclature
{
    private readonly IReadOnlyList<(PcsCode Code, string Folded)> codes;

    public PcsNomenclature(IEnumerable<PcsCode> all) =>
        codes = all.Select(c => (c, Fold($"{c.Code} {c.Label}"))).ToList();

    public int Count => codes.Count;

    public static PcsNomenclature Shipped { get; } = Load();

    public PcsCode? Find(string code) => codes.FirstOrDefault(c => c.Code.Code == code.Trim().ToLowerInvariant()).Code;

    /// <summary>Codes starting with the search (e.g. "372") first, then labels containing every word of it.</summary>
    public IReadOnlyList<PcsCode> Search(string search, int first = 20)
    {
        first = Math.Clamp(first, 1, 100);
        var words = Fold(search).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return [];
        var byCode = codes.Where(c => c.Code.Code.StartsWith(words[0], StringComparison.Ordinal) && words.Length == 1).Select(c => c.Code);
        var byWords = codes.Where(c => words.All(w => c.Folded.Contains(w, StringComparison.Ordinal))).Select(c => c.Code);
        return byCode.Concat(byWords).Distinct().Take(first).ToList();
    }

    public static bool IsWellFormed(string? code) =>
        code is { Length: 4 } && code[..3].All(char.IsAsciiDigit) && char.IsAsciiLetterLower(code[3]);

    private static PcsNomenclature Load()
    {
        using var stream = typeof(PcsNomenclature).Assembly.GetManifestResourceStream("Platform.Features.Regulation.pcs-ese.csv")
                           ?? throw new InvalidOperationException("pcs-ese.csv is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var all = new List<PcsCode>();
        reader.ReadLine(); // code;libelle
        while (reader.ReadLine() is { } line)
        {
            var separator = line.IndexOf(';');
            if (separator < 0) continue;
            var code = line[..separator].Trim();
            if (IsWellFormed(code)) all.Add(new PcsCode(code, line[(separator + 1)..].Trim().Trim('"')));
        }
        return new PcsNomenclature(all);
    }

    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        return folded.ToString();
    }
}
