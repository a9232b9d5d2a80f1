namespace ImnmDecision.Engine.Facts;

/// <summary>
/// When a fact becomes known. Findings facts are known before any rule runs; the others are produced by
/// the rules of a kind and may only be read by rules evaluated after them.
/// </summary>
public enum FactPhase
{
    /// <summary>From the findings.</summary>
    Findings,
    /// <summary>After the subtype rules.</summary>
    Subtype,
    /// <summary>After the certainty rules.</summary>
    Certainty,
    /// <summary>As the alert rules run.</summary>
    Alert,
    /// <summary>As the treatment rules run.</summary>
    Treatment,
    /// <summary>As the workup rules run.</summary>
    Workup,
}
