using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Platform.Features.Appointments;
using Platform.Tenancy.Rules;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Graphics.Colors;

namespace Platform.Features.Tests;

/// <summary>The convocation's header: the tenant's colours in the band, its PNG logo when it ships one, its name always.</summary>
public sealed class ConvocationPdfTests
{
    private static ConvocationData Data(byte[]? logo) => new("SIST Ouest Normandie", "#1D4F91", "#F29100",
        new ContactRules { Phone = "02 33 57 00 00", Email = "contact@sist-on.example", OpeningHours = "du lundi au vendredi, 8 h 30 – 17 h" },
        "Entreprise Démo", "12 rue des Acacias, 14000 Caen", "Jean MARTIN", new DateOnly(1985, 5, 12), "Périodique",
        new DateTime(2027, 3, 11, 9, 15, 0), "Centre médical de Caen", "Dr Claire Durand", "depuis l'espace adhérent, jusqu'à 48 heures avant le rendez-vous", false, logo);

    [Fact]
    public void The_header_band_is_drawn_in_the_tenant_s_primary_and_secondary_colours_with_its_name()
    {
        using var pdf = PdfDocument.Open(ConvocationPdf.Render(Data(null)));
        var page = pdf.GetPage(1);
        var fills = page.Paths.Where(p => p.IsFilled).Select(p => p.FillColor?.ToRGBValues()).OfType<(double R, double G, double B)>().ToList();
        Assert.Contains(fills, c => Near(c, 0x1D, 0x4F, 0x91));
        Assert.Contains(fills, c => Near(c, 0xF2, 0x91, 0x00));
        Assert.Contains("SIST", string.Join(" ", page.GetWords().Select(w => w.Text)));
        Assert.Empty(page.GetImages());
    }

    [Fact]
    public void A_png_logo_is_drawn_in_the_band_and_an_unreadable_one_is_left_out()
    {
        using (var pdf = PdfDocument.Open(ConvocationPdf.Render(Data(Png(120, 40, 0x1D, 0x4F, 0x91)))))
        {
            var image = Assert.Single(pdf.GetPage(1).GetImages());
            // In the band at the top of the page (PDF coordinates start at the bottom).
            Assert.True(image.Bounds.Bottom > pdf.GetPage(1).Height - 75, $"logo at {image.Bounds}");
            Assert.Contains("SIST", string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)));
        }
        using (var broken = PdfDocument.Open(ConvocationPdf.Render(Data("not a png"u8.ToArray()))))
        {
            Assert.Empty(broken.GetPage(1).GetImages());
            Assert.Contains("SIST", string.Join(" ", broken.GetPage(1).GetWords().Select(w => w.Text)));
        }
    }

    private static bool Near((double R, double G, double B) c, int r, int g, int b) =>
        Math.Abs(c.R * 255 - r) < 2 && Math.Abs(c.G * 255 - g) < 2 && Math.Abs(c.B * 255 - b) < 2;

    /// <summary>A plain RGB PNG of one colour, written by hand (signature, IHDR, IDAT, IEND).</summary>
    internal static byte[] Png(int width, int height, byte r, byte g, byte b)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 2); // 8 bits, truecolour
        Chunk(output, "IHDR", header);
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0); // no filter
                for (var x = 0; x < width; x++) z.Write([r, g, b]);
            }
        Chunk(output, "IDAT", raw.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
