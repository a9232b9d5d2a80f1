using System.Runtime.CompilerServices;
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
    /// <summary>Each cited source as the answer lists it, made once per citation of the ruleset.</summary>
    private static readonly ConditionalWeakTable<Citation, CitationEntry> Entries = new();

    private static readonly ConditionalWeakTable<Citation, CitationEntry>.CreateValueCallback NewEntry = ToEntry;

    /// <summary>Each missing field's item, by its ruleset reason (without and with the assumption's citations).</summary>
    private static readonly ConditionalWeakTable<string, MissingItem?[]> MissingItems = new();

    public static Assessment Build(CaseDecisions decisions, Findings findings, Guid assessmentId)
    {
        var ruleset = decisions.Ruleset;
        var cited = new CitationCollector(ruleset.Citations.Count);
        var traced = TraceSource.Snapshot(decisions.Facts);
        var because = BuildBecause(decisions, traced, cited);
        var treatment = BuildTreatment(decisions, traced, cited);
        var alerts = BuildAlerts(decisions, traced, treatment, cited);
        var workup = BuildWorkup(decisions, traced, cited);
        var missing = BuildMissing(decisions, cited);
        var subtype = new SubtypeResult
        {
            Code = decisions.Subtype,
            Label = ruleset.SubtypeLabels[decisions.Subtype],
            Certainty = decisions.Certainty,
            Because = because,
        };
        var classification = decisions.Classification is { } scored ? ClassificationBuilder.Build(scored, cited) : null;
        return new Assessment
        {
            AssessmentId = assessmentId,
            CaseId = findings.CaseId,
            Summary = SummarySentence.Build(ruleset, subtype, alerts, workup, treatment),
            Alerts = alerts,
            Subtype = subtype,
            Workup = workup,
            Treatment = treatment,
            Missing = missing,
            Classification = classification is null ? null : new Classifications { EularAcr2017 = classification },
            Citations = [.. cited.Ids.Select(id => Entries.GetValue(ruleset.FindCitation(id)!, NewEntry))],
            Ruleset = ruleset.Identity,
            Disclaimer = ruleset.Disclaimer,
        };
    }

    private static List<Reason> BuildBecause(CaseDecisions decisions, FactSet traced, CitationCollector cited)
    {
        var reasons = new List<Reason>(2);
        var workupRules = decisions.Ruleset.WorkupRules;

        // The deciding subtype and certainty rules, then why a workup item is deliberately not listed.
        var withheld = workupRules.Where((r, i) => r.Action.Withhold && decisions.WorkupFired[i]).Select(r => ((Rule)r, r.Action.Reason));
        foreach (var (rule, statement) in new Rule?[] { decisions.SubtypeRule, decisions.CertaintyRule }.OfType<Rule>().Select(r => (r, r.Rationale)).Concat(withheld))
        {
            reasons.Add(new Reason
            {
                RuleId = rule.Id,
                Statement = statement,
                Facts = FactsOf(rule.FactsRead, decisions.Facts),
                Citations = cited.Add(rule.Citations),
                Traced = new(new TraceSource(rule.When, traced)),
            });
        }

        // Readings of the findings a clinician should see (an antibody read as another kind), when they hold.
        foreach (var condition in decisions.Ruleset.Conditions)
        {
            if (condition.Explains && condition.When.Evaluate(decisions.Facts).Truth == Truth.True)
            {
                reasons.Add(new Reason
                {
                    RuleId = $"condition.{condition.Name}",
                    Statement = condition.Rationale,
                    Facts = FactsOf(condition.FactsRead, decisions.Facts),
                    Citations = cited.Add(condition.Citations),
                    Traced = new(new TraceSource(condition.When, traced)),
                });
            }
        }

        return reasons;
    }

    private static Dictionary<string, object?> FactsOf(IReadOnlyList<FactDefinition> read, FactSet values)
    {
        var facts = new Dictionary<string, object?>(read.Count, StringComparer.Ordinal);
        foreach (var fact in read)
        {
            facts[fact.Name] = FactCatalog.Display(fact, values[fact.Slot]);
        }

        return facts;
    }

    private static List<AlertItem> BuildAlerts(CaseDecisions decisions, FactSet traced, List<TreatmentOption> treatment, CitationCollector cited)
    {
        var rules = decisions.Ruleset.AlertRules;
        var alerts = new List<AlertItem>();
        foreach (var i in decisions.Ruleset.AnswerOrder.Alerts)
        {
            if (!decisions.AlertFired[i])
            {
                continue;
            }

            var rule = rules[i];
            alerts.Add(new AlertItem
            {
                Id = rule.Action.Alert,
                Severity = rule.Action.Severity,
                Message = rule.Action.Treatment is { } sentence ? sentence.Finish(rule.Action.Message, id => treatment.Exists(t => t.Id == id && !t.Avoid)) : rule.Action.Message,
                RuleId = rule.Id,
                Citations = cited.Add(rule.Citations),
                Traced = new(new TraceSource(rule.When, traced)),
            });
        }

        return alerts;
    }

    private static List<WorkupItem> BuildWorkup(CaseDecisions decisions, FactSet traced, CitationCollector cited)
    {
        var ruleset = decisions.Ruleset;
        var rules = ruleset.WorkupRules;

        // An item listed by several rules is listed once, by the first of them in the answer order.
        Span<bool> listing = stackalloc bool[rules.Length];
        var listed = 0UL;
        foreach (var i in ruleset.AnswerOrder.Workup)
        {
            var action = rules[i].Action;
            var bit = 1UL << (int)action.Item;
            if (decisions.WorkupFired[i] && !action.Withhold && (decisions.WithheldWorkup & bit) == 0 && (listed & bit) == 0)
            {
                listed |= bit;
                listing[i] = true;
            }
        }

        var workup = new List<WorkupItem>();
        foreach (var i in ruleset.AnswerOrder.WorkupListing)
        {
            if (!listing[i])
            {
                continue;
            }

            var rule = rules[i];
            workup.Add(StratifiedWorkup.WithStratification(new WorkupItem
            {
                Id = rule.Action.Item,
                Label = ruleset.WorkupLabels[rule.Action.Item],
                Priority = rule.Action.Priority,
                Status = rule.Action.Status,
                Reason = rule.Action.Reason,
                RuleId = rule.Id,
                Citations = cited.Add(rule.Citations),
                Traced = new(new TraceSource(rule.When, traced)),
            }, decisions.Stratifications[i], cited));
        }

        return workup;
    }

    private static List<TreatmentOption> BuildTreatment(CaseDecisions decisions, FactSet traced, CitationCollector cited)
    {
        var ruleset = decisions.Ruleset;
        var facts = decisions.Facts;
        var treatment = new List<TreatmentOption>();
        foreach (var i in ruleset.AnswerOrder.Treatment)
        {
            if (decisions.TreatmentFired[i])
            {
                treatment.Add(BuildOption(ruleset, ruleset.TreatmentRules[i], decisions.CautionTruths[i], facts, traced, cited));
            }
        }

        return treatment;
    }

    private static TreatmentOption BuildOption(Ruleset ruleset, Rule<TreatmentAction> rule, Truth[] cautionTruths, FactSet facts, FactSet traced, CitationCollector cited)
    {
        var patient = new DosePatient(
            Known(facts, FactCatalog.PatientWeightKg),
            Known(facts, FactCatalog.PatientHeightCm),
            Known(facts, FactCatalog.BodySurfaceArea),
            Known(facts, FactCatalog.PatientChild) is { } child ? child == 1 : null,
            Known(facts, FactCatalog.PatientSex) is { } sex && (int)sex == (int)Sex.Male);
        var action = rule.Action;
        List<CautionTrace>? cautionTraces = null;
        List<string>? cautions = null;
        List<string>? citations = null;
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

            (cautions ??= []).Add(text);
            (cautionTraces ??= []).Add(new CautionTrace { Text = text, Traced = new(caution.When is { } when ? new TraceSource(when, traced) : null) });
            if (caution.Citations.Count > 0)
            {
                (citations ??= [.. rule.Citations]).AddRange(caution.Citations);
            }

            avoid |= caution.Avoid && truth == Truth.True;
        }

        return new TreatmentOption
        {
            Id = action.Treatment,
            Label = ruleset.TreatmentLabels[action.Treatment],
            Role = action.Role,
            Dose = action.Dose is null ? null : DoseFormatter.Format(action.Dose, patient),
            Cautions = (IReadOnlyList<string>?)cautions ?? [],
            Avoid = avoid,
            RuleId = rule.Id,
            Citations = cited.AddDistinct((IReadOnlyList<string>?)citations ?? rule.Citations),
            Traced = new(new TraceSource(rule.When, traced)),
            CautionTraces = (IReadOnlyList<CautionTrace>?)cautionTraces ?? [],
        };
    }

    private static double? Known(FactSet facts, int slot) => facts.IsKnown(slot) ? facts[slot] : null;

    private static List<MissingItem> BuildMissing(CaseDecisions decisions, CitationCollector cited)
    {
        var ruleset = decisions.Ruleset;
        var assumed = decisions.Facts.AssumedFields;
        var missing = new List<MissingItem>();
        foreach (var field in InputField.PathsOf(decisions.MissingFields))
        {
            var why = ruleset.MissingReasons[field];
            var citations = (assumed & InputField.Bit(field)) != 0 && ruleset.AssumptionCitations.TryGetValue(field, out var ids) ? cited.Add(ids) : null;

            // The same for every case that misses the field (with or without the assumption's citations): made once.
            var made = MissingItems.GetValue(why, static _ => new MissingItem?[2]);
            var slot = citations is null ? 0 : 1;
            if (made[slot] is not { } item || !ReferenceEquals(item.Field, field) || !ReferenceEquals(item.Citations, citations))
            {
                made[slot] = item = new MissingItem { Field = field, Why = why, Citations = citations };
            }

            missing.Add(item);
        }

        return missing;
    }

    private static CitationEntry ToEntry(Citation citation) => new()
    {
        Id = citation.Id,
        Title = citation.Title,
        Source = CitationText.Source(citation.Authors, citation.Container),
        Year = citation.Year,
        Url = citation.Url ?? (citation.Doi is null ? null : $"https://doi.org/{citation.Doi}"),
        Kind = citation.Kind,
    };
}
