namespace ImnmDecision.Engine.Assessments;

/// <summary>The suggested subtype, its certainty and the rules that decided them.</summary>
public sealed record SubtypeResult
{
    /// <summary>The subtype code.</summary>
    public required SubtypeCode Code { get; init; }

    /// <summary>A readable label.</summary>
    public required string Label { get; init; }

    /// <summary>How firmly the findings support it.</summary>
    public required Certainty Certainty { get; init; }

    /// <summary>The rules that decided the subtype and its certainty, with the facts each read.</summary>
    public required IReadOnlyList<Reason> Because { get; init; }
}
