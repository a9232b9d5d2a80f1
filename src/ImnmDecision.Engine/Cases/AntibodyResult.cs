namespace ImnmDecision.Engine.Cases;

/// <summary>The reported result of an anti-HMGCR or anti-SRP test.</summary>
public enum AntibodyResult
{
    /// <summary>Positive.</summary>
    Positive,
    /// <summary>Negative.</summary>
    Negative,
    /// <summary>Borderline: repeat or confirm.</summary>
    Equivocal,
    /// <summary>Known not to have been tested.</summary>
    NotTested,
}
