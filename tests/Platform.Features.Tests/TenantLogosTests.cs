using System.Text;
using Platform.Features.TenantSettings;

namespace Platform.Features.Tests;

/// <summary>Logos an administrator uploads: what the sanitiser and the PNG check refuse (pentest L3, L4).</summary>
public sealed class TenantLogosTests
{
    private static byte[] Png(int width, int height)
    {
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 0, 0, 0, 0, 0, 8, 6, 0, 0, 0];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(20), height);
        return header;
    }

    [Fact]
    public void A_png_declaring_a_huge_image_is_refused_before_anything_decodes_it()
    {
        Assert.Equal("png", TenantLogos.Prepare("logo.png", Png(220, 56)).Logo?.Extension);
        Assert.Equal("png", TenantLogos.Prepare("logo.png", Png(TenantLogos.MaxPngSide, TenantLogos.MaxPngSide)).Logo?.Extension);
        var (logo, error) = TenantLogos.Prepare("logo.png", Png(50_000, 50_000));
        Assert.Null(logo);
        Assert.Equal("LOGO_FORMAT", error?.Code);
        Assert.Null(TenantLogos.Prepare("logo.png", Png(0, 10)).Logo);
    }

    [Fact]
    public void Css_escapes_cannot_spell_an_outside_reference()
    {
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
              <style>rect { fill: u\72l(https://evil.example/x#a) } @\69mport "https://evil.example/x.css";</style>
              <rect width="10" height="10" fill="u\72l(https://evil.example/y)"/>
              <circle r="3" fill="#123456"/>
            </svg>
            """;
        var clean = Encoding.UTF8.GetString(TenantLogos.SanitizeSvg(Encoding.UTF8.GetBytes(svg))!);
        Assert.DoesNotContain("evil.example", clean);
        Assert.DoesNotContain("\\", clean);
        Assert.Contains("fill=\"#123456\"", clean);
    }
}
