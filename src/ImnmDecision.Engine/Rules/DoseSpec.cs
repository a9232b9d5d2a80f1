namespace ImnmDecision.Engine.Rules;

/// <summary>
/// A dose as data. <see cref="Text"/> is always shown; a per-kg regimen adds the amount for the patient's
/// weight (capped where a cap is set), and <see cref="SplitOverDays"/> adds a per-day example for a course.
/// </summary>
public sealed record DoseSpec
{
    /// <summary>The regimen in words, parameters already filled in.</summary>
    public required string Text { get; init; }

    /// <summary>Lowest per-kg amount, for weight-based regimens.</summary>
    public double? PerKgMin { get; init; }

    /// <summary>Highest per-kg amount (equal to the lowest for a single figure).</summary>
    public double? PerKgMax { get; init; }

    /// <summary>Unit of the amount: <c>mg</c> or <c>g</c>.</summary>
    public string? Unit { get; init; }

    /// <summary>What the amount is per: <c>day</c>, <c>week</c> or <c>course</c>.</summary>
    public string? Per { get; init; }

    /// <summary>Largest amount, from a named parameter.</summary>
    public double? Cap { get; init; }

    /// <summary>For a course: the number of days of the per-day example.</summary>
    public int? SplitOverDays { get; init; }

    /// <summary>The per-kg figure as text, for example <c>2 g/kg</c>.</summary>
    public string? PerKgText { get; init; }
}
