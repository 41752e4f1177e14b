using Platform.Tenancy;

namespace Platform.Features.Documents;

/// <param name="Root">Where uploaded files live (the host's default: {data}/uploads).</param>
public sealed record StoredFilesOptions(string Root);

/// <summary>
/// The files people upload (documents, attachments; later certificates): one folder per tenant under
/// the configured root, each file named by its id only, never by the name it was uploaded with, so no
/// uploaded name can reach the file system. Callers check who may read or write before calling.
/// </summary>
public sealed class StoredFiles(StoredFilesOptions options, ITenantContext tenantContext)
{
    /// <summary>The folder of tenant logos, apart from members' files: a logo rule can only ever name a logo (never a document).</summary>
    public const string Logos = "logos";

    public async Task SaveAsync(Guid id, ReadOnlyMemory<byte> content, CancellationToken ct = default, string? folder = null)
    {
        var path = PathOf(id, folder);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside then moved: a reader never sees half a file.
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), ct);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The file for reading, or null when it is missing.</summary>
    public Stream? OpenRead(Guid id, string? folder = null)
    {
        var path = PathOf(id, folder);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null;
    }

    public void Delete(Guid id, string? folder = null)
    {
        var path = PathOf(id, folder);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(Guid id, string? folder)
    {
        var slug = tenantContext.Current?.Slug ?? throw new InvalidOperationException("Stored files belong to a tenant: no tenant in this scope.");
        return folder is null ? Path.Combine(options.Root, slug, id.ToString("N")) : Path.Combine(options.Root, slug, folder, id.ToString("N"));
    }
}
