namespace ImnmDecision.Engine.Assessments;

/// <summary>A dose as text, with the weight-based amount where the weight is known.</summary>
public sealed record DoseText
{
    /// <summary>The dose for this patient, in words.</summary>
    public required string Text { get; init; }

    /// <summary>The per-kg dose, for weight-based regimens.</summary>
    public string? PerKg { get; init; }

    /// <summary>The weight the amount was computed for; absent when the weight is unknown.</summary>
    public double? WeightKg { get; init; }
}
