using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Platform.Features.Companies;
using Platform.Features.Documents;
using Platform.Tenancy.Rules;

namespace Platform.Features.Billing;

/// <summary>Everything an invoice's PDF shows: the tenant (issuer), the member, the invoice with its lines and schedule.</summary>
public sealed record InvoicePdfModel(
    TenantRules Tenant, string CompanyName, string MemberNumber, string Siret, PostalAddress? BillingAddress,
    InvoiceView Invoice, IReadOnlyList<InvoiceLine> Lines, string? CorrectedNumber);

/// <summary>
/// Draws a French B2B invoice or credit note on A4 with PDFsharp (seeds 003/004): the tenant's name, colours
/// and contact block, the member's billing address, number, dates, lines, VAT and totals, the schedule
/// with debit, credit and balance, and the legal mentions (Code de commerce L441-9, L441-10, D441-5)
/// as the tenant's rules word them. Pure: the same model gives the same drawing.
/// </summary>
public static class InvoicePdfRenderer
{
    private const double Left = 40, Right = 555, PageBottom = 800;
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static byte[] Render(InvoicePdfModel model)
    {
        PdfFonts.EnsureInstalled();
        var invoice = model.Invoice;
        var credit = invoice.Kind == InvoiceKind.CreditNote;
        using var document = new PdfDocument();
        document.Info.Title = $"{(credit ? "Avoir" : "Facture")} {invoice.Number}";
        document.Info.Author = model.Tenant.Name;
        var page = new Canvas(document);
        var primary = Color(model.Tenant.Theme.PrimaryColor);
        var secondary = Color(model.Tenant.Theme.SecondaryColor);

        // Issuer: band in the tenant's colours, name, contact block.
        var g = page.Graphics;
        g.DrawRectangle(new XSolidBrush(primary), 0, 0, 595, 70);
        g.DrawRectangle(new XSolidBrush(secondary), 0, 70, 595, 4);
        g.DrawString(model.Tenant.Name, Fonts.Title, XBrushes.White, Left, 42);
        var contact = model.Tenant.Theme.Contact;
        var issuer = new List<string>();
        if (!string.IsNullOrWhiteSpace(contact.Address)) issuer.Add(contact.Address!);
        issuer.Add($"Tél. {contact.Phone} · {contact.Email}");
        issuer.Add(contact.OpeningHours);
        if (model.Tenant.Billing.IssuerSiret is { Length: > 0 } siret) issuer.Add($"SIRET {siret}");
        if (model.Tenant.Billing.IssuerVatNumber is { Length: > 0 } vatNumber) issuer.Add($"N° TVA intracommunautaire {vatNumber}");
        page.Y = 92;
        foreach (var line in issuer) page.Wrapped(line, Fonts.Small, Left, 260);

        // Document title and references, at the right.
        g.DrawString(credit ? "AVOIR" : "FACTURE", Fonts.Heading, new XSolidBrush(primary), 330, 100);
        var refs = new (string, string)[]
        {
            ("N°", invoice.Number),
            ("Date", invoice.IssuedOn.ToString("dd/MM/yyyy", Fr)),
            ("Échéance", invoice.DueOn.ToString("dd/MM/yyyy", Fr)),
            ("N° d'adhérent", model.MemberNumber),
        };
        var y = 118.0;
        foreach (var (label, value) in refs)
        {
            g.DrawString(label, Fonts.Small, XBrushes.DimGray, 330, y);
            g.DrawString(value, Fonts.Bold, XBrushes.Black, 420, y);
            y += 14;
        }
        if (model.CorrectedNumber is { } corrected)
        {
            g.DrawString("Corrige la facture", Fonts.Small, XBrushes.DimGray, 330, y);
            g.DrawString(corrected, Fonts.Bold, XBrushes.Black, 420, y);
            y += 14;
        }

        // The member's billing address.
        y += 10;
        g.DrawString("Adressée à", Fonts.Small, XBrushes.DimGray, 330, y);
        y += 14;
        var address = model.BillingAddress;
        var addressLines = new List<string> { address?.CompanyName is { Length: > 0 } n ? n : model.CompanyName };
        if (address is not null)
        {
            addressLines.Add(address.Line1);
            if (!string.IsNullOrWhiteSpace(address.Line2)) addressLines.Add(address.Line2!);
            addressLines.Add($"{address.PostalCode} {address.City}");
        }
        addressLines.Add($"SIRET {model.Siret}");
        foreach (var line in addressLines)
        {
            g.DrawString(line, Fonts.Normal, XBrushes.Black, 330, y);
            y += 13;
        }

        page.Y = Math.Max(page.Y, y) + 16;
        page.Wrapped($"Objet : {invoice.Label}", Fonts.Bold, Left, Right - Left);
        page.Y += 6;

        // Lines.
        var columns = new[] { Left, 330, 400, 480 };
        page.TableHeader(primary, ["Désignation", "Quantité", "Prix unitaire HT", "Montant HT"], columns);
        foreach (var line in model.Lines)
        {
            page.Ensure(30);
            var top = page.Y;
            page.Wrapped(line.Label, Fonts.Normal, Left + 4, columns[1] - Left - 10);
            page.RightText(Quantity(line.Quantity), Fonts.Normal, columns[1], columns[2] - 8, top);
            page.RightText(Money.Format(line.UnitPrice), Fonts.Normal, columns[2], columns[3] - 8, top);
            page.RightText(Money.Format(line.Amount), Fonts.Normal, columns[3], Right - 4, top);
            page.Y += 4;
            g.DrawLine(XPens.LightGray, Left, page.Y - 2, Right, page.Y - 2);
        }

        // Totals.
        page.Ensure(60);
        page.Y += 6;
        var vatLabel = $"TVA {invoice.VatPercent.ToString("0.##", Fr)} %";
        foreach (var (label, amount, bold) in new[] { ("Total HT", invoice.TotalExclTax, false), (vatLabel, invoice.Vat, false), ("Total TTC", invoice.TotalInclTax, true) })
        {
            var font = bold ? Fonts.Bold : Fonts.Normal;
            page.RightText(label, font, 330, 470, page.Y);
            page.RightText(Money.Format(amount), font, 470, Right - 4, page.Y);
            page.Y += 15;
        }

        // Schedule: each due date is a debit, each payment a credit, the balance after each.
        if (!credit)
        {
            page.Ensure(60);
            page.Y += 10;
            g.DrawString("Échéancier", Fonts.Bold, new XSolidBrush(primary), Left, page.Y);
            page.Y += 8;
            var cols = new[] { Left, 120, 330, 405, 480 };
            page.TableHeader(primary, ["Date", "Opération", "Débit", "Crédit", "Solde"], cols);
            var balance = 0m;
            var entries = invoice.Instalments.SelectMany((s, n) =>
            {
                var label = invoice.Instalments.Count == 1 ? "Échéance" : $"Échéance {n + 1}/{invoice.Instalments.Count}";
                var rows = new List<(DateOnly Day, int Order, string Label, decimal Debit, decimal Credit)> { (s.DueOn, 0, label, s.Amount, 0) };
                if (s.PaidOn is { } paid) rows.Add((paid, 1, $"Règlement {label.ToLowerInvariant()}", 0, s.Amount));
                return rows;
            }).OrderBy(e => e.Day).ThenBy(e => e.Order).ToList();
            foreach (var e in entries)
            {
                page.Ensure(16);
                balance += e.Debit - e.Credit;
                g.DrawString(e.Day.ToString("dd/MM/yyyy", Fr), Fonts.Normal, XBrushes.Black, cols[0] + 4, page.Y + 10);
                g.DrawString(e.Label, Fonts.Normal, XBrushes.Black, cols[1], page.Y + 10);
                page.RightText(e.Debit == 0 ? "" : Money.Format(e.Debit), Fonts.Normal, cols[2], cols[3] - 6, page.Y);
                page.RightText(e.Credit == 0 ? "" : Money.Format(e.Credit), Fonts.Normal, cols[3], cols[4] - 6, page.Y);
                page.RightText(Money.Format(balance), Fonts.Normal, cols[4], Right - 4, page.Y);
                page.Y += 15;
            }
            page.Y += 4;
            page.RightText($"Reste à payer : {Money.Format(invoice.Balance)}", Fonts.Bold, 330, Right - 4, page.Y);
            page.Y += 18;
        }

        // Legal mentions of a French B2B invoice, as the tenant's rules word them.
        var mentions = model.Tenant.Billing.Mentions;
        var legal = new List<string>();
        if (!credit) legal.Add($"Date d'échéance : {invoice.DueOn.ToString("dd/MM/yyyy", Fr)}. Paiement à {model.Tenant.Billing.PaymentTermDays} jours date de facture.");
        legal.Add(mentions.LatePaymentPenalty);
        legal.Add($"Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : {Money.Format(mentions.RecoveryIndemnity)} (articles L441-10 et D441-5 du Code de commerce).");
        legal.Add(mentions.EarlyPaymentDiscount);
        page.Ensure(20 + legal.Count * 24);
        page.Y += 8;
        g.DrawLine(new XPen(secondary, 1), Left, page.Y, Right, page.Y);
        page.Y += 6;
        foreach (var mention in legal) page.Wrapped(mention, Fonts.Small, Left, Right - Left);

        page.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static string Quantity(decimal q) => q == decimal.Truncate(q) ? q.ToString("0", Fr) : q.ToString("0.##", Fr);

    private static XColor Color(string hex) =>
        XColor.FromArgb(Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    private static class Fonts
    {
        public static readonly XFont Title = new(PdfFonts.Family, 18, XFontStyleEx.Bold);
        public static readonly XFont Heading = new(PdfFonts.Family, 16, XFontStyleEx.Bold);
        public static readonly XFont Normal = new(PdfFonts.Family, 9);
        public static readonly XFont Bold = new(PdfFonts.Family, 9, XFontStyleEx.Bold);
        public static readonly XFont Small = new(PdfFonts.Family, 7.5);
    }

    /// <summary>The page being drawn, its cursor, and a new page when the content reaches the bottom.</summary>
    private sealed class Canvas(PdfDocument document) : IDisposable
    {
        public XGraphics Graphics { get; private set; } = XGraphics.FromPdfPage(document.AddPage());
        public double Y { get; set; }

        public void Ensure(double height)
        {
            if (Y + height <= PageBottom) return;
            Graphics.Dispose();
            Graphics = XGraphics.FromPdfPage(document.AddPage());
            Y = 50;
        }

        /// <summary>Text wrapped on words to <paramref name="width"/>; moves the cursor below it.</summary>
        public void Wrapped(string text, XFont font, double x, double width)
        {
            var lineHeight = font.Size * 1.35;
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Graphics.MeasureString(candidate, font).Width > width)
                {
                    Ensure(lineHeight);
                    Graphics.DrawString(line, font, XBrushes.Black, x, Y + font.Size);
                    Y += lineHeight;
                    line = word;
                }
                else line = candidate;
            }
            if (line.Length == 0) return;
            Ensure(lineHeight);
            Graphics.DrawString(line, font, XBrushes.Black, x, Y + font.Size);
            Y += lineHeight;
        }

        public void RightText(string text, XFont font, double from, double to, double top) =>
            Graphics.DrawString(text, font, XBrushes.Black, new XRect(from, top, to - from, font.Size * 1.35), XStringFormats.TopRight);

        public void TableHeader(XColor color, string[] titles, double[] columns)
        {
            Ensure(40);
            Graphics.DrawRectangle(new XSolidBrush(color), Left, Y, Right - Left, 16);
            for (var i = 0; i < titles.Length; i++)
            {
                var end = i + 1 < columns.Length ? columns[i + 1] - 6 : Right - 4;
                if (i == 0 || (titles.Length == 5 && i == 1))
                    Graphics.DrawString(titles[i], Fonts.Bold, XBrushes.White, columns[i] + 4, Y + 11.5);
                else
                    Graphics.DrawString(titles[i], Fonts.Bold, XBrushes.White, new XRect(columns[i], Y + 2, end - columns[i], 14), XStringFormats.TopRight);
            }
            Y += 20;
        }

        public void Dispose() => Graphics.Dispose();
    }
}
