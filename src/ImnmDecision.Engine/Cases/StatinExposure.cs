namespace ImnmDecision.Engine.Cases;

/// <summary>Statin exposure, current or past.</summary>
public enum StatinExposure
{
    /// <summary>Taking a statin now.</summary>
    Current,
    /// <summary>Took a statin in the past.</summary>
    Past,
    /// <summary>Never took a statin.</summary>
    Never,
    /// <summary>Exposure is not known.</summary>
    Unknown,
}
