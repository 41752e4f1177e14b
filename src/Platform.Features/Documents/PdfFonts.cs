using System.Reflection;
using PdfSharp.Fonts;

namespace Platform.Features.Documents;

/// <summary>
/// The fonts every PDF of the platform (convocations, invoices, receipts) is drawn with: DejaVu Sans,
/// shipped inside this assembly (Documents/Fonts, its licence beside it) so that nothing depends on the
/// fonts of the machine and nothing is fetched at run time. Any family name resolves to it.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>The family name to give XFont.</summary>
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lazy<Dictionary<string, byte[]>> Faces = new(Load);
    private static readonly object Gate = new();
    private static bool installed;

    /// <summary>Installs the resolver once per process; PDFsharp refuses a second one once fonts were used.</summary>
    public static void EnsureInstalled()
    {
        if (Volatile.Read(ref installed)) return;
        lock (Gate)
        {
            if (installed) return;
            if (GlobalFontSettings.FontResolver is not PdfFonts)
                GlobalFontSettings.FontResolver = new PdfFonts();
            Volatile.Write(ref installed, true);
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic)
        // No italic face is shipped: PDFsharp simulates the slant.
        => new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => Faces.Value[faceName];

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(PdfFonts).Assembly;
        return new Dictionary<string, byte[]>
        {
            [Regular] = Read(assembly, "DejaVuSans.ttf"),
            [Bold] = Read(assembly, "DejaVuSans-Bold.ttf"),
        };
    }

    private static byte[] Read(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Documents.Fonts." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
