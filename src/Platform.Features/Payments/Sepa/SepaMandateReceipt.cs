using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Platform.Features.Companies;
using Platform.Features.Documents;
using Platform.Features.Regulation;
using Platform.Tenancy.Rules;

namespace Platform.Features.Payments.Sepa;

public sealed record SepaReceiptModel(
    TenantRules Tenant, string CompanyName, string MemberNumber, PostalAddress? CompanyAddress, string Reference, string HolderName,
    string MaskedIban, string? Bic, DateTimeOffset SignedAt, string SignerName, string SignerMaskedEmail, int PreNotificationDays);

/// <summary>
/// The mandate's receipt (seed 000: « le justificatif du mandat ») on A4: creditor and its identifier (ICS),
/// the RUM, the debtor with its masked IBAN, the date and the electronic signature by e-mailed code, and the
/// mandate's legal wording (SEPA Core, recurrent payments). Pure: the same mandate draws the same receipt.
/// </summary>
public static class SepaMandateReceipt
{
    private const double Left = 50, Width = 495;
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static byte[] Render(SepaReceiptModel m)
    {
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Mandat de prélèvement SEPA {m.Reference}";
        document.Info.Author = m.Tenant.Name;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using var g = XGraphics.FromPdfPage(page);
        var title = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold);
        var heading = new XFont(PdfFonts.Family, 11, XFontStyleEx.Bold);
        var text = new XFont(PdfFonts.Family, 10);
        var small = new XFont(PdfFonts.Family, 8.5);
        var primary = XColor.FromArgb(int.Parse(m.Tenant.Theme.PrimaryColor.TrimStart('#'), NumberStyles.HexNumber) | unchecked((int)0xFF000000));
        var formatter = new XTextFormatter(g);

        g.DrawRectangle(new XSolidBrush(primary), 0, 0, page.Width.Point, 60);
        g.DrawString(m.Tenant.Name, heading, XBrushes.White, Left, 36);
        var y = 95.0;
        g.DrawString("Mandat de prélèvement SEPA", title, new XSolidBrush(primary), Left, y);
        y += 18;
        g.DrawString("Justificatif de signature électronique — paiement récurrent", text, XBrushes.Black, Left, y);
        y += 30;

        void Block(string name, IEnumerable<(string Label, string Value)> rows)
        {
            g.DrawString(name, heading, new XSolidBrush(primary), Left, y);
            y += 16;
            foreach (var (label, value) in rows)
            {
                g.DrawString(label, text, XBrushes.DimGray, Left, y);
                g.DrawString(value, text, XBrushes.Black, Left + 170, y);
                y += 15;
            }
            y += 12;
        }

        var contact = m.Tenant.Theme.Contact;
        Block("Créancier",
        [
            ("Nom", m.Tenant.Name),
            ("Identifiant créancier (ICS)", m.Tenant.Payment.CreditorIdentifier ?? "—"),
            ("Adresse", contact.Address ?? "—"),
            ("Contact", $"{contact.Phone} · {contact.Email}"),
        ]);
        Block("Mandat",
        [
            ("Référence unique (RUM)", m.Reference),
            ("Type de paiement", "Récurrent (SEPA Core)"),
            ("Préavis avant prélèvement", $"{m.PreNotificationDays} jour{(m.PreNotificationDays > 1 ? "s" : "")}"),
        ]);
        var address = m.CompanyAddress is { } a ? $"{a.Line1}{(a.Line2 is { Length: > 0 } l2 ? ", " + l2 : "")}, {a.PostalCode} {a.City}" : "—";
        Block("Débiteur",
        [
            ("Entreprise", $"{m.CompanyName} (adhérent n° {m.MemberNumber})"),
            ("Adresse", address),
            ("Titulaire du compte", m.HolderName),
            ("IBAN", m.MaskedIban),
            ("BIC", m.Bic ?? "non renseigné"),
        ]);
        var signedAt = TimeZoneInfo.ConvertTime(m.SignedAt, FrenchTime.Paris);
        Block("Signature",
        [
            ("Date de signature", signedAt.ToString("dd/MM/yyyy 'à' HH'h'mm", Fr)),
            ("Signataire", m.SignerName),
            ("Mode de signature", $"code à usage unique envoyé à {m.SignerMaskedEmail}"),
        ]);

        var legal =
            $"En signant ce formulaire de mandat, vous autorisez {m.Tenant.Name} à envoyer des instructions à votre banque pour débiter votre compte, " +
            $"et votre banque à débiter votre compte conformément aux instructions de {m.Tenant.Name}. Vous bénéficiez du droit d'être remboursé par votre " +
            "banque selon les conditions décrites dans la convention que vous avez passée avec elle. Une demande de remboursement doit être présentée dans " +
            "les 8 semaines suivant la date de débit de votre compte pour un prélèvement autorisé. Vos droits concernant le présent mandat sont expliqués " +
            "dans un document que vous pouvez obtenir auprès de votre banque.";
        formatter.DrawString(legal, small, XBrushes.Black, new XRect(Left, y, Width, 90));
        y += 95;
        formatter.DrawString("Les factures dont l'échéance précède la date de signature du mandat sont à régler par virement. " +
                             "Pour modifier ou révoquer le mandat : espace adhérent, rubrique Factures, bouton Mandat SEPA.",
            small, XBrushes.DimGray, new XRect(Left, y, Width, 40));

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
