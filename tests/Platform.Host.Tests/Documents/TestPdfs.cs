using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Platform.Features.Documents;

namespace Platform.Host.Tests.Documents;

/// <summary>Files as employers send them: real PDFs drawn with PDFsharp, and the bad ones the checks must refuse.</summary>
public static class TestPdfs
{
    /// <summary>A one-page PDF with French text.</summary>
    public static byte[] Valid(string text = "Attestation de suivi — Jean Martin") => Save(Draw(text));

    /// <summary>A real PDF of the given size: a page and an uncompressible stream the catalogue refers to.</summary>
    public static byte[] OfSize(int bytes)
    {
        var document = Draw("Planning de l'équipe");
        var padding = new PdfDictionary(document);
        var random = new byte[bytes];
        new Random(42).NextBytes(random);
        padding.CreateStream(random);
        document.Internals.AddObject(padding);
        document.Internals.Catalog.Elements.SetReference("/Padding", padding);
        var saved = Save(document);
        // Trim the padding so that the whole file lands on the size asked (the stream's overhead is small).
        return saved.Length <= bytes ? saved : OfSizeExactly(bytes, saved.Length - bytes);
    }

    private static byte[] OfSizeExactly(int bytes, int over)
    {
        var document = Draw("Planning de l'équipe");
        var padding = new PdfDictionary(document);
        var random = new byte[bytes - over];
        new Random(42).NextBytes(random);
        padding.CreateStream(random);
        document.Internals.AddObject(padding);
        document.Internals.Catalog.Elements.SetReference("/Padding", padding);
        return Save(document);
    }

    /// <summary>Opened only with a password.</summary>
    public static byte[] Encrypted()
    {
        var document = Draw("Confidentiel");
        document.SecuritySettings.UserPassword = "secret";
        document.SecuritySettings.OwnerPassword = "proprietaire";
        return Save(document);
    }

    /// <summary>The header of a PDF and nothing a reader can make a document of.</summary>
    public static byte[] Broken()
    {
        var garbage = new byte[4000];
        new Random(7).NextBytes(garbage);
        return [.. "%PDF-1.7\n%âãÏÓ\n"u8.ToArray(), .. garbage, .. "\n%%EOF\n"u8.ToArray()];
    }

    /// <summary>A text file renamed .pdf.</summary>
    public static byte[] TextFile() => Encoding.UTF8.GetBytes("Bonjour,\nceci est un simple fichier texte renommé en .pdf.\n");

    private static PdfDocument Draw(string text)
    {
        PdfFonts.EnsureInstalled();
        var document = new PdfDocument();
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
            gfx.DrawString(text, new XFont(PdfFonts.Family, 14), XBrushes.Black, new XPoint(50, 100));
        return document;
    }

    private static byte[] Save(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
