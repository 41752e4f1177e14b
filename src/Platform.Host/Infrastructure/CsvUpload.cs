using Platform.Features.Imports;

namespace Platform.Host.Infrastructure;

/// <summary>The CSV file of an import form: present, at most 5 MB, decoded (UTF-8 or Windows-1252).</summary>
public static class CsvUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public static async Task<(string? Text, ImportError? Error)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (null, new ImportError(0, null, "NO_FILE", "Choisissez le fichier CSV à importer."));
        if (file.Length > MaxBytes) return (null, new ImportError(0, null, "TOO_LARGE", "Le fichier dépasse 5 Mo : découpez-le."));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return (Csv.Decode(buffer.ToArray()), null);
    }
}
