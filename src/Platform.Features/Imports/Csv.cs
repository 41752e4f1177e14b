using System.Globalization;
using System.Text;
using CsvHelper;

namespace Platform.Features.Imports;

/// <summary>One line of an import that cannot be taken: its number in the file, the column, a code and a French message.</summary>
public sealed record ImportError(int Line, string? Column, string Code, string Message);

/// <summary>What an import did: with any error nothing is imported (all or nothing).</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportError> Errors)
{
    /// <summary>Set where the import waits for staff validation instead of applying (sst68).</summary>
    public PendingChanges.PendingChangeView? Pending { get; init; }

    public static ImportResult Failed(params ImportError[] errors) => new(0, errors);
}

/// <summary>A data line of a CSV file: its line number as a spreadsheet shows it (the header is line 1) and its cells, trimmed.</summary>
public sealed record CsvLine(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int index) => index < Cells.Count ? Cells[index] : "";
}

/// <summary>
/// The reference CSV files of the seeds: separator ';', a header line, UTF-8 (or Windows-1252, which
/// a French spreadsheet writes by default). Reading and writing go through CsvHelper.
/// </summary>
public static class Csv
{
    public const int MaxLines = 50_000;
    // The header is read as an ordinary record so that a wrong one is reported, not guessed around.
    private static readonly CsvReaderOptions ReaderOptions = new()
    {
        Separator = ';', HasHeader = false, TrimWhitespace = true, TrackLineNumbers = true, IncludeValuesInExceptions = false,
    };

    // Names starting with = + - @ would run as formulas in a spreadsheet: they are written as text.
    private static readonly CsvWriterOptions WriterOptions = new()
    {
        Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape,
    };

    static Csv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Text of an uploaded file: UTF-8 when it is valid UTF-8, else Windows-1252.</summary>
    public static string Decode(byte[] bytes)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { return Encoding.GetEncoding(1252).GetString(bytes); }
    }

    /// <summary>The header's cells and the data lines that are not blank; null header for an empty file.</summary>
    public static (IReadOnlyList<string>? Header, IReadOnlyList<CsvLine> Lines) Read(string text)
    {
        using var reader = CsvReader.Create(new StringReader(text.TrimStart('\uFEFF')), ReaderOptions);
        IReadOnlyList<string>? header = null;
        var lines = new List<CsvLine>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i);
            if (header is null) { header = cells; continue; }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            lines.Add(new CsvLine((int)reader.LineNumber, cells));
            if (lines.Count > MaxLines) break;
        }
        return (header, lines);
    }

    /// <summary>A CSV file in the reference format (UTF-8 with BOM so that spreadsheets read the accents).</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, WriterOptions, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (var row in rows) csv.WriteRecord(row.Select(cell => cell ?? "").ToArray());
        }
        return buffer.ToArray();
    }

    /// <summary>Oui/Non cells: null when the cell says neither.</summary>
    public static bool? YesNo(string cell) => cell.Trim().ToLowerInvariant() switch
    {
        "oui" or "o" or "x" => true,
        "non" or "n" or "" => false,
        _ => null,
    };

    /// <summary>JJ/MM/AAAA dates of the reference files.</summary>
    public static DateOnly? Date(string cell) =>
        DateOnly.TryParseExact(cell.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Header cells compared without case, accents or spaces: spreadsheets cut and retype them.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(char.ToLowerInvariant(c));
        return folded.ToString();
    }

    /// <summary>Whether the file's first line is the expected header: the first cells compared folded, shortened ones accepted
    /// (spreadsheets cut them: "Rayonnements ion"); the other columns are taken by position.</summary>
    public static bool HeaderMatches(IReadOnlyList<string>? header, IReadOnlyList<string> expected, int cellsToCompare) =>
        header is not null && header.Count >= expected.Count - 1 && expected.Take(cellsToCompare).Select((h, i) => SameHeader(h, header[i])).All(x => x);

    private static bool SameHeader(string expected, string actual)
    {
        // "Civilite(Madame/Monsieur)" and the seed's "Civilite(Mr": what is in brackets varies.
        static string Name(string cell) => Fold(cell.Split('(')[0]);
        var e = Name(expected);
        var a = Name(actual);
        return a.Length >= 2 && (e.StartsWith(a, StringComparison.Ordinal) || a.StartsWith(e, StringComparison.Ordinal));
    }
}
