using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Classification;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// What the ruleset decided for one case: its facts, the subtype and certainty rules that decided, which alert,
/// workup and treatment rules fired, the truth of each caution, and the missing fields as a mask. Reused across
/// cases on one thread, so evaluation allocates nothing; <see cref="AssessmentBuilder"/> turns it into an
/// <see cref="Assessment"/>, and the batch writers read its lists through the copy methods.
/// </summary>
public sealed class CaseDecisions
{
    internal CaseDecisions(Ruleset ruleset)
    {
        Ruleset = ruleset;
        AlertFired = new bool[ruleset.AlertRules.Length];
        TreatmentFired = new bool[ruleset.TreatmentRules.Length];
        WorkupFired = new bool[ruleset.WorkupRules.Length];
        Stratifications = [.. ruleset.WorkupRules.Select(r => r.Action.Stratification is { } s ? new StratificationOutcome(s) : null)];
        CautionTruths = [.. ruleset.TreatmentRules.Select(r => new Truth[r.Action.Cautions.Count])];
        Classification = ruleset.Classification is { } criteria ? new ClassificationDecisions(criteria) : null;

        // Each case only walks the rules that fired in the answer's order (see AnswerOrder), so the id
        // accessors below allocate nothing.
        var order = ruleset.AnswerOrder;
        alertsFired = new RuleBits(order.Alerts.Length);
        workupFired = new RuleBits(order.Workup.Length);
        treatmentFired = new RuleBits(order.Treatment.Length);
        treatmentAvoided = new RuleBits(order.Treatment.Length);
        alertRank = order.AlertRank;
        workupRank = order.WorkupRank;
        treatmentRank = order.TreatmentRank;
        alertIdByRank = [.. order.Alerts.Select(i => ruleset.AlertRules[i].Action.Alert)];
        workupItemByRank = [.. order.Workup.Select(i => ruleset.WorkupRules[i].Action.Item)];
        outstandingByRank = [.. order.Workup.Select(i => ruleset.WorkupRules[i].Action.Status == WorkupStatus.Outstanding)];
        var treatmentByRank = order.Treatment.Select(i => ruleset.TreatmentRules[i].Action).ToArray();
        treatmentIdByRank = [.. treatmentByRank.Select(t => t.Treatment)];
        // Per option, whether each caution marks it to be avoided; empty when none does (nothing to look at).
        avoidingCautionsByRank = [.. treatmentByRank.Select(t => t.Cautions.Any(c => c.Avoid) ? t.Cautions.Select(c => c.Avoid).ToArray() : [])];
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

    /// <summary>The classification scored beside the subtype (the 2017 EULAR/ACR criteria); null when the ruleset has none.</summary>
    public ClassificationDecisions? Classification { get; }

    /// <summary>Input fields whose absence (or an assumption in their place) the answer hinged on.</summary>
    public FieldMask MissingFields { get; internal set; }

    internal Rule<SubtypeAction>? SubtypeRule { get; set; }

    internal Rule<CertaintyAction>? CertaintyRule { get; set; }

    internal bool[] AlertFired { get; }

    internal bool[] TreatmentFired { get; }

    internal bool[] WorkupFired { get; }

    internal Truth[][] CautionTruths { get; }

    /// <summary>Per workup rule, how its risk stratification came out (null for a rule without one).</summary>
    internal StratificationOutcome?[] Stratifications { get; }

    /// <summary>
    /// Scratch for the workup walk, per item (<see cref="WorkupId"/>, at most 64 as the item masks are): the best
    /// answer-order rank of a rule that fired for it. Only the items the walk marks as listed are read.
    /// </summary>
    internal int[] WorkupListedAt { get; } = new int[64];

    /// <summary>The workup items withheld by a rule that held (bit = <see cref="WorkupId"/>): listed by no rule.</summary>
    internal ulong WithheldWorkup { get; private set; }

    private readonly int[] alertRank;
    private readonly int[] workupRank;
    private readonly int[] treatmentRank;
    private readonly AlertId[] alertIdByRank;
    private readonly WorkupId[] workupItemByRank;
    private readonly bool[] outstandingByRank;
    private readonly TreatmentId[] treatmentIdByRank;
    private readonly bool[][] avoidingCautionsByRank;

    /// <summary>The rules that fired, by their place in the answer's order.</summary>
    private readonly RuleBits alertsFired;
    private readonly RuleBits workupFired;
    private readonly RuleBits treatmentFired;
    private readonly RuleBits treatmentAvoided;

    /// <summary>
    /// Writes the ids of the alerts raised, each once, in the answer's order (severity, then rule order), and
    /// returns how many. <paramref name="destination"/> needs room for <see cref="MaxAlerts"/>. Allocates nothing.
    /// </summary>
    public int CopyAlerts(Span<AlertId> destination)
    {
        Span<bool> seen = stackalloc bool[MaxAlerts];
        var count = 0;
        foreach (var rank in alertsFired)
        {
            var id = alertIdByRank[rank];
            if (!seen[(int)id])
            {
                seen[(int)id] = true;
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
        var seen = 0UL; // one bit per workup id, as WithheldWorkup
        var count = 0;
        var withheld = WithheldWorkup;
        foreach (var rank in workupFired)
        {
            var id = workupItemByRank[rank];
            var item = 1UL << (int)id;
            if ((seen & item) != 0)
            {
                continue;
            }

            seen |= item;
            if (outstandingByRank[rank] && (withheld & item) == 0)
            {
                destination[count++] = id;
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
        var count = 0;
        foreach (var rank in treatmentFired)
        {
            destination[count] = treatmentIdByRank[rank];
            avoid[count] = treatmentAvoided.Contains(rank);
            count++;
        }

        return count;
    }

    /// <summary>Records that alert rule <paramref name="index"/> fired.</summary>
    internal void AlertRuleFired(int index)
    {
        AlertFired[index] = true;
        alertsFired.Add(alertRank[index]);
    }

    /// <summary>Records that treatment rule <paramref name="index"/> fired.</summary>
    internal void TreatmentRuleFired(int index)
    {
        TreatmentFired[index] = true;
        treatmentFired.Add(treatmentRank[index]);
    }

    /// <summary>
    /// Records the truths of treatment rule <paramref name="index"/>'s cautions (in <see cref="CautionTruths"/>):
    /// its option is to be avoided when a caution that marks it holds.
    /// </summary>
    internal void CautionsDecided(int index)
    {
        var rank = treatmentRank[index];
        var avoiding = avoidingCautionsByRank[rank];
        if (avoiding.Length == 0)
        {
            return;
        }

        var truths = CautionTruths[index];
        for (var c = 0; c < truths.Length; c++)
        {
            if (avoiding[c] && truths[c] == Truth.True)
            {
                treatmentAvoided.Add(rank);
            }
        }
    }

    /// <summary>Records that workup rule <paramref name="index"/> fired.</summary>
    internal void WorkupRuleFired(int index)
    {
        WorkupFired[index] = true;
        workupFired.Add(workupRank[index]);
    }

    /// <summary>Records that workup rule <paramref name="index"/>, which withholds <paramref name="item"/>, held.</summary>
    internal void WorkupWithheld(int index, WorkupId item)
    {
        WorkupFired[index] = true;
        WithheldWorkup |= 1UL << (int)item;
    }

    internal void Reset()
    {
        SubtypeRule = null;
        CertaintyRule = null;
        MissingFields = 0;
        WithheldWorkup = 0;
        alertsFired.Clear();
        workupFired.Clear();
        treatmentFired.Clear();
        treatmentAvoided.Clear();
        AlertFired.AsSpan().Clear();
        TreatmentFired.AsSpan().Clear();
        WorkupFired.AsSpan().Clear();
    }
}
