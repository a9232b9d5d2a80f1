using System.Data.Common;
using System.Globalization;

namespace ImnmDecision.Store;

/// <summary>The summary queries (plain SQL common to SQLite and PostgreSQL; grouping finished in C#).</summary>
internal static class StoreSummaries
{
    private const int TopReasons = 5;
    private const long DayMs = 86_400_000;

    public static async Task<FeedbackSummary> FeedbackAsync(DbConnection connection, DateTimeOffset from, DateTimeOffset to, string? rulesetTag, CancellationToken cancellationToken)
    {
        var range = Range(from, to, rulesetTag);
        var groups = new Dictionary<(string Service, string Kind, string? Ruleset), Counts>();
        Counts GroupOf(string service, string kind, string? ruleset) =>
            groups.TryGetValue((service, kind, ruleset), out var found) ? found : groups[(service, kind, ruleset)] = new Counts();

        const string RulesetFilter = " AND (@ruleset IS NULL OR ruleset_tag = @ruleset)";
        await foreach (var row in RowsAsync(connection,
            "SELECT service_id, kind, ruleset_tag, COUNT(*) FROM shown_card WHERE at_ms >= @from AND at_ms < @to" + RulesetFilter
            + " GROUP BY service_id, kind, ruleset_tag", range, cancellationToken))
        {
            GroupOf(Text(row[0])!, Text(row[1])!, Text(row[2])).Shown += Number(row[3]);
        }

        await foreach (var row in RowsAsync(connection,
            "SELECT f.service_id, COALESCE(f.card_kind, c.kind, 'unknown'), COALESCE(f.ruleset_tag, c.ruleset_tag), f.outcome, f.override_reason, COUNT(*) FROM feedback f "
            + "LEFT JOIN shown_card c ON c.card_id = f.card_id WHERE f.at_ms >= @from AND f.at_ms < @to AND (@ruleset IS NULL OR COALESCE(f.ruleset_tag, c.ruleset_tag) = @ruleset) "
            + "GROUP BY f.service_id, COALESCE(f.card_kind, c.kind, 'unknown'), COALESCE(f.ruleset_tag, c.ruleset_tag), f.outcome, f.override_reason", range, cancellationToken))
        {
            var counts = GroupOf(Text(row[0])!, Text(row[1])!, Text(row[2]));
            var count = Number(row[5]);
            if (Text(row[3]) == "accepted")
            {
                counts.Accepted += count;
            }
            else
            {
                counts.Overridden += count;
                var reason = Text(row[4]) ?? "(none)";
                counts.Reasons[reason] = counts.Reasons.GetValueOrDefault(reason) + count;
            }
        }

        return new FeedbackSummary
        {
            From = from,
            To = to,
            RulesetTag = rulesetTag,
            Groups = [.. groups
                .OrderBy(g => g.Key.Service, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Ruleset, StringComparer.Ordinal)
                .Select(g => new FeedbackGroup
                {
                    ServiceId = g.Key.Service,
                    CardKind = g.Key.Kind,
                    RulesetTag = g.Key.Ruleset,
                    Shown = g.Value.Shown,
                    Accepted = g.Value.Accepted,
                    Overridden = g.Value.Overridden,
                    TopOverrideReasons = Top(g.Value.Reasons, TopReasons),
                })],
        };
    }

    public static async Task<AuditSummary> AuditAsync(DbConnection connection, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = Range(from, to, null);
        var byDoor = new Dictionary<string, long>(StringComparer.Ordinal);
        var bySubtype = new Dictionary<string, long>(StringComparer.Ordinal);
        var byRuleset = new Dictionary<string, long>(StringComparer.Ordinal);
        var byDay = new Dictionary<string, long>(StringComparer.Ordinal);
        long entries = 0, cases = 0;
        await foreach (var row in RowsAsync(connection,
            "SELECT door, subtype, ruleset_tag, at_ms / " + DayMs.ToString(CultureInfo.InvariantCulture) + ", COUNT(*), SUM(cases) FROM audit "
            + "WHERE at_ms >= @from AND at_ms < @to GROUP BY door, subtype, ruleset_tag, at_ms / " + DayMs.ToString(CultureInfo.InvariantCulture),
            range, cancellationToken))
        {
            var count = Number(row[4]);
            var rowCases = Number(row[5]);
            entries += count;
            cases += rowCases;
            Add(byDoor, Text(row[0])!, rowCases);
            if (Text(row[1]) is { } subtype)
            {
                Add(bySubtype, subtype, count);
            }

            Add(byRuleset, Text(row[2])!, rowCases);
            Add(byDay, DateTimeOffset.FromUnixTimeMilliseconds(Number(row[3]) * DayMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rowCases);
        }

        return new AuditSummary
        {
            From = from,
            To = to,
            Entries = entries,
            Cases = cases,
            ByDoor = Top(byDoor, int.MaxValue),
            BySubtype = Top(bySubtype, int.MaxValue),
            ByRuleset = Top(byRuleset, int.MaxValue),
            ByDay = [.. byDay.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new CountEntry(d.Key, d.Value))],
        };
    }

    private static (string, object?)[] Range(DateTimeOffset from, DateTimeOffset to, string? ruleset) =>
        [("from", from.ToUnixTimeMilliseconds()), ("to", to.ToUnixTimeMilliseconds()), ("ruleset", ruleset)];

    private static void Add(Dictionary<string, long> counts, string key, long count) => counts[key] = counts.GetValueOrDefault(key) + count;

    private static CountEntry[] Top(Dictionary<string, long> counts, int take) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(take).Select(c => new CountEntry(c.Key, c.Value))];

    private static string? Text(object? value) => value is null or DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture);

    private static long Number(object? value) => value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static async IAsyncEnumerable<object?[]> RowsAsync(
        DbConnection connection, string sql, (string, object?)[] parameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = DecisionStore.Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            yield return values;
        }
    }

    private sealed class Counts
    {
        public long Shown { get; set; }

        public long Accepted { get; set; }

        public long Overridden { get; set; }

        public Dictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);
    }
}
