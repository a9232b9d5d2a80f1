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

    /// <summary>
    /// Whether a dose for this weight and height goes by the ideal body weight, which differs by sex: the BMI
    /// reaches <see cref="FromBmi"/> and the height is at least <see cref="BaseHeightCm"/>.
    /// </summary>
    internal bool UsesIdealWeight(double weightKg, double heightCm) => !BmiBelow(weightKg, heightCm) && heightCm >= BaseHeightCm;

    /// <summary>
    /// Whether the BMI is below <see cref="FromBmi"/>, worked out in decimal like CK: 76.8 kg at 160 cm is exactly
    /// BMI 30 (29.999999999999996 in binary floating point, which would miss a threshold of "BMI 30 or more").
    /// </summary>
    internal bool BmiBelow(double weightKg, double heightCm)
    {
        if (weightKg is > 0 and < 1e6 && heightCm is > 0 and < 1e6 && FromBmi is > 0 and < 1e6)
        {
            var metres = (decimal)heightCm / 100;
            return (decimal)weightKg / (metres * metres) < (decimal)FromBmi;
        }

        return weightKg / Math.Pow(heightCm / 100, 2) < FromBmi;
    }
}
