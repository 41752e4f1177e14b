using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Platform.Features.Documents;

namespace Platform.Features.Tests;

/// <summary>PDFs made to exhaust the node that checks them are refused or accepted quickly, never parsed page by page.</summary>
public class PdfCheckTests
{
    [Fact]
    public void A_small_file_that_lists_one_page_thousands_of_times_is_refused_at_once()
    {
        var pdf = HostilePdf(inflatedBytes: 1024, pageReferences: 5_000);
        var clock = Stopwatch.StartNew();
        var error = PdfCheck.Check(pdf, "file");
        Assert.Equal("TOO_MANY_PAGES", error?.Code);
        Assert.Contains("5000 pages", error!.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_page_whose_content_inflates_to_hundreds_of_megabytes_is_not_inflated_by_the_check()
    {
        var pdf = HostilePdf(inflatedBytes: 300L * 1024 * 1024, pageReferences: 1);
        Assert.True(pdf.Length < 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.Null(PdfCheck.Check(pdf, "file"));
        // Reading the structure costs a few times the file; inflating the page would cost 300 MB.
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 50L * 1024 * 1024);
    }

    /// <summary>One page tree listing object 3 <paramref name="pageReferences"/> times; object 3's content a deflated run of no-op matrices.</summary>
    private static byte[] HostilePdf(long inflatedBytes, int pageReferences)
    {
        var compressed = new MemoryStream();
        using (var deflate = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var line = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1 0 0 1 0 0 cm\n", 4096)));
            for (long written = 0; written < inflatedBytes; written += line.Length) deflate.Write(line);
        }
        var file = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => file.Write(Encoding.ASCII.GetBytes(text));
        void Object(string text) { offsets.Add(file.Position); Write(text); }
        Write("%PDF-1.4\n");
        Object("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        Object($"2 0 obj << /Type /Pages /Kids [{string.Join(' ', Enumerable.Repeat("3 0 R", pageReferences))}] /Count {pageReferences} >> endobj\n");
        Object("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n");
        Object($"4 0 obj << /Length {compressed.Length} /Filter /FlateDecode >> stream\n");
        file.Write(compressed.ToArray());
        Write("\nendstream endobj\n");
        var xref = file.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer << /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return file.ToArray();
    }
}
