using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Platform.Features.TenantSettings;

/// <summary>A logo ready to store: its bytes and its extension ("svg" or "png").</summary>
public sealed record PreparedLogo(byte[] Content, string Extension);

/// <summary>
/// Logos that tenant administrators upload. The logo shows on every page of the tenant and can be opened on
/// its own, so an SVG is rebuilt from an allow-list: no script, no event attribute, no foreign object, no
/// reference outside the file. A PNG is checked to be one. Stored by id with <see cref="Documents.StoredFiles"/>.
/// </summary>
public static partial class TenantLogos
{
    public const int MaxBytes = 512 * 1024;
    public const string UploadedPrefix = "upload-";
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const string XlinkNamespace = "http://www.w3.org/1999/xlink";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>What a logo drawing needs; anything else (script, foreignObject, iframe, image, animation…) is dropped.</summary>
    private static readonly HashSet<string> AllowedElements =
    [
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
        "defs", "linearGradient", "radialGradient", "stop", "title", "desc", "clipPath", "mask", "use", "symbol", "pattern", "style",
    ];

    // A backslash is refused outright: CSS escapes (u\72l, @\69mport) would spell what the rest looks for.
    [GeneratedRegex(@"@import|url\s*\(\s*['""]?\s*(?!#)|expression\s*\(|javascript:|\\", RegexOptions.IgnoreCase)] private static partial Regex UnsafeCss();
    [GeneratedRegex(@"^upload-([0-9a-f]{32})\.(svg|png)$")] private static partial Regex UploadedName();

    /// <summary>The rule value of an uploaded logo (theme.logo), e.g. "upload-0195….svg".</summary>
    public static string NameOf(Guid id, string extension) => $"{UploadedPrefix}{id:N}.{extension}";

    /// <summary>The stored file's id and content type of an uploaded logo's rule value; null for a logo of tenants/assets.</summary>
    public static (Guid Id, string ContentType)? Uploaded(string logo) =>
        UploadedName().Match(logo) is { Success: true } m
            ? (Guid.ParseExact(m.Groups[1].Value, "N"), m.Groups[2].Value == "png" ? "image/png" : "image/svg+xml")
            : null;

    public static (PreparedLogo? Logo, UserError? Error) Prepare(string fileName, byte[] content)
    {
        const string field = "theme.logo";
        if (content.Length == 0) return (null, new UserError("LOGO_EMPTY", "Choisissez un fichier SVG ou PNG.", field));
        if (content.Length > MaxBytes)
            return (null, new UserError("LOGO_TOO_LARGE", $"Le logo dépasse {MaxBytes / 1024} Ko : réduisez-le ou exportez-le en SVG.", field));
        if (content.AsSpan().StartsWith(PngSignature))
            // The header's declared size, read before anything decodes it: a small file may declare a huge image.
            return PngSize(content) is { Width: > 0 and <= MaxPngSide, Height: > 0 and <= MaxPngSide }
                ? (new PreparedLogo(content, "png"), null)
                : (null, new UserError("LOGO_FORMAT", $"Ce PNG est illisible ou dépasse {MaxPngSide} × {MaxPngSide} pixels : exportez-le plus petit.", field));
        if (!fileName.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !LooksLikeXml(content))
            return (null, new UserError("LOGO_FORMAT", "Le logo doit être un fichier SVG ou PNG.", field));
        var svg = SanitizeSvg(content);
        return svg is null
            ? (null, new UserError("LOGO_FORMAT", "Ce fichier SVG n'a pas pu être lu : exportez-le à nouveau depuis votre logiciel de dessin.", field))
            : (new PreparedLogo(svg, "svg"), null);
    }

    public const int MaxPngSide = 4000;

    /// <summary>Width and height from the PNG's first chunk (IHDR, big-endian); null when it is not there.</summary>
    private static (int Width, int Height)? PngSize(byte[] content) =>
        content.Length >= 24 && content.AsSpan(12, 4).SequenceEqual("IHDR"u8)
            ? (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(16, 4)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(20, 4)))
            : null;

    private static bool LooksLikeXml(byte[] content) => Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 512)).TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith('<');

    /// <summary>The SVG rebuilt with only what a drawing needs; null when it is not an SVG document.</summary>
    public static byte[]? SanitizeSvg(byte[] content)
    {
        XDocument document;
        try
        {
            // No DTD: no entity expansion, no external entity (XXE).
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = MaxBytes * 2 };
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException) { return null; }
        var root = document.Root;
        if (root is null || root.Name != XName.Get("svg", SvgNamespace)) return null;

        Clean(root);
        var clean = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
            clean.Save(writer);
        return output.ToArray();
    }

    private static void Clean(XElement element)
    {
        foreach (var node in element.Nodes().ToList())
        {
            switch (node)
            {
                case XElement child when child.Name.Namespace != SvgNamespace || !AllowedElements.Contains(child.Name.LocalName):
                    child.Remove();
                    break;
                case XElement child when child.Name.LocalName == "style" && UnsafeCss().IsMatch(child.Value):
                    child.Remove();
                    break;
                case XElement child:
                    Clean(child);
                    break;
                case XProcessingInstruction or XDocumentType:
                    node.Remove();
                    break;
            }
        }
        foreach (var attribute in element.Attributes().ToList())
            if (!IsSafe(attribute)) attribute.Remove();
    }

    private static bool IsSafe(XAttribute attribute)
    {
        if (attribute.IsNamespaceDeclaration) return attribute.Value is SvgNamespace or XlinkNamespace;
        var name = attribute.Name;
        var local = name.LocalName;
        if (local.StartsWith("on", StringComparison.OrdinalIgnoreCase)) return false;
        if (local == "href") return (name.Namespace == XNamespace.None || name.Namespace == XlinkNamespace) && attribute.Value.TrimStart().StartsWith('#');
        // xml:space only: xml:base would point the file's references elsewhere.
        if (name.Namespace == XNamespace.Xml) return local == "space";
        if (name.Namespace != XNamespace.None) return false;
        return !UnsafeCss().IsMatch(attribute.Value);
    }
}
