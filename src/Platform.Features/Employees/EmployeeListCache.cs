using Microsoft.Extensions.Caching.Memory;

namespace Platform.Features.Employees;

/// <summary>
/// The employee list's pages and the workstation filter's choices as last read, by tenant, company, day and
/// request, with the <see cref="WorkforceVersion"/> they were read at. An entry is served only to a request that
/// read the same version from the database after its permission check: a write anywhere (any path, any node)
/// raises the version in its transaction, so an entry is never served stale, and the database stays the only
/// thing nodes share. The day is in the key because what a row shows depends on it (active, held workstation).
/// Employers read their lists far more often than they change them; a page costs one small command instead of
/// the page's query and materialisation. What is kept is what the page shows (names, birth dates, masked NIR,
/// declared situations), in this process's memory only, for 10 minutes after its last read and 30 at most.
/// </summary>
public sealed class EmployeeListCache
{
    /// <summary>Rows kept at most, over all tenants (about 1 KB each: some 100 MB): a bound, not a target.</summary>
    public const int MaxRows = 100_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(30);
    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = MaxRows });

    /// <summary>Entries kept now (diagnostics and tests).</summary>
    public int Count => entries.Count;

    public readonly record struct Key(string TenantId, Guid CompanyId, DateOnly Today, object Request);

    private sealed record Entry(long Version, object Value);

    public bool TryGet<T>(Key key, long version, out T value) where T : class
    {
        if (entries.TryGetValue(key, out Entry? entry) && entry!.Version == version && entry.Value is T kept)
        {
            value = kept;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>Keeps the value read at that version; <paramref name="rows"/> is what it holds (its share of <see cref="MaxRows"/>).</summary>
    public void Set<T>(Key key, long version, T value, int rows) where T : class =>
        entries.Set(key, new Entry(version, value), new MemoryCacheEntryOptions
        {
            Size = rows + 1, SlidingExpiration = Idle, AbsoluteExpirationRelativeToNow = Longest,
        });
}
