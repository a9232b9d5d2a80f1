namespace ImnmDecision.Engine.Assessments;

/// <summary>A dose as text, with the amount for this patient's weight or body surface area where they are known.</summary>
public sealed record DoseText
{
    /// <summary>The dose for this patient, in words.</summary>
    public required string Text { get; init; }

    /// <summary>The per-kg dose, for weight-based regimens.</summary>
    public string? PerKg { get; init; }

    /// <summary>The per-m2 dose, for regimens by body surface area.</summary>
    public string? PerM2 { get; init; }

    /// <summary>The weight the amount was computed for (the actual weight); absent when the weight is unknown.</summary>
    public double? WeightKg { get; init; }

    /// <summary>The adjusted body weight the amount was computed on, when the BMI called for it.</summary>
    public double? DosingWeightKg { get; init; }

    /// <summary>The body surface area (Mosteller) the amount was computed for.</summary>
    public double? BodySurfaceAreaM2 { get; init; }

    /// <summary>Whose regimen this is when children have their own: <c>adult</c> or <c>child</c> (under the ruleset's child age); absent when one regimen serves everyone or the age is unknown.</summary>
    public string? Population { get; init; }

    /// <summary>The lowest computed amount (capped), in <c>amountUnit</c> per <c>amountPer</c>.</summary>
    public double? AmountLow { get; init; }

    /// <summary>The highest computed amount (capped).</summary>
    public double? AmountHigh { get; init; }

    /// <summary>Unit of the amounts: <c>mg</c> or <c>g</c>.</summary>
    public string? AmountUnit { get; init; }

    /// <summary>What the amounts are per: <c>day</c>, <c>week</c>, <c>course</c> or <c>dose</c>.</summary>
    public string? AmountPer { get; init; }
}
