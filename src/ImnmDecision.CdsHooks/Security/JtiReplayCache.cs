using System.Collections.Concurrent;
using ImnmDecision.Store;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// Remembers each accepted JWT id (per issuer) until its token expires, so a captured token cannot be replayed.
/// Bounded: expired entries are purged as new ones arrive, and when the cache is full new tokens are refused
/// rather than old ids forgotten. With the durable store, an id new to this process is also recorded there, so
/// instances sharing PostgreSQL refuse a token that another instance has already accepted.
/// </summary>
internal sealed class JtiReplayCache(TimeProvider clock, DecisionStore? shared = null)
{
    /// <summary>The most ids held at once.</summary>
    public const int MaxEntries = 200_000;

    private const int PurgeEvery = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private int added;

    /// <summary>
    /// Records the id of a verified token; false when it was seen before (here or, with a shared store, by another
    /// instance) or the cache is full. A replay seen here is refused without touching the store; the store write is
    /// not cancelled with the call, so an id held here is never missing there.
    /// </summary>
    public async Task<bool> TryRecordAsync(string issuer, string jti, DateTimeOffset keepUntil) =>
        TryRecordHere(issuer, jti, keepUntil)
        && (shared is null || await shared.TryRecordJtiAsync(issuer + "\n" + jti, keepUntil, clock.GetUtcNow(), CancellationToken.None));

    private bool TryRecordHere(string issuer, string jti, DateTimeOffset keepUntil)
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
