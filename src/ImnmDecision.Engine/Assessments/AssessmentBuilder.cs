using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// Turns an evaluation into the answer: items from the rules that fired, in the contract's order (alerts by
/// severity, workup by priority, treatment by role, then file order), and exactly the citations used.
/// </summary>
internal static class AssessmentBuilder
{
    public static Assessment Build(Evaluation.Evaluation evaluation, Findings findings, Guid assessmentId)
    {
        var ruleset = evaluation.Ruleset;
        var cited = new CitationCollector();
        var because = BuildBecause(evaluation, cited);
        var alerts = BuildAlerts(evaluation, cited);
        var treatment = BuildTreatment(evaluation, cited);
        var workup = BuildWorkup(evaluation, cited);
        var missing = BuildMissing(evaluation, cited);
        return new Assessment
        {
            AssessmentId = assessmentId,
            CaseId = findings.CaseId,
            Ruleset = ruleset.Identity,
            Subtype = new SubtypeResult
            {
                Code = evaluation.Subtype,
                Label = ruleset.SubtypeLabels[evaluation.Subtype],
                Certainty = evaluation.Certainty,
                Because = because,
            },
            Alerts = alerts,
            Workup = workup,
            Treatment = treatment,
            Missing = missing,
            Citations = [.. cited.Ids.Select(id => ToEntry(ruleset.FindCitation(id)!))],
            Disclaimer = ruleset.Disclaimer,
        };
    }

    private static List<Reason> BuildBecause(Evaluation.Evaluation evaluation, CitationCollector cited)
    {
        var reasons = new List<Reason>(2);
        foreach (var rule in new[] { evaluation.SubtypeRule, evaluation.CertaintyRule })
        {
            if (rule is null)
            {
                continue;
            }

            var facts = new Dictionary<string, object?>(rule.FactsRead.Count, StringComparer.Ordinal);
            foreach (var fact in rule.FactsRead)
            {
                facts[fact.Name] = FactCatalog.Display(fact, evaluation.Facts[fact.Slot]);
            }

            reasons.Add(new Reason { RuleId = rule.Id, Statement = rule.Rationale, Facts = facts, Citations = cited.Add(rule.Citations) });
        }

        return reasons;
    }

    private static List<AlertItem> BuildAlerts(Evaluation.Evaluation evaluation, CitationCollector cited)
    {
        var rules = evaluation.Ruleset.AlertRules;
        return [.. Enumerable.Range(0, rules.Length)
            .Where(i => evaluation.AlertFired[i])
            .Select(i => (Rule: rules[i], Action: (AlertAction)rules[i].Then))
            .OrderBy(a => a.Action.Severity)
            .ThenBy(a => a.Rule.Order)
            .Select(a => new AlertItem
            {
                Id = a.Action.Alert,
                Severity = a.Action.Severity,
                Message = a.Action.Message,
                RuleId = a.Rule.Id,
                Citations = cited.Add(a.Rule.Citations),
            })];
    }

    private static List<WorkupItem> BuildWorkup(Evaluation.Evaluation evaluation, CitationCollector cited)
    {
        var ruleset = evaluation.Ruleset;
        var rules = ruleset.WorkupRules;
        return [.. Enumerable.Range(0, rules.Length)
            .Where(i => evaluation.WorkupFired[i])
            .Select(i => (Rule: rules[i], Action: (WorkupAction)rules[i].Then))
            .GroupBy(w => w.Action.Item)
            .Select(g => g.OrderBy(w => w.Action.Priority).ThenBy(w => w.Rule.Order).First())
            .OrderBy(w => w.Action.Priority)
            .ThenBy(w => w.Action.Status)
            .ThenBy(w => w.Rule.Order)
            .Select(w => new WorkupItem
            {
                Id = w.Action.Item,
                Label = ruleset.WorkupLabels[w.Action.Item],
                Priority = w.Action.Priority,
                Status = w.Action.Status,
                Reason = w.Action.Reason,
                RuleId = w.Rule.Id,
                Citations = cited.Add(w.Rule.Citations),
            })];
    }

    private static List<TreatmentOption> BuildTreatment(Evaluation.Evaluation evaluation, CitationCollector cited)
    {
        var ruleset = evaluation.Ruleset;
        var rules = ruleset.TreatmentRules;
        var facts = evaluation.Facts;
        double? weight = facts.IsKnown(FactCatalog.PatientWeightKg) ? facts[FactCatalog.PatientWeightKg] : null;
        var options = new List<(TreatmentOption Option, int Order)>();
        for (var i = 0; i < rules.Length; i++)
        {
            if (!evaluation.TreatmentFired[i])
            {
                continue;
            }

            var rule = rules[i];
            var action = (TreatmentAction)rule.Then;
            var cautions = new List<string>();
            var citations = new List<string>(rule.Citations);
            var avoid = false;
            for (var c = 0; c < action.Cautions.Count; c++)
            {
                var caution = action.Cautions[c];
                var truth = evaluation.CautionTruths[i][c];
                var text = truth switch
                {
                    Truth.True => caution.Text,
                    Truth.Unknown => caution.UnknownText,
                    _ => null,
                };
                if (text is null)
                {
                    continue;
                }

                cautions.Add(text);
                citations.AddRange(caution.Citations);
                avoid |= caution.Avoid && truth == Truth.True;
            }

            var option = new TreatmentOption
            {
                Id = action.Treatment,
                Label = ruleset.TreatmentLabels[action.Treatment],
                Role = action.Role,
                Dose = action.Dose is null ? null : DoseFormatter.Format(action.Dose, weight),
                Cautions = cautions,
                Avoid = avoid,
                RuleId = rule.Id,
                Citations = cited.Add(citations.Distinct(StringComparer.Ordinal)),
            };
            options.Add((option, rule.Order));
        }

        return [.. options.OrderBy(o => o.Option.Role).ThenBy(o => o.Order).Select(o => o.Option)];
    }

    private static List<MissingItem> BuildMissing(Evaluation.Evaluation evaluation, CitationCollector cited)
    {
        var ruleset = evaluation.Ruleset;
        var assumed = evaluation.Facts.AssumedFields;
        return [.. InputField.PathsOf(evaluation.MissingFields).Select(field => new MissingItem
        {
            Field = field,
            Why = ruleset.MissingReasons[field],
            Citations = (assumed & InputField.Bit(field)) != 0 && ruleset.AssumptionCitations.TryGetValue(field, out var ids)
                ? cited.Add(ids)
                : null,
        })];
    }

    private static CitationEntry ToEntry(Citation citation) => new()
    {
        Id = citation.Id,
        Title = citation.Title,
        Source = $"{citation.Authors}. {citation.Container}",
        Year = citation.Year,
        Url = citation.Url ?? (citation.Doi is null ? null : $"https://doi.org/{citation.Doi}"),
        Kind = citation.Kind,
    };

    private sealed class CitationCollector
    {
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public List<string> Ids { get; } = [];

        public List<string> Add(IEnumerable<string> ids)
        {
            var list = ids.ToList();
            foreach (var id in list.Where(seen.Add))
            {
                Ids.Add(id);
            }

            return list;
        }
    }
}
