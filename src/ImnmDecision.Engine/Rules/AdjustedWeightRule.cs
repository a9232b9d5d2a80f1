namespace ImnmDecision.Engine.Rules;

/// <summary>
/// When and how a per-kg dose uses the adjusted body weight instead of the actual one, from ruleset parameters:
/// from <see cref="FromBmi"/> (kg/m2), ideal body weight by Devine (<see cref="MaleBaseKg"/> or
/// <see cref="OtherBaseKg"/> plus <see cref="KgPerCm"/> per cm above <see cref="BaseHeightCm"/>; not defined
/// below it), adjusted = ideal + <see cref="Fraction"/> x (actual - ideal).
/// </summary>
public sealed record AdjustedWeightRule
{
    /// <summary>The BMI from which the adjusted weight is used.</summary>
    public required double FromBmi { get; init; }

    /// <summary>Ideal body weight of a man at the base height.</summary>
    public required double MaleBaseKg { get; init; }

    /// <summary>Ideal body weight of anyone else at the base height.</summary>
    public required double OtherBaseKg { get; init; }

    /// <summary>The height the formula starts from.</summary>
    public required double BaseHeightCm { get; init; }

    /// <summary>Ideal body weight added per cm above the base height.</summary>
    public required double KgPerCm { get; init; }

    /// <summary>The share of the excess weight counted.</summary>
    public required double Fraction { get; init; }
}
