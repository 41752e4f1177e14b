using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Platform.Features.Documents;

/// <summary>
/// Whether uploaded bytes are a real PDF under the size limit: read by PdfPig, never judged by the
/// file's name or the content type the browser sent. Encrypted PDFs are refused: the health team must
/// be able to open what is shared with it.
/// </summary>
public static class PdfCheck
{
    public static UserError? Check(ReadOnlySpan<byte> content, string field, long maxBytes = DocumentRules.MaxBytes)
    {
        if (content.Length == 0) return new("NO_FILE", "Choisissez un fichier PDF.", field);
        if (content.Length > maxBytes)
            return new("FILE_TOO_LARGE", $"Le fichier pèse {content.Length / 1024.0 / 1024.0:0.0} Mo : il doit faire moins de {maxBytes / 1024 / 1024} Mo.", field);
        // A PDF starts with %PDF- within its first KB (the standard's allowance for a preamble).
        if (content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) < 0)
            return NotAPdf(field);
        try
        {
            using var pdf = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (pdf.IsEncrypted) return Encrypted(field);
            if (pdf.NumberOfPages < 1) return Broken(field);
            // Each page must be readable, not just the header and the page count.
            for (var i = 1; i <= pdf.NumberOfPages; i++) _ = pdf.GetPage(i);
            return null;
        }
        catch (PdfDocumentEncryptedException) { return Encrypted(field); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig throws several exception types on damaged files; every one of them means « unreadable ».
            return Broken(field);
        }
    }

    private static UserError NotAPdf(string field) =>
        new("NOT_A_PDF", "Ce fichier n'est pas un PDF : seuls les documents au format PDF sont acceptés.", field);

    private static UserError Broken(string field) =>
        new("UNREADABLE_PDF", "Ce PDF est endommagé ou illisible : enregistrez-le de nouveau en PDF puis recommencez.", field);

    private static UserError Encrypted(string field) =>
        new("ENCRYPTED_PDF", "Ce PDF est protégé par un mot de passe ou chiffré : déposez une version sans protection.", field);
}
