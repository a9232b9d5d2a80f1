namespace ImnmDecision.Engine.Cases;

/// <summary>Statin exposure.</summary>
public sealed record StatinFindings
{
    /// <summary>Current, past, never or unknown.</summary>
    public StatinExposure? Exposure { get; init; }

    /// <summary>The statin's name, for the record (at most 64 characters).</summary>
    public string? Drug { get; init; }
}
