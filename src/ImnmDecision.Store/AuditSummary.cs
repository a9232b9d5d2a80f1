namespace ImnmDecision.Store;

/// <summary>The audit summary over a date range: entries and cases by door, subtype, ruleset and day.</summary>
public sealed record AuditSummary
{
    /// <summary>Start of the range (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of the range (exclusive).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Audit entries (a batch is one).</summary>
    public required long Entries { get; init; }

    /// <summary>Cases assessed (a batch counts its rows).</summary>
    public required long Cases { get; init; }

    /// <summary>Cases by door (single, batch, cds, cli).</summary>
    public required IReadOnlyList<CountEntry> ByDoor { get; init; }

    /// <summary>Single assessments by subtype code.</summary>
    public required IReadOnlyList<CountEntry> BySubtype { get; init; }

    /// <summary>Cases by ruleset tag.</summary>
    public required IReadOnlyList<CountEntry> ByRuleset { get; init; }

    /// <summary>Cases by UTC day (yyyy-MM-dd).</summary>
    public required IReadOnlyList<CountEntry> ByDay { get; init; }
}
