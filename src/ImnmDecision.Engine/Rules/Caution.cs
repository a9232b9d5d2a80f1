namespace ImnmDecision.Engine.Rules;

/// <summary>
/// A caution on a treatment option. Without a condition it always applies; with one, it applies when the
/// condition holds (and <see cref="Avoid"/> then marks the option to avoid). When the condition is unknown,
/// <see cref="UnknownText"/> is shown instead, if given, so the clinician knows what to check.
/// </summary>
public sealed record Caution
{
    /// <summary>When it applies; null for always.</summary>
    public Condition? When { get; init; }

    /// <summary>The caution.</summary>
    public required string Text { get; init; }

    /// <summary>Shown when the condition is unknown.</summary>
    public string? UnknownText { get; init; }

    /// <summary>Marks the option to avoid when the condition holds.</summary>
    public bool Avoid { get; init; }

    /// <summary>Citation ids; the rule's own apply when empty.</summary>
    public IReadOnlyList<string> Citations { get; init; } = [];
}
