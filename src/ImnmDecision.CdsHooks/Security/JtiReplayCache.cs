using System.Collections.Concurrent;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// Remembers each accepted JWT id (per issuer) until its token expires, so a captured token cannot be replayed.
/// Bounded: expired entries are purged as new ones arrive, and when the cache is full new tokens are refused
/// rather than old ids forgotten.
/// </summary>
internal sealed class JtiReplayCache(TimeProvider clock)
{
    /// <summary>The most ids held at once.</summary>
    public const int MaxEntries = 200_000;

    private const int PurgeEvery = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private int added;

    /// <summary>Records an id; false when it was seen before (and has not expired) or the cache is full.</summary>
    public bool TryRecord(string issuer, string jti, DateTimeOffset keepUntil)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(jti);
        var now = clock.GetUtcNow();
        if (Interlocked.Increment(ref added) % PurgeEvery == 0 || seen.Count >= MaxEntries)
        {
            Purge(now);
        }

        if (seen.Count >= MaxEntries)
        {
            return false;
        }

        var key = issuer + "\n" + jti;
        while (true)
        {
            if (seen.TryAdd(key, keepUntil))
            {
                return true;
            }

            if (!seen.TryGetValue(key, out var until))
            {
                continue;
            }

            if (until > now)
            {
                return false;
            }

            // The old entry has expired: the id may be used again (its old token is no longer valid anyway).
            if (seen.TryUpdate(key, keepUntil, until))
            {
                return true;
            }
        }
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var entry in seen)
        {
            if (entry.Value <= now)
            {
                seen.TryRemove(entry);
            }
        }
    }
}
