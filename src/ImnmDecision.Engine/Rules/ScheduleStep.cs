namespace ImnmDecision.Engine.Rules;

/// <summary>One step of what a risk category calls for (a panel at diagnosis, a yearly repeat).</summary>
public sealed record ScheduleStep
{
    /// <summary>Id, for example <c>enhanced-panel-at-diagnosis</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What to do, for clinicians.</summary>
    public required string Text { get; init; }
}
