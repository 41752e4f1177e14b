using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Features.Nodes;

/// <summary>
/// Fixed-window counts kept on this node and added to the shared counters in one batch every
/// Interval (RateLimits:SharedFlushMilliseconds, 1 s), for limits checked on every request (GraphQL):
/// a request costs no round-trip but the first of its key in a window on this node. Admission compares
/// the shared total last read plus this node's counts not yet written with the limit. Bound: across
/// nodes a key admits at most its limit plus what the other nodes admitted during one interval.
/// </summary>
public sealed class BatchedWindowCounts(ISharedCounters counters, TimeProvider time, TimeSpan windowLength)
{
    private sealed class Entry(DateTimeOffset expiresAt)
    {
        public readonly DateTimeOffset ExpiresAt = expiresAt;
        public long Shared, Pending, Writing;
        public bool Touched;
    }

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts <paramref name="cost"/> against the key's current window; false (and nothing counted) past the limit.
    /// The first use of a key in a window on this node reads its shared total (one round-trip); later ones none.
    /// </summary>
    public async ValueTask<bool> TryAddAsync(string key, int cost, int limit, CancellationToken ct = default)
    {
        if (cost > limit) return false;
        var window = FixedWindow.Add(key, 0, windowLength, time.GetUtcNow());
        if (!entries.TryGetValue(window.Name, out var entry))
        {
            var shared = (await counters.AddAsync([window], ct))[0];
            entry = entries.GetOrAdd(window.Name, static (_, expires) => new Entry(expires), window.ExpiresAt);
            lock (entry) entry.Shared = Math.Max(entry.Shared, shared);
        }
        lock (entry)
        {
            entry.Touched = true;
            if (entry.Shared + entry.Writing + entry.Pending + cost > limit) return false;
            entry.Pending += cost;
            return true;
        }
    }

    /// <summary>Writes this node's counts and reads back the totals of every key used since the last flush: one round-trip.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var batch = new List<(Entry Entry, CounterAddition Addition)>();
        foreach (var (name, entry) in entries)
        {
            lock (entry)
            {
                if (entry.ExpiresAt < now && entry.Pending == 0) { entries.TryRemove(name, out _); continue; }
                if (!entry.Touched && entry.Pending == 0) continue;
                entry.Writing = entry.Pending;
                entry.Pending = 0;
                entry.Touched = false;
                batch.Add((entry, new CounterAddition(name, entry.Writing, entry.ExpiresAt)));
            }
        }
        if (batch.Count == 0) return;
        try
        {
            var totals = await counters.AddAsync(batch.Select(b => b.Addition).ToList(), ct);
            for (var i = 0; i < batch.Count; i++)
                lock (batch[i].Entry) { batch[i].Entry.Shared = totals[i]; batch[i].Entry.Writing = 0; }
        }
        catch
        {
            // Counted again at the next flush: nothing admitted here is forgotten.
            foreach (var (entry, _) in batch)
                lock (entry) { entry.Pending += entry.Writing; entry.Writing = 0; entry.Touched = true; }
            throw;
        }
    }
}

/// <summary>Flushes the batched counts every interval, and once more when the node stops.</summary>
public sealed class BatchedWindowFlush(IEnumerable<BatchedWindowCounts> counts, BatchedWindowFlushOptions options, ILogger<BatchedWindowFlush> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(options.Interval, stoppingToken); }
            catch (OperationCanceledException) { break; }
            await FlushAllAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAllAsync(cancellationToken);
    }

    private async Task FlushAllAsync(CancellationToken ct)
    {
        foreach (var c in counts)
        {
            try { await c.FlushAsync(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogWarning(e, "Writing the shared rate-limit counts failed; kept for the next flush"); }
        }
    }
}

public sealed record BatchedWindowFlushOptions(TimeSpan Interval);
