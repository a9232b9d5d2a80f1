using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
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

    private readonly Ruleset ruleset;
    private readonly FactExtractor extractor;

    // Per treatment rule, read from its action once: the option, whether its dose is by weight, its cautions.
    private readonly TreatmentAction[] treatments;
    private readonly bool[] weightDosed;
    private readonly KindDecisions[] cautions;

    private readonly KindDecisions subtypeKind;
    private readonly KindDecisions certaintyKind;
    private readonly KindDecisions alertKind;
    private readonly KindDecisions treatmentKind;
    private readonly KindDecisions workupKind;
    private readonly ClassificationScorer? classification;

    /// <param name="ruleset">The rules.</param>
    /// <param name="compile">False to walk every condition's tree (for tests that compare the two).</param>
    public Evaluator(Ruleset ruleset, bool compile = true)
    {
        this.ruleset = ruleset;
        extractor = new FactExtractor(ruleset.DefaultUlnFemale, ruleset.DefaultUlnOther);
        treatments = [.. ruleset.TreatmentRules.Select(rule => rule.Action)];
        weightDosed = [.. treatments.Select(t => t.Dose?.PerKgMin is not null)];
        var offeredSlot = SlotMask.Of(FactCatalog.TreatmentOffered);
        cautions = [.. treatments.Select(t => new KindDecisions([.. t.Cautions.Select(c => c.When)], offeredSlot, compile))];
        subtypeKind = new KindDecisions(Conditions(ruleset.SubtypeRules), SlotMask.Empty, compile, firstTrueEnds: true);
        certaintyKind = new KindDecisions(Conditions(ruleset.CertaintyRules), SlotMask.Empty, compile, firstTrueEnds: true);
        alertKind = new KindDecisions(Conditions(ruleset.AlertRules), SlotMask.Of(FactCatalog.AlertsRaised, FactCatalog.AlertsCritical), compile);
        treatmentKind = new KindDecisions(Conditions(ruleset.TreatmentRules), offeredSlot, compile);
        workupKind = new KindDecisions(Conditions(ruleset.WorkupRules), SlotMask.Of(FactCatalog.WorkupOutstanding), compile);
        classification = ruleset.Classification is { } criteria ? new ClassificationScorer(criteria, compile) : null;
    }

    public CaseDecisions CreateDecisions() => new(ruleset);

    private static Condition?[] Conditions(IEnumerable<Rule> rules) => [.. rules.Select(rule => rule.When)];

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
        for (var walk = kind.Walk(facts); walk.MoveNext();)
        {
            if (walk.IsTrue(ref missing))
            {
                return rules[walk.Index];
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
        for (var walk = alertKind.Walk(facts); walk.MoveNext();)
        {
            if (!walk.IsTrue(ref missing))
            {
                continue;
            }

            var i = walk.Index;
            var action = rules[i].Action;
            result.AlertRuleFired(i);
            raised |= 1UL << (int)action.Alert;
            critical |= action.Severity == AlertSeverity.Critical;
            facts.Set(FactCatalog.AlertsRaised, raised);
            facts.Set(FactCatalog.AlertsCritical, critical ? 1 : 0);
        }
    }

    private void EvaluateTreatment(CaseDecisions result, ref FieldMask missing)
    {
        var facts = result.Facts;
        var offered = 0UL;
        facts.Set(FactCatalog.TreatmentOffered, 0);
        for (var walk = treatmentKind.Walk(facts); walk.MoveNext();)
        {
            var i = walk.Index;
            var bit = 1UL << (int)treatments[i].Treatment;
            if ((offered & bit) != 0)
            {
                continue; // The first rule that offers an option decides its role.
            }

            if (!walk.IsTrue(ref missing))
            {
                continue;
            }

            result.TreatmentRuleFired(i);
            offered |= bit;
            facts.Set(FactCatalog.TreatmentOffered, offered);
            if (weightDosed[i] && !facts.IsKnown(FactCatalog.PatientWeightKg))
            {
                missing |= WeightField;
            }

            cautions[i].DecideEach(facts, result.CautionTruths[i], ref missing);
            result.CautionsDecided(i);
        }
    }

    private void EvaluateWorkup(CaseDecisions result, ref FieldMask missing)
    {
        var facts = result.Facts;
        var outstanding = 0UL;
        facts.Set(FactCatalog.WorkupOutstanding, 0);
        var rules = ruleset.WorkupRules;
        for (var walk = workupKind.Walk(facts); walk.MoveNext();)
        {
            if (!walk.IsTrue(ref missing))
            {
                continue;
            }

            result.WorkupRuleFired(walk.Index);
            var action = rules[walk.Index].Action;
            if (action.Status == WorkupStatus.Outstanding)
            {
                outstanding |= 1UL << (int)action.Item;
                facts.Set(FactCatalog.WorkupOutstanding, outstanding);
            }
        }
    }
}
