using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// The raw result of evaluating the ruleset on one case: which rules decided or fired, the truth of each
/// caution, and the missing fields as a mask. Reused across cases on one thread, so evaluation allocates
/// nothing; <see cref="AssessmentBuilder"/> turns it into an <see cref="Assessment"/>.
/// </summary>
public sealed class Evaluation
{
    internal Evaluation(Ruleset ruleset)
    {
        Ruleset = ruleset;
        AlertFired = new bool[ruleset.AlertRules.Length];
        TreatmentFired = new bool[ruleset.TreatmentRules.Length];
        WorkupFired = new bool[ruleset.WorkupRules.Length];
        CautionTruths = [.. ruleset.TreatmentRules.Select(r => new Truth[((TreatmentAction)r.Then).Cautions.Count])];
    }

    /// <summary>The ruleset evaluated.</summary>
    public Ruleset Ruleset { get; }

    /// <summary>The case's facts.</summary>
    public FactSet Facts { get; } = new();

    /// <summary>The subtype.</summary>
    public SubtypeCode Subtype { get; internal set; }

    /// <summary>The certainty.</summary>
    public Certainty Certainty { get; internal set; }

    /// <summary>Input fields whose absence (or an assumption in their place) the answer hinged on.</summary>
    public ulong MissingFields { get; internal set; }

    internal Rule? SubtypeRule { get; set; }

    internal Rule? CertaintyRule { get; set; }

    internal bool[] AlertFired { get; }

    internal bool[] TreatmentFired { get; }

    internal bool[] WorkupFired { get; }

    internal Truth[][] CautionTruths { get; }

    internal void Reset()
    {
        SubtypeRule = null;
        CertaintyRule = null;
        MissingFields = 0;
        Array.Clear(AlertFired);
        Array.Clear(TreatmentFired);
        Array.Clear(WorkupFired);
    }
}
