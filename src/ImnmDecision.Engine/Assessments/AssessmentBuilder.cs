using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// Turns a case's decisions into the answer: items from the rules that fired, in the ruleset's answer order
/// (<see cref="AnswerOrder"/>: alerts by severity, workup by priority, treatment by role, then file order), and
/// exactly the citations used.
/// </summary>
internal static class AssessmentBuilder
{
    public static Assessment Build(CaseDecisions decisions, Findings findings, Guid assessmentId)
    {
        var ruleset = decisions.Ruleset;
        var cited = new CitationCollector();
        var because = BuildBecause(decisions, cited);
        var alerts = BuildAlerts(decisions, cited);
        var treatment = BuildTreatment(decisions, cited);
        var workup = BuildWorkup(decisions, cited);
        var missing = BuildMissing(decisions, cited);
        var classification = decisions.Classification is { } scored ? ClassificationBuilder.Build(scored, cited) : null;
        return new Assessment
        {
            AssessmentId = assessmentId,
            CaseId = findings.CaseId,
            Ruleset = ruleset.Identity,
            Subtype = new SubtypeResult
            {
                Code = decisions.Subtype,
                Label = ruleset.SubtypeLabels[decisions.Subtype],
                Certainty = decisions.Certainty,
                Because = because,
            },
            Alerts = alerts,
            Workup = workup,
            Treatment = treatment,
            Missing = missing,
            Classification = classification is null ? null : new Classifications { EularAcr2017 = classification },
            Citations = [.. cited.Ids.Select(id => ToEntry(ruleset.FindCitation(id)!))],
            Disclaimer = ruleset.Disclaimer,
        };
    }

    private static List<Reason> BuildBecause(CaseDecisions decisions, CitationCollector cited)
    {
        var reasons = new List<Reason>(2);
        foreach (var rule in new Rule?[] { decisions.SubtypeRule, decisions.CertaintyRule })
        {
            if (rule is null)
            {
                continue;
            }

            var facts = new Dictionary<string, object?>(rule.FactsRead.Count, StringComparer.Ordinal);
            foreach (var fact in rule.FactsRead)
            {
                facts[fact.Name] = FactCatalog.Display(fact, decisions.Facts[fact.Slot]);
            }

            reasons.Add(new Reason
            {
                RuleId = rule.Id,
                Statement = rule.Rationale,
                Facts = facts,
                Citations = cited.Add(rule.Citations),
                Trace = rule.When.Trace(decisions.Facts),
            });
        }

        return reasons;
    }

    private static List<AlertItem> BuildAlerts(CaseDecisions decisions, CitationCollector cited)
    {
        var rules = decisions.Ruleset.AlertRules;
        return [.. decisions.Ruleset.AnswerOrder.Alerts
            .Where(i => decisions.AlertFired[i])
            .Select(i => new AlertItem
            {
                Id = rules[i].Action.Alert,
                Severity = rules[i].Action.Severity,
                Message = rules[i].Action.Message,
                RuleId = rules[i].Id,
                Citations = cited.Add(rules[i].Citations),
                Trace = rules[i].When.Trace(decisions.Facts),
            })];
    }

    private static List<WorkupItem> BuildWorkup(CaseDecisions decisions, CitationCollector cited)
    {
        var ruleset = decisions.Ruleset;
        var rules = ruleset.WorkupRules;

        // An item listed by several rules is listed once, by the first of them in the answer order.
        var listed = new HashSet<WorkupId>();
        var listing = ruleset.AnswerOrder.Workup.Where(i => decisions.WorkupFired[i] && listed.Add(rules[i].Action.Item)).ToHashSet();
        return [.. ruleset.AnswerOrder.WorkupListing
            .Where(listing.Contains)
            .Select(i => new WorkupItem
            {
                Id = rules[i].Action.Item,
                Label = ruleset.WorkupLabels[rules[i].Action.Item],
                Priority = rules[i].Action.Priority,
                Status = rules[i].Action.Status,
                Reason = rules[i].Action.Reason,
                RuleId = rules[i].Id,
                Citations = cited.Add(rules[i].Citations),
                Trace = rules[i].When.Trace(decisions.Facts),
            })];
    }

    private static List<TreatmentOption> BuildTreatment(CaseDecisions decisions, CitationCollector cited)
    {
        var ruleset = decisions.Ruleset;
        var facts = decisions.Facts;
        return [.. ruleset.AnswerOrder.Treatment
            .Where(i => decisions.TreatmentFired[i])
            .Select(i => BuildOption(ruleset, ruleset.TreatmentRules[i], decisions.CautionTruths[i], facts, cited))];
    }

    private static TreatmentOption BuildOption(Ruleset ruleset, Rule<TreatmentAction> rule, Truth[] cautionTruths, FactSet facts, CitationCollector cited)
    {
        double? weight = facts.IsKnown(FactCatalog.PatientWeightKg) ? facts[FactCatalog.PatientWeightKg] : null;
        var cautionTraces = new List<CautionTrace>();
        var action = rule.Action;
        var cautions = new List<string>();
        var citations = new List<string>(rule.Citations);
        var avoid = false;
        for (var c = 0; c < action.Cautions.Count; c++)
        {
            var caution = action.Cautions[c];
            var truth = cautionTruths[c];
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
            cautionTraces.Add(new CautionTrace { Text = text, Trace = caution.When?.Trace(facts) });
            citations.AddRange(caution.Citations);
            avoid |= caution.Avoid && truth == Truth.True;
        }

        return new TreatmentOption
        {
            Id = action.Treatment,
            Label = ruleset.TreatmentLabels[action.Treatment],
            Role = action.Role,
            Dose = action.Dose is null ? null : DoseFormatter.Format(action.Dose, weight),
            Cautions = cautions,
            Avoid = avoid,
            RuleId = rule.Id,
            Citations = cited.Add(citations.Distinct(StringComparer.Ordinal)),
            Trace = rule.When.Trace(facts),
            CautionTraces = cautionTraces,
        };
    }

    private static List<MissingItem> BuildMissing(CaseDecisions decisions, CitationCollector cited)
    {
        var ruleset = decisions.Ruleset;
        var assumed = decisions.Facts.AssumedFields;
        return [.. InputField.PathsOf(decisions.MissingFields).Select(field => new MissingItem
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
}
