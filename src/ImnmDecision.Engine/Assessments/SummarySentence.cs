using System.Text;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// The answer's first line: the subtype label and the certainty's phrase, the critical alerts by their short
/// names, then the next required step (an immediate treatment not to be avoided, else the first outstanding
/// required workup item). Every word comes from the ruleset (<see cref="SummaryWording"/> and the labels);
/// this class only joins them with punctuation.
/// </summary>
internal static class SummarySentence
{
    public static string Build(Ruleset ruleset, SubtypeResult subtype, IReadOnlyList<AlertItem> alerts, IReadOnlyList<WorkupItem> workup, IReadOnlyList<TreatmentOption> treatment)
    {
        var wording = ruleset.SummaryWording;
        var text = new StringBuilder(160).Append(subtype.Label);
        if (wording.Certainty.TryGetValue(subtype.Certainty, out var certainty) && certainty.Length > 0)
        {
            text.Append(", ").Append(certainty);
        }

        var first = true;
        foreach (var alert in alerts)
        {
            if (alert.Severity != AlertSeverity.Critical)
            {
                continue;
            }

            text.Append(first ? "; " + wording.Critical : ", ").Append(wording.Alerts[alert.Id]);
            first = false;
        }

        text.Append("; ").Append(NextStep(wording, workup, treatment)).Append('.');
        return text.ToString();
    }

    private static string NextStep(SummaryWording wording, IReadOnlyList<WorkupItem> workup, IReadOnlyList<TreatmentOption> treatment)
    {
        // The ruleset's first steps, in its order: an urgent option or evaluation comes before stopping a statin.
        foreach (var step in wording.FirstSteps)
        {
            foreach (var option in treatment)
            {
                if (option.RuleId == step && !option.Avoid)
                {
                    return wording.Next + option.Label;
                }
            }

            foreach (var item in workup)
            {
                if (item.RuleId == step && item.Priority == WorkupPriority.Required && item.Status == WorkupStatus.Outstanding)
                {
                    return wording.Next + item.Label;
                }
            }
        }

        foreach (var option in treatment)
        {
            if (option.Role == TreatmentRole.Immediate && !option.Avoid)
            {
                return wording.Next + option.Label;
            }
        }

        foreach (var item in workup)
        {
            if (item.Priority == WorkupPriority.Required && item.Status == WorkupStatus.Outstanding)
            {
                return wording.Next + item.Label;
            }
        }

        return wording.NothingRequired;
    }
}
