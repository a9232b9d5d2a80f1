namespace ImnmDecision.Engine.Assessments;

/// <summary>A finding that is absent (or an assumption made in its place) and would change the answer.</summary>
public sealed record MissingItem
{
    /// <summary>The JSON path of the finding, for example <c>antibodies.srp</c>.</summary>
    public required string Field { get; init; }

    /// <summary>Why it matters.</summary>
    public required string Why { get; init; }

    /// <summary>Citation ids, where an assumption stands in for the value.</summary>
    public IReadOnlyList<string>? Citations { get; init; }
}
