using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Platform.Features.Documents;

/// <summary>
/// Whether uploaded bytes are a real PDF under the size limit: read by PdfPig, never judged by the
/// file's name or the content type the browser sent. Encrypted PDFs are refused: the health team must
/// be able to open what is shared with it.
/// The check reads the structure (header, cross-references, catalogue, page tree) and never the
/// pages' content streams: a 300 KB file can inflate one page to gigabytes, or list one page
/// thousands of times, and PdfPig has no limit nor cancellation for either. So the page count is
/// capped, page contents are left to the reader's viewer, and at most two checks run at once on a
/// node so that uploads cannot take the host's memory together.
/// </summary>
public static class PdfCheck
{
    /// <summary>More pages than any certificate, opinion or planning a member shares.</summary>
    public const int MaxPages = 100;

    private static readonly SemaphoreSlim Running = new(2, 2);

    public static UserError? Check(ReadOnlySpan<byte> content, string field, long maxBytes = DocumentRules.MaxBytes)
    {
        if (content.Length == 0) return new("NO_FILE", "Choisissez un fichier PDF.", field);
        if (content.Length > maxBytes)
            return new("FILE_TOO_LARGE", $"Le fichier pèse {content.Length / 1024.0 / 1024.0:0.0} Mo : il doit faire moins de {maxBytes / 1024 / 1024} Mo.", field);
        // A PDF starts with %PDF- within its first KB (the standard's allowance for a preamble).
        if (content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) < 0)
            return NotAPdf(field);
        var bytes = content.ToArray();
        Running.Wait();
        try
        {
            using var pdf = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (pdf.IsEncrypted) return Encrypted(field);
            if (pdf.NumberOfPages < 1) return Broken(field);
            if (pdf.NumberOfPages > MaxPages)
                return new("TOO_MANY_PAGES", $"Ce PDF compte {pdf.NumberOfPages} pages : déposez un document de {MaxPages} pages au plus.", field);
            return null;
        }
        catch (PdfDocumentEncryptedException) { return Encrypted(field); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig throws several exception types on damaged files; every one of them means « unreadable ».
            return Broken(field);
        }
        finally { Running.Release(); }
    }

    private static UserError NotAPdf(string field) =>
        new("NOT_A_PDF", "Ce fichier n'est pas un PDF : seuls les documents au format PDF sont acceptés.", field);

    private static UserError Broken(string field) =>
        new("UNREADABLE_PDF", "Ce PDF est endommagé ou illisible : enregistrez-le de nouveau en PDF puis recommencez.", field);

    private static UserError Encrypted(string field) =>
        new("ENCRYPTED_PDF", "Ce PDF est protégé par un mot de passe ou chiffré : déposez une version sans protection.", field);
}
