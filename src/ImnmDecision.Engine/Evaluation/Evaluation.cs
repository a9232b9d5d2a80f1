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

        // The answer's list orders depend only on the rules, so they are sorted once here and each case
        // only walks them: the id accessors below allocate nothing.
        alertOrder = [.. Enumerable.Range(0, ruleset.AlertRules.Length)
            .OrderBy(i => ((AlertAction)ruleset.AlertRules[i].Then).Severity).ThenBy(i => ruleset.AlertRules[i].Order)];
        workupOrder = [.. Enumerable.Range(0, ruleset.WorkupRules.Length)
            .OrderBy(i => ((WorkupAction)ruleset.WorkupRules[i].Then).Priority).ThenBy(i => ruleset.WorkupRules[i].Order)];
        treatmentOrder = [.. Enumerable.Range(0, ruleset.TreatmentRules.Length)
            .OrderBy(i => ((TreatmentAction)ruleset.TreatmentRules[i].Then).Role).ThenBy(i => ruleset.TreatmentRules[i].Order)];
    }

    /// <summary>The most alert ids <see cref="CopyAlerts"/> can write.</summary>
    public static int MaxAlerts { get; } = Enum.GetValues<AlertId>().Length;

    /// <summary>The most workup ids <see cref="CopyOutstandingWorkup"/> can write.</summary>
    public static int MaxWorkup { get; } = Enum.GetValues<WorkupId>().Length;

    /// <summary>The most treatment ids <see cref="CopyTreatment"/> can write.</summary>
    public static int MaxTreatment { get; } = Enum.GetValues<TreatmentId>().Length;

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

    private readonly int[] alertOrder;
    private readonly int[] workupOrder;
    private readonly int[] treatmentOrder;

    /// <summary>
    /// Writes the ids of the alerts raised, each once, in the answer's order (severity, then rule order), and
    /// returns how many. <paramref name="destination"/> needs room for <see cref="MaxAlerts"/>. Allocates nothing.
    /// </summary>
    public int CopyAlerts(Span<AlertId> destination)
    {
        var rules = Ruleset.AlertRules;
        var seen = 0UL;
        var count = 0;
        foreach (var i in alertOrder)
        {
            if (!AlertFired[i])
            {
                continue;
            }

            var id = ((AlertAction)rules[i].Then).Alert;
            var bit = 1UL << (int)id;
            if ((seen & bit) == 0)
            {
                seen |= bit;
                destination[count++] = id;
            }
        }

        return count;
    }

    /// <summary>
    /// Writes the ids of the workup items the answer lists as outstanding, in its order (priority, then rule
    /// order), and returns how many. Like the answer, an item listed by several rules takes the status of the
    /// highest-priority one. <paramref name="destination"/> needs room for <see cref="MaxWorkup"/>. Allocates nothing.
    /// </summary>
    public int CopyOutstandingWorkup(Span<WorkupId> destination)
    {
        var rules = Ruleset.WorkupRules;
        var seen = 0UL;
        var count = 0;
        foreach (var i in workupOrder)
        {
            if (!WorkupFired[i])
            {
                continue;
            }

            var action = (WorkupAction)rules[i].Then;
            var bit = 1UL << (int)action.Item;
            if ((seen & bit) != 0)
            {
                continue;
            }

            seen |= bit;
            if (action.Status == WorkupStatus.Outstanding)
            {
                destination[count++] = action.Item;
            }
        }

        return count;
    }

    /// <summary>
    /// Writes the ids of the treatment options offered, in the answer's order (role, then rule order), and
    /// whether each is to be avoided for this patient, and returns how many. Both spans need room for
    /// <see cref="MaxTreatment"/>. Allocates nothing.
    /// </summary>
    public int CopyTreatment(Span<TreatmentId> destination, Span<bool> avoid)
    {
        var rules = Ruleset.TreatmentRules;
        var count = 0;
        foreach (var i in treatmentOrder)
        {
            if (!TreatmentFired[i])
            {
                continue;
            }

            var action = (TreatmentAction)rules[i].Then;
            var truths = CautionTruths[i];
            var avoided = false;
            for (var c = 0; c < truths.Length; c++)
            {
                avoided |= action.Cautions[c].Avoid && truths[c] == Truth.True;
            }

            destination[count] = action.Treatment;
            avoid[count] = avoided;
            count++;
        }

        return count;
    }

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
