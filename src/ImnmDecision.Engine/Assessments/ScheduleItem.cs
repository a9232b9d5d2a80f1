namespace ImnmDecision.Engine.Assessments;

/// <summary>One step of what a risk category calls for.</summary>
public sealed record ScheduleItem
{
    /// <summary>The step's id in the ruleset, for example <c>enhanced-panel-at-diagnosis</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What to do and when.</summary>
    public required string Text { get; init; }
}
