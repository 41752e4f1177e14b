using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Platform.Features.Documents;
using Platform.Tenancy.Rules;

namespace Platform.Features.Appointments;

/// <summary>
/// What a convocation says: the service (name, colours, contact block, a PNG logo when the tenant ships one), the
/// employer, the employee and the visit.
/// </summary>
public sealed record ConvocationData(
    string ServiceName, string PrimaryColor, string SecondaryColor, ContactRules Contact,
    string CompanyName, string? CompanyAddress, string EmployeeName, DateOnly EmployeeBirthDate,
    string VisitLabel, DateTime StartsAtParis, string? Location, string? HealthProfessional, string CancellationText, bool Cancelled,
    byte[]? LogoPng = null);

/// <summary>The convocation PDF (seed 002: « convocations à télécharger », forwarded to the employee), in French, A4.</summary>
public static class ConvocationPdf
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private const double Margin = 50;
    // Fonts are immutable once made: one set for every convocation.
    private static readonly Lazy<(XFont Regular, XFont Bold, XFont Title, XFont Header, XFont When)> Fonts = new(() =>
    {
        PdfFonts.EnsureInstalled();
        return (new XFont(PdfFonts.Family, 10.5), new XFont(PdfFonts.Family, 10.5, XFontStyleEx.Bold), new XFont(PdfFonts.Family, 18, XFontStyleEx.Bold),
            new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold), new XFont(PdfFonts.Family, 13, XFontStyleEx.Bold));
    });

    public static string FileName(string employeeName, DateTime startsAtParis) => FileName("convocation", employeeName, startsAtParis);

    /// <summary>« {kind}-{employee}-{date}.pdf » in plain ASCII (the certificate is named the same way).</summary>
    public static string FileName(string kind, string employeeName, DateTime startsAtParis)
    {
        var safe = new string(employeeName.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        while (safe.Contains("--")) safe = safe.Replace("--", "-");
        return $"{kind}-{safe.Trim('-')}-{startsAtParis:yyyy-MM-dd}.pdf";
    }

    public static byte[] Render(ConvocationData d)
    {
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Convocation — {d.EmployeeName}";
        document.Info.Author = d.ServiceName;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var width = page.Width.Point - 2 * Margin;
        var primary = Colour(d.PrimaryColor);
        var secondary = Colour(d.SecondaryColor);
        var (regular, bold, title, header, when) = Fonts.Value;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var text = new XTextFormatter(g);
            // Header band in the tenant's colours (its logo's): the primary colour, a stripe of the secondary one.
            g.DrawRectangle(new XSolidBrush(primary), 0, 0, page.Width.Point, 70);
            g.DrawRectangle(new XSolidBrush(secondary), 0, 70, page.Width.Point, 5);
            var nameLeft = Margin;
            // The logos are SVG, which PDFsharp cannot draw: a tenant that ships a PNG beside it gets it here, on a white tile.
            if (d.LogoPng is { Length: > 0 } png && Logo(png) is { } logo)
            {
                const double height = 46;
                var logoWidth = Math.Min(160, height * logo.PixelWidth / Math.Max(1, logo.PixelHeight));
                g.DrawRectangle(XBrushes.White, Margin - 6, 12 - 6, logoWidth + 12, height + 12);
                g.DrawImage(logo, Margin, 12, logoWidth, height);
                nameLeft = Margin + logoWidth + 20;
            }
            g.DrawString(d.ServiceName, header, XBrushes.White, new XRect(nameLeft, 22, width - (nameLeft - Margin), 30), XStringFormats.TopLeft);

            var y = 100.0;
            void Line(string s, XFont font, double gap = 16)
            {
                var height = Math.Ceiling(g.MeasureString(s, font).Width / width) * gap;
                text.DrawString(s, font, XBrushes.Black, new XRect(Margin, y, width, Math.Max(height, gap)), XStringFormats.TopLeft);
                y += Math.Max(height, gap);
            }

            Line($"{d.CompanyName}", bold);
            if (d.CompanyAddress is { } address) Line(address, regular);
            y += 16;
            g.DrawString(d.Cancelled ? "Convocation annulée" : "Convocation à une visite médicale", title, new XSolidBrush(primary), new XRect(Margin, y, width, 24), XStringFormats.TopLeft);
            y += 36;
            Line($"Salarié(e) : {d.EmployeeName}, né(e) le {d.EmployeeBirthDate.ToString("dd/MM/yyyy", Fr)}", bold);
            Line($"Type de visite : {d.VisitLabel}", regular);
            y += 8;
            g.DrawRectangle(new XPen(primary, 1), new XSolidBrush(XColor.FromArgb(245, 247, 250)), Margin, y, width, 78);
            y += 10;
            var date = d.StartsAtParis.ToString("dddd d MMMM yyyy", Fr);
            g.DrawString($"Le {date} à {d.StartsAtParis:HH} h {d.StartsAtParis:mm}", when, XBrushes.Black,
                new XRect(Margin + 12, y, width - 24, 20), XStringFormats.TopLeft);
            y += 24;
            g.DrawString($"Lieu : {d.Location ?? "communiqué par le service"}", regular, XBrushes.Black, new XRect(Margin + 12, y, width - 24, 16), XStringFormats.TopLeft);
            y += 18;
            g.DrawString($"Professionnel de santé : {d.HealthProfessional ?? "l'équipe de santé au travail"}", regular, XBrushes.Black, new XRect(Margin + 12, y, width - 24, 16), XStringFormats.TopLeft);
            y += 40;
            if (d.Cancelled)
            {
                Line("Ce rendez-vous est annulé : le salarié n'a pas à se présenter.", bold);
                y += 8;
            }
            Line("Merci de vous présenter 10 minutes avant l'heure du rendez-vous, muni(e) de :", bold);
            foreach (var item in AppointmentRules.WhatToBring) Line($"•  {item}", regular);
            y += 10;
            Line("Cette visite a lieu sur le temps de travail ; le temps et les frais de transport sont pris en charge par l'employeur (article R4624-39 du Code du travail).", regular);
            y += 6;
            Line($"En cas d'empêchement, prévenez le service au plus tôt : l'annulation est possible {d.CancellationText}.", regular);

            // Contact block at the foot of the page.
            var foot = page.Height.Point - 110;
            g.DrawLine(new XPen(secondary, 1.5), Margin, foot, Margin + width, foot);
            y = foot + 10;
            Line(d.ServiceName, bold, 14);
            if (d.Contact.Address is { } serviceAddress) Line(serviceAddress, regular, 14);
            Line($"Tél. {d.Contact.Phone} · {d.Contact.Email}", regular, 14);
            Line(d.Contact.OpeningHours, regular, 14);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>The PNG as an image, or null when PDFsharp cannot read it (the band then carries the name alone).</summary>
    private static XImage? Logo(byte[] png)
    {
        try { return XImage.FromStream(new MemoryStream(png, writable: false)); }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
    }

    private static XColor Colour(string hex) =>
        XColor.FromArgb(Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
}
