using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Platform.Features.Documents;


namespace Platform.Features.Tests;

public class PdfFontsTests
{
    [Fact]
    public void A_pdf_drawn_with_the_shipped_font_reads_back_with_its_french_text()
    {
        PdfFonts.EnsureInstalled();
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawString("Échéance : 1 209,60 €", new XFont(PdfFonts.Family, 12), XBrushes.Black, 40, 60);
            graphics.DrawString("Convocation", new XFont(PdfFonts.Family, 14, XFontStyleEx.Bold), XBrushes.Black, 40, 90);
        }
        using var bytes = new MemoryStream();
        document.Save(bytes, false);

        using var read = UglyToad.PdfPig.PdfDocument.Open(bytes.ToArray());
        var text = read.GetPage(1).Text;
        Assert.Contains("Échéance", text);
        Assert.Contains("€", text);
        Assert.Contains("Convocation", text);
    }
}
