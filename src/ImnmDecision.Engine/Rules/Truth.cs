namespace ImnmDecision.Engine.Rules;

/// <summary>Three-valued truth: a condition on a missing fact is unknown, never false.</summary>
public enum Truth
{
    /// <summary>Known not to hold.</summary>
    False,
    /// <summary>Depends on something not known.</summary>
    Unknown,
    /// <summary>Known to hold.</summary>
    True,
}
