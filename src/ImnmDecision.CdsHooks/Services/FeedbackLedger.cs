using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.Store;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Remembers feedback already received for a day, so an EHR that sends the same feedback twice (a retry) is
/// answered 200 again without a second log entry. Bounded in size. With the durable store (the service's normal
/// set-up) feedback and the cards it answers are stored there instead, idempotent on the feedback's identity, so
/// feedback survives a restart and is de-duplicated across instances.
/// </summary>
internal sealed class FeedbackLedger(TimeProvider clock, DecisionStore? store = null)
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

    /// <summary>Stores the feedback (durably when there is a store); true the first time its identity is seen.</summary>
    public async Task<bool> TryRecordAsync(string serviceId, FeedbackEntry entry, string? clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = entry.Key(serviceId);
        if (store is null)
        {
            return TryRecord(key);
        }

        var identity = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var card = Guid.TryParse(entry.Card, out var uuid) ? uuid.ToString() : "(not a uuid)";
        return await store.RecordFeedbackAsync(
            new FeedbackRecord(identity, serviceId, card, entry.Outcome, entry.ReasonCode, entry.AcceptedSuggestions.Count, entry.OutcomeTimestamp, clientId),
            cancellationToken);
    }

    /// <summary>
    /// Stores the cards a call answered with (the summary's "shown", each with its kind) and the call's audit
    /// entry, in one transaction (with the assessment's subtype, certainty and alert ids when one was made); the start-up warm-up's
    /// calls are not stored.
    /// </summary>
    public async Task CardsShownAsync(string serviceId, CdsResponse response, CdsServiceOutcome outcome, string? clientId, double elapsedMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(outcome);
        if (store is null || CdsWarmUpScope.IsActive)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var rulesetTag = outcome.RulesetTag!;
        await store.RecordCallAsync(
            [.. response.Cards.Select(c => new ShownCard(c.Uuid, serviceId, Kind(c), rulesetTag, now))],
            outcome.Assessment is { } assessment
                ? AuditEntries.ForAssessment(assessment, AuditEntries.CdsDoor, clientId, now, elapsedMs)
                : AuditEntries.WithoutAssessment(rulesetTag, AuditEntries.CdsDoor, clientId, now, elapsedMs),
            cancellationToken);
    }

    /// <summary>
    /// Which card the service sent: its topic code (<c>imnm-assessment</c>, <c>imnm-red-flag</c>,
    /// <c>imnm-statin-order</c>, <c>imnm-guidance-incomplete</c>), fixed per kind of card and free of patient data.
    /// </summary>
    public static string Kind(CdsCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Source.Topic?.Code ?? "unknown";
    }
}
