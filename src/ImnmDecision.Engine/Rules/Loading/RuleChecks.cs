using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// Checks across rules, once every rule is read: ids are unique, subtype and certainty each end with a rule
/// that always holds, and no rule reads a fact before the kinds that decide it have run.
/// </summary>
internal static class RuleChecks
{
    public static void Check(IReadOnlyList<Rule> rules, List<RulesetError> errors)
    {
        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var second = duplicate.Skip(1).First();
            errors.Add(new RulesetError(second.File, "$.rules", $"duplicate rule id '{duplicate.Key}' (also in {duplicate.First().File})"));
        }

        CheckAlways(rules, RuleKind.Subtype, errors);
        CheckAlways(rules, RuleKind.Certainty, errors);
        foreach (var rule in rules)
        {
            CheckPhases(rule, rules, errors);
        }
    }

    private static void CheckAlways(IReadOnlyList<Rule> rules, RuleKind kind, List<RulesetError> errors)
    {
        var last = rules.LastOrDefault(r => r.Kind == kind);
        if (last is null)
        {
            errors.Add(new RulesetError(RulesetLoader.RulesetFile, "$.ruleFiles", $"no {JsonNames.Name(kind)} rule is defined"));
        }
        else if (last.When is not AllCondition { Parts.Count: 0 })
        {
            errors.Add(new RulesetError(last.File, "$.rules", $"the last {JsonNames.Name(kind)} rule ('{last.Id}') must always hold (\"when\": {{ \"all\": [] }}), so every case gets an answer"));
        }
    }

    /// <summary>A rule may read what earlier kinds decided, and within its own kind only what rules before it decided.</summary>
    private static void CheckPhases(Rule rule, IReadOnlyList<Rule> rules, List<RulesetError> errors)
    {
        var own = PhaseOf(rule.Kind);
        var leaves = ConditionLeaves.Of(rule.When).ToList();
        if (rule.Then is TreatmentAction treatment)
        {
            leaves.AddRange(treatment.Cautions.Select(c => c.When).OfType<Condition>().SelectMany(ConditionLeaves.Of));
        }

        if (rule.Then is WorkupAction { Stratification: { } stratification })
        {
            leaves.AddRange(stratification.Conditions.SelectMany(ConditionLeaves.Of));
        }

        foreach (var leaf in leaves.Where(l => l.Fact.Phase > own || (l.Fact.Phase == own && own != FactPhase.Findings && !ProducedEarlier(rule, l, rules))))
        {
            errors.Add(new RulesetError(rule.File, "$.rules", $"rule '{rule.Id}' reads '{leaf.Fact.Name}' before it is decided ({JsonNames.Name(rule.Kind)} rules run before it is complete)"));
        }
    }

    private static bool ProducedEarlier(Rule rule, LeafCondition leaf, IReadOnlyList<Rule> rules)
    {
        if (leaf.Op is not (LeafOperator.Contains or LeafOperator.ContainsAny))
        {
            return false;
        }

        var members = leaf.Fact.Values.Where((_, i) => leaf.ValueText.Contains(leaf.Fact.Values[i], StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var producers = rules.Where(r => r.Kind == rule.Kind && members.Contains(ProducedId(r.Then)));
        return producers.All(p => p.Order < rule.Order);
    }

    private static string ProducedId(RuleAction action) => action switch
    {
        AlertAction a => JsonNames.Name(a.Alert),
        TreatmentAction t => JsonNames.Name(t.Treatment),
        WorkupAction w => JsonNames.Name(w.Item),
        _ => string.Empty,
    };

    private static FactPhase PhaseOf(RuleKind kind) => kind switch
    {
        RuleKind.Subtype => FactPhase.Findings,
        RuleKind.Certainty => FactPhase.Subtype,
        RuleKind.Alert => FactPhase.Alert,
        RuleKind.Treatment => FactPhase.Treatment,
        _ => FactPhase.Workup,
    };
}
