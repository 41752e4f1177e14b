using Microsoft.Extensions.Caching.Memory;

namespace Platform.Features.Employees;

/// <summary>
/// The employee list's pages and the workstation filter's choices as last read, by tenant, company, day and
/// request, with the <see cref="WorkforceVersion"/> they were read at. An entry is served only to a request that
/// read the same version from the database after its permission check: a write anywhere (any path, any node)
/// raises the version in its transaction, so an entry is never served stale, and the database stays the only
/// thing nodes share. The day is in the key because what a row shows depends on it (active, held workstation).
/// Employers read their lists far more often than they change them; a page costs one small command instead of
/// the page's query and materialisation. What is kept is what the page shows (names, masked NIR), for minutes.
/// </summary>
public sealed class EmployeeListCache
{
    /// <summary>Entries kept at most (a page of 50 is about 30 KB): a bound, not a target.</summary>
    public const int MaxEntries = 4_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

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

    public void Set<T>(Key key, long version, T value) where T : class =>
        entries.Set(key, new Entry(version, value), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
}
