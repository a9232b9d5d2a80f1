namespace ImnmDecision.Engine.Rules;

/// <summary>A tier of risk factors (high-risk, intermediate-risk ...), counted by the categories' requirements.</summary>
public sealed record RiskTier
{
    /// <summary>Id, for example <c>high</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A label for people, for example "high-risk factor".</summary>
    public required string Label { get; init; }
}
