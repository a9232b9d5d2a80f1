using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Evaluation.Deciding;
using ImnmDecision.Engine.Classification;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// Runs the ruleset over one case in kind order: subtype (first rule that holds), certainty (likewise, for
/// graded subtypes), alerts, treatment, workup. Each kind's results become facts the later kinds may read.
/// A rule that cannot be decided, or that holds because something is absent, adds those fields to missing.
/// </summary>
internal sealed class Evaluator
{
    private static readonly FieldMask WeightField = InputField.Bit("patient.weightKg");
    private static readonly FieldMask HeightField = InputField.Bit("patient.heightCm");
    private static readonly FieldMask SexField = InputField.Bit("patient.sex");

    private readonly Ruleset ruleset;
    private readonly FactExtractor extractor;

    // Per treatment rule, read from its action once: the option, what its adult and child doses are computed
    // from (weight, height; sex through an adjusted body weight), whether it has a child's dose, whether its dose
    // can lack anything at all, its cautions, and its option's bit.
    private readonly TreatmentAction[] treatments;
    private readonly FieldMask[] adultDoseNeeds;
    private readonly FieldMask[] childDoseNeeds;
    private readonly AdjustedWeightRule?[] adultAdjustedWeight;
    private readonly AdjustedWeightRule?[] childAdjustedWeight;
    private readonly bool[] childDosed;
    private readonly bool[] dosed;
    private readonly ulong[] treatmentBits;
    private readonly KindDecisions[] cautions;

    private readonly KindDecisions subtypeKind;
    private readonly KindDecisions certaintyKind;
    private readonly KindDecisions alertKind;
    private readonly KindDecisions treatmentKind;
    private readonly KindDecisions workupKind;
    private readonly ClassificationScorer? classification;

    // Per workup rule with a risk stratification, its factors' conditions compiled together; null otherwise.
    private readonly KindDecisions?[] stratifiers;
    private readonly WorkupStep[] workupSteps;

    /// <param name="ruleset">The rules.</param>
    /// <param name="deciding">How conditions are decided ahead of the walk; the compiled variant unless a test or benchmark names another (see <see cref="EngineVariants"/>).</param>
    public Evaluator(Ruleset ruleset, IConditionDeciding? deciding = null)
    {
        this.ruleset = ruleset;
        extractor = new FactExtractor(ruleset.DefaultUlnFemale, ruleset.DefaultUlnOther, ruleset.CkTimesUlnThresholds, ruleset.CkTimesUlnComparisons) { ChildUnderYears = ruleset.ChildUnderYears };
        treatments = [.. ruleset.TreatmentRules.Select(rule => rule.Action)];
        adultDoseNeeds = [.. treatments.Select(t => Needs(t.Dose))];
        childDoseNeeds = [.. treatments.Select(t => Needs(t.Dose?.Child))];
        adultAdjustedWeight = [.. treatments.Select(t => t.Dose?.AdjustedWeight)];
        childAdjustedWeight = [.. treatments.Select(t => t.Dose?.Child?.AdjustedWeight)];
        childDosed = [.. treatments.Select(t => t.Dose?.Child is not null)];
        dosed = [.. treatments.Select((t, i) => childDosed[i] || adultDoseNeeds[i] != FieldMask.Zero || adultAdjustedWeight[i] is not null)];
        treatmentBits = [.. treatments.Select(t => 1UL << (int)t.Treatment)];
        var compile = deciding ?? EngineVariants.Fast.Deciding;
        var offeredSlot = SlotMask.Of(FactCatalog.TreatmentOffered);
        cautions = [.. treatments.Select(t => new KindDecisions([.. t.Cautions.Select(c => c.When)], offeredSlot, compile))];
        subtypeKind = new KindDecisions(Conditions(ruleset.SubtypeRules), SlotMask.Empty, compile, firstTrueEnds: true);
        certaintyKind = new KindDecisions(Conditions(ruleset.CertaintyRules), SlotMask.Empty, compile, firstTrueEnds: true);
        alertKind = new KindDecisions(Conditions(ruleset.AlertRules), SlotMask.Of(FactCatalog.AlertsRaised, FactCatalog.AlertsCritical), compile);
        treatmentKind = new KindDecisions(Conditions(ruleset.TreatmentRules), offeredSlot, compile);
        workupKind = new KindDecisions(Conditions(ruleset.WorkupRules), SlotMask.Of(FactCatalog.WorkupOutstanding), compile);
        stratifiers = [.. ruleset.WorkupRules.Select(r => r.Action.Stratification is { } s ? RiskStratifier.Compile(s, compile) : null)];
        workupSteps = WorkupStep.Of(ruleset.WorkupRules, ruleset.AnswerOrder.WorkupRank);
        classification = ruleset.Classification is { } criteria ? new ClassificationScorer(criteria, compile) : null;
    }

    public CaseDecisions CreateDecisions() => new(ruleset);

    private static Condition?[] Conditions(IEnumerable<Rule> rules) => [.. rules.Select(rule => rule.When)];

    /// <summary>The fields a dose's amount is computed from: weight for per-kg and per-m2, height for per-m2 and adjusted weight.</summary>
    private static FieldMask Needs(DoseSpec? dose) => dose?.Amount?.Basis switch
    {
        DoseBasis.PerKg => WeightField | (dose.AdjustedWeight is null ? 0 : HeightField),
        DoseBasis.PerM2 => WeightField | HeightField,
        _ => 0,
    };

    public void Evaluate(FindingValues findings, CaseDecisions result)
    {
        result.Reset();
        var facts = result.Facts;
        extractor.Extract(findings, facts);
        var missing = facts.AssumedFields;

        var subtype = FirstThatHolds(subtypeKind, ruleset.SubtypeRules, facts, ref missing);
        var subtypeAction = subtype?.Action;
        result.SubtypeRule = subtype;
        result.Subtype = subtypeAction?.Code ?? SubtypeCode.InsufficientData;
        facts.Set(FactCatalog.SubtypeCodeSlot, (int)result.Subtype);

        if (subtypeAction is { IsGraded: true })
        {
            var certainty = FirstThatHolds(certaintyKind, ruleset.CertaintyRules, facts, ref missing);
            result.CertaintyRule = certainty;
            result.Certainty = certainty?.Action.Certainty ?? Certainty.Possible;
        }
        else
        {
            result.Certainty = subtypeAction?.FixedCertainty ?? Certainty.NotApplicable;
        }

        facts.Set(FactCatalog.SubtypeCertainty, (int)result.Certainty);
        EvaluateAlerts(result, ref missing);
        EvaluateTreatment(result, ref missing);
        EvaluateWorkup(result, ref missing);
        result.MissingFields = missing;

        // Scored beside the subtype, which it never changes; its unknown items are its own, not the answer's missing list.
        classification?.Score(facts, result.Subtype, result.Classification!);
    }

    private static Rule<TAction>? FirstThatHolds<TAction>(KindDecisions kind, Rule<TAction>[] rules, FactSet facts, ref FieldMask missing)
        where TAction : RuleAction
    {
        for (var chunk = 0; chunk < kind.Chunks; chunk++)
        {
            var decisions = kind.Decide(chunk, facts);
            for (var visit = kind.ToVisit(chunk, decisions); visit != 0; visit &= visit - 1)
            {
                var i = KindDecisions.IndexOf(chunk, visit);
                if (kind.IsTrue(decisions, i, facts, ref missing))
                {
                    return rules[i];
                }
            }
        }

        return null;
    }

    private void EvaluateAlerts(CaseDecisions result, ref FieldMask missing)
    {
        var facts = result.Facts;
        var raised = 0UL;
        var critical = false;
        facts.Set(FactCatalog.AlertsRaised, 0);
        facts.Set(FactCatalog.AlertsCritical, 0);
        var rules = ruleset.AlertRules;
        for (var chunk = 0; chunk < alertKind.Chunks; chunk++)
        {
            var decisions = alertKind.Decide(chunk, facts);
            for (var visit = alertKind.ToVisit(chunk, decisions); visit != 0; visit &= visit - 1)
            {
                var i = KindDecisions.IndexOf(chunk, visit);
                if (!alertKind.IsTrue(decisions, i, facts, ref missing))
                {
                    continue;
                }

                var action = rules[i].Action;
                result.AlertRuleFired(i);
                raised |= 1UL << (int)action.Alert;
                critical |= action.Severity == AlertSeverity.Critical;
                facts.Set(FactCatalog.AlertsRaised, raised);
                facts.Set(FactCatalog.AlertsCritical, critical ? 1 : 0);
            }
        }
    }

    private void EvaluateTreatment(CaseDecisions result, ref FieldMask missing)
    {
        var facts = result.Facts;
        var offered = 0UL;
        facts.Set(FactCatalog.TreatmentOffered, 0);
        for (var chunk = 0; chunk < treatmentKind.Chunks; chunk++)
        {
            var decisions = treatmentKind.Decide(chunk, facts);
            for (var visit = treatmentKind.ToVisit(chunk, decisions); visit != 0; visit &= visit - 1)
            {
                var i = KindDecisions.IndexOf(chunk, visit);
                var bit = treatmentBits[i];
                if ((offered & bit) != 0)
                {
                    continue; // The first rule that offers an option decides its role.
                }

                if (!treatmentKind.IsTrue(decisions, i, facts, ref missing))
                {
                    continue;
                }

                result.TreatmentRuleFired(i);
                offered |= bit;
                facts.Set(FactCatalog.TreatmentOffered, offered);
                if (dosed[i])
                {
                    missing |= DoseMissing(i, facts);
                }

                cautions[i].DecideEach(facts, result.CautionTruths[i], ref missing);
                result.CautionsDecided(i);
            }
        }
    }

    /// <summary>
    /// The fields the option's dose for this patient lacks: the age when a child's dose exists, weight, height, and
    /// the sex when an adjusted body weight goes by the ideal weight, which differs by sex (the lower figure stands
    /// in for a sex not recorded, so the dose could change with it).
    /// </summary>
    private FieldMask DoseMissing(int rule, FactSet facts)
    {
        var needs = adultDoseNeeds[rule];
        var adjusted = adultAdjustedWeight[rule];
        var lacking = FieldMask.Zero;
        if (childDosed[rule])
        {
            if (!facts.IsKnown(FactCatalog.PatientChild))
            {
                lacking |= facts.UnknownSources(FactCatalog.PatientChild);
            }
            else if (facts[FactCatalog.PatientChild] == 1)
            {
                needs = childDoseNeeds[rule];
                adjusted = childAdjustedWeight[rule];
            }
        }

        var weightKnown = facts.IsKnown(FactCatalog.PatientWeightKg);
        var heightKnown = facts.IsKnown(FactCatalog.PatientHeightCm);
        if ((needs & WeightField) != FieldMask.Zero && !weightKnown)
        {
            lacking |= WeightField;
        }

        if ((needs & HeightField) != FieldMask.Zero && !heightKnown)
        {
            lacking |= HeightField;
        }

        if (adjusted is not null && weightKnown && heightKnown && !SexKnown(facts)
            && adjusted.UsesIdealWeight(facts[FactCatalog.PatientWeightKg], facts[FactCatalog.PatientHeightCm]))
        {
            lacking |= SexField;
        }

        return lacking;
    }

    /// <summary>Whether the sex is recorded as one the ideal body weight formula reads (not absent, not <c>unknown</c>).</summary>
    private static bool SexKnown(FactSet facts) =>
        facts.IsKnown(FactCatalog.PatientSex) && (int)facts[FactCatalog.PatientSex] != (int)Sex.Unknown;

    /// <summary>
    /// The workup rules in order. An item is listed once, by the first rule that fired in the answer order; a rule
    /// whose item an earlier rule in the walk already lists ahead of it (and already outstanding, when this one would
    /// make it so) can change nothing, so what it would need is not missing (like the fields a withheld item would need).
    /// </summary>
    private void EvaluateWorkup(CaseDecisions result, ref FieldMask missing)
    {
        var facts = result.Facts;
        var outstanding = 0UL;
        facts.Set(FactCatalog.WorkupOutstanding, 0);
        var withheld = 0UL;
        var listed = 0UL; // the items a rule that fired lists; for each, listedAt holds that rule's best answer-order rank
        var listedAt = result.WorkupListedAt;
        for (var chunk = 0; chunk < workupKind.Chunks; chunk++)
        {
            var decisions = workupKind.Decide(chunk, facts);
            for (var visit = workupKind.ToVisit(chunk, decisions); visit != 0; visit &= visit - 1)
            {
                var i = KindDecisions.IndexOf(chunk, visit);
                ref readonly var step = ref workupSteps[i];
                var item = 1UL << step.Item;
                if (step.Plain)
                {
                    // Nothing shadows or withholds it, and no later rule asks whether it is listed.
                    if (workupKind.IsTrue(decisions, i, facts, ref missing))
                    {
                        result.WorkupRuleFired(i);
                        if (step.MakesOutstanding)
                        {
                            outstanding |= item;
                            facts.Set(FactCatalog.WorkupOutstanding, outstanding);
                        }
                    }

                    continue;
                }

                if ((withheld & item) != 0)
                {
                    continue; // A withheld item is listed by no later rule, and what it would need is not missing.
                }

                // Only a rule after another rule of its item that ranks ahead of it can be shadowed; the others add
                // what they need to missing directly.
                var shadowed = step.MayBeShadowed && (listed & item) != 0 && listedAt[step.Item] < step.Rank
                    && ((outstanding & item) != 0 || !step.MakesOutstanding);
                bool holds;
                if (step.MayBeShadowed)
                {
                    var needs = missing;
                    holds = workupKind.IsTrue(decisions, i, facts, ref needs);
                    missing = shadowed ? missing : needs;
                }
                else
                {
                    holds = workupKind.IsTrue(decisions, i, facts, ref missing);
                }

                if (!holds)
                {
                    continue;
                }

                if (step.Withhold)
                {
                    withheld |= item;
                    result.WorkupWithheld(i, (WorkupId)step.Item);
                    continue;
                }

                result.WorkupRuleFired(i);
                listedAt[step.Item] = (listed & item) == 0 ? step.Rank : Math.Min(listedAt[step.Item], step.Rank);
                listed |= item;
                if (step.Stratified && result.Stratifications[i] is { } stratification)
                {
                    var needs = missing;
                    RiskStratifier.Decide(stratification, stratifiers[i]!, facts, ref needs);
                    missing = shadowed ? missing : needs;
                }

                if (step.MakesOutstanding)
                {
                    outstanding |= item;
                    facts.Set(FactCatalog.WorkupOutstanding, outstanding);
                }
            }
        }
    }

    /// <summary>
    /// What the workup walk needs of one rule, read from its action once: its item, the item's rank in the answer
    /// order, what the rule does, whether an earlier rule of its item that lists it ranks ahead of it (only then
    /// can it be shadowed), and whether it is plain: it neither withholds nor stratifies, cannot be shadowed, no
    /// earlier rule of its item withholds, and no later one can be shadowed (so none asks whether it is listed).
    /// </summary>
    private readonly record struct WorkupStep(int Item, int Rank, bool Withhold, bool MakesOutstanding, bool Stratified, bool MayBeShadowed, bool Plain)
    {
        public static WorkupStep[] Of(Rule<WorkupAction>[] rules, int[] rank)
        {
            var actions = rules.Select(r => r.Action).ToArray();
            var sameItemBefore = (int i) => Enumerable.Range(0, i).Where(j => actions[j].Item == actions[i].Item);
            var mayBeShadowed = actions.Select((a, i) => !a.Withhold && sameItemBefore(i).Any(j => !actions[j].Withhold && rank[j] < rank[i])).ToArray();
            var tracked = actions.Select((a, i) => Enumerable.Range(i + 1, actions.Length - i - 1).Any(k => actions[k].Item == a.Item && mayBeShadowed[k])).ToArray();
            return [.. actions.Select((a, i) => new WorkupStep(
                (int)a.Item, rank[i], a.Withhold, a.Status == WorkupStatus.Outstanding, a.Stratification is not null, mayBeShadowed[i],
                Plain: !a.Withhold && a.Stratification is null && !mayBeShadowed[i] && !tracked[i] && !sameItemBefore(i).Any(j => actions[j].Withhold)))];
        }
    }
}
