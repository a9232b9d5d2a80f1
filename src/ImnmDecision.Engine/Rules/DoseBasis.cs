namespace ImnmDecision.Engine.Rules;

/// <summary>What a dose amount is scaled by.</summary>
public enum DoseBasis
{
    /// <summary>The same amount for everyone.</summary>
    Fixed,
    /// <summary>Per kg of body weight.</summary>
    PerKg,
    /// <summary>Per m2 of body surface area.</summary>
    PerM2,
}
