namespace Platform.Features.Nodes;

/// <summary>One addition to a shared counter; the counter is created at <paramref name="By"/> when missing.</summary>
public readonly record struct CounterAddition(string Name, long By, DateTimeOffset ExpiresAt);

/// <summary>
/// Counters shared by every node of the platform (rate limits, change counters). The platform
/// database by default (<see cref="DatabaseCounters"/>); Redis where Redis:Configuration is set.
/// </summary>
public interface ISharedCounters
{
    /// <summary>Adds to each counter atomically, all in one round-trip; returns each counter's new value.</summary>
    Task<long[]> AddAsync(IReadOnlyList<CounterAddition> additions, CancellationToken ct = default);

    /// <summary>The counters whose name starts with <paramref name="prefix"/> (change counters).</summary>
    Task<Dictionary<string, long>> ReadAsync(string prefix, CancellationToken ct = default);

    /// <summary>Deletes the counters past their expiry (rate-limit windows gone by).</summary>
    Task DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct = default);
}

public static class SharedCounterExtensions
{
    public static async Task<long> AddAsync(this ISharedCounters counters, string name, long by, DateTimeOffset expiresAt, CancellationToken ct = default) =>
        (await counters.AddAsync([new CounterAddition(name, by, expiresAt)], ct))[0];
}

/// <summary>
/// Fixed windows over a shared counter: « name|window number ». Every node of the platform computes
/// the same window from the clock (nodes are kept within a second of each other by NTP).
/// </summary>
public static class FixedWindow
{
    public static CounterAddition Add(string key, long by, TimeSpan window, DateTimeOffset now)
    {
        var seconds = (long)window.TotalSeconds;
        var number = now.ToUnixTimeSeconds() / seconds;
        // Kept one window longer than needed: a node whose clock is a little behind still finds it.
        return new CounterAddition($"{key}|{number}", by, DateTimeOffset.FromUnixTimeSeconds((number + 2) * seconds));
    }
}
