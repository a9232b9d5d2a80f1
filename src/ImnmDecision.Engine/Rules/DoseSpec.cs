namespace ImnmDecision.Engine.Rules;

/// <summary>
/// A dose as data. <see cref="Text"/> is always shown; a structured <see cref="Amount"/> (fixed, per kg or per m2)
/// adds the figure for the patient's weight or body surface area, capped at <see cref="Cap"/>. A dose may carry a
/// <see cref="Child"/> regimen for patients under the ruleset's child age: its cap is never above the adult
/// maximum (the adult cap, or the adult fixed maximum), so a child's computed dose never exceeds the adult dose.
/// </summary>
public sealed record DoseSpec
{
    /// <summary>The regimen in words, parameters already filled in.</summary>
    public required string Text { get; init; }

    /// <summary>The amount as numbers; null for a regimen given in words only.</summary>
    public DoseAmount? Amount { get; init; }

    /// <summary>Largest amount, in the amount's unit per its period (from named parameters, the adult maximum included for a child).</summary>
    public double? Cap { get; init; }

    /// <summary>For a course: the number of days of the per-day example.</summary>
    public int? SplitOverDays { get; init; }

    /// <summary>Per-kg doses use the adjusted body weight when the BMI reaches the ruleset's obesity threshold.</summary>
    public AdjustedWeightRule? AdjustedWeight { get; init; }

    /// <summary>The regimen for children, if it differs.</summary>
    public DoseSpec? Child { get; init; }

    /// <summary>The largest absolute amount this regimen allows (its cap, or its fixed maximum), in milligrams per its period; null when it scales without a cap.</summary>
    public double? MaximumMilligrams => Amount is not { } amount
        ? null
        : Cap is { } cap ? cap * amount.MilligramsPerUnit : amount.Basis == DoseBasis.Fixed ? amount.Max * amount.MilligramsPerUnit : null;

    /// <summary>Per-kg text for the answer (<c>2 g/kg</c>), when the amount is by weight.</summary>
    public string? PerKgText => Amount is { Basis: DoseBasis.PerKg } amount ? amount.BasisText : null;

    /// <summary>Per-m2 text for the answer (<c>600 mg/m2/day</c>), when the amount is by body surface area.</summary>
    public string? PerM2Text => Amount is { Basis: DoseBasis.PerM2 } amount ? amount.BasisText : null;
}
