using System.Collections.Concurrent;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Remembers feedback already received for a day, so an EHR that sends the same feedback twice (a retry) is
/// answered 200 again without a second log entry. Bounded in size.
/// </summary>
internal sealed class FeedbackLedger(TimeProvider clock)
{
    public const int MaxEntries = 100_000;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    /// <summary>True the first time a feedback key is seen (within a day).</summary>
    public bool TryRecord(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = clock.GetUtcNow();
        if (seen.Count >= MaxEntries)
        {
            foreach (var entry in seen.Where(e => now - e.Value > Retention))
            {
                seen.TryRemove(entry);
            }

            if (seen.Count >= MaxEntries)
            {
                seen.Clear();
            }
        }

        if (seen.TryAdd(key, now))
        {
            return true;
        }

        if (seen.TryGetValue(key, out var at) && now - at > Retention)
        {
            seen[key] = now;
            return true;
        }

        return false;
    }
}
