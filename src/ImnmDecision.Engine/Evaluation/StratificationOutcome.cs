using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// How a risk stratification came out for one case: each factor's truth (a factor no finding records is
/// unknown), whether an unknown factor could raise the category, the category reached, and each caution's truth.
/// Allocated once per rule that carries one and reused across cases.
/// </summary>
internal sealed class StratificationOutcome(Stratification stratification)
{
    public Stratification Stratification { get; } = stratification;

    public Truth[] Factors { get; } = new Truth[stratification.Factors.Count];

    /// <summary>Per factor, the input fields whose absence leaves it unknown.</summary>
    public FieldMask[] FactorFields { get; } = new FieldMask[stratification.Factors.Count];

    public bool[] CouldRaise { get; } = new bool[stratification.Factors.Count];

    public Truth[] Cautions { get; } = new Truth[stratification.Cautions.Count];

    /// <summary>The category reached, as its position in <see cref="Stratification.Categories"/>.</summary>
    public int Category { get; set; }
}
