using System.Text;

namespace Platform.Features;

/// <summary>One page of a list (the contract's connections): the items with their cursors, whether more follow, the total.</summary>
public sealed record Page<T>(IReadOnlyList<PageItem<T>> Items, bool HasNextPage, int TotalCount)
{
    public string? EndCursor => Items.Count > 0 ? Items[^1].Cursor : null;
}

public sealed record PageItem<T>(T Node, string Cursor);

/// <summary>
/// Keyset cursors: the sort key and the id of the last row seen, so that the next page starts right
/// after it whatever was added or removed meanwhile, and costs the same deep in the list.
/// </summary>
public static class KeysetCursor
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static int PageSize(int? first) => Math.Clamp(first ?? DefaultPageSize, 1, MaxPageSize);

    public static string Encode(string sortKey, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sortKey}\u001f{id:N}"));

    public static (string SortKey, Guid Id)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 1000) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var separator = text.LastIndexOf('\u001f');
            return separator >= 0 && Guid.TryParseExact(text[(separator + 1)..], "N", out var id) ? (text[..separator], id) : null;
        }
        catch (FormatException) { return null; }
    }

    /// <summary>The page from rows read one past its size: that extra row only tells that more follow.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> rowsPlusOne, int size, int total, Func<T, string> cursorOf) =>
        new(rowsPlusOne.Take(size).Select(r => new PageItem<T>(r, cursorOf(r))).ToList(), rowsPlusOne.Count > size, total);
}
