namespace ImnmDecision.Engine.Rules;

/// <summary>A per-m2 amount that applies above a body surface area (rituximab: 750 mg/m2 above 1.5 m2).</summary>
public sealed record DoseBand
{
    /// <summary>Applies when the body surface area is above this, in m2.</summary>
    public required double AboveM2 { get; init; }

    /// <summary>Lowest amount per m2.</summary>
    public required double Min { get; init; }

    /// <summary>Highest amount per m2.</summary>
    public required double Max { get; init; }
}
