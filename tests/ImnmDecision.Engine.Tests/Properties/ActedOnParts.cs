using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Tests.Properties;

/// <summary>
/// The parts of an answer a clinician acts on, each as one string so that two answers compare as sets: the
/// subtype code, the certainty, each alert id, each workup item with its priority and status, each treatment
/// option with its role and avoid mark, and each dose text. <see cref="Details"/> holds what only qualifies
/// them (cautions, a risk category, the reason a workup item gives), which the over-listing report uses to tell "changes nothing" apart.
/// </summary>
internal static class ActedOnParts
{
    public static HashSet<string> Of(Assessment answer)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal)
        {
            "subtype " + JsonNames.Name(answer.Subtype.Code),
            "certainty " + JsonNames.Name(answer.Subtype.Certainty),
        };
        parts.UnionWith(answer.Alerts.Select(a => "alert " + JsonNames.Name(a.Id)));
        parts.UnionWith(answer.Workup.Select(w => $"workup {JsonNames.Name(w.Id)} {JsonNames.Name(w.Priority)} {JsonNames.Name(w.Status)}"));
        foreach (var option in answer.Treatment)
        {
            var id = JsonNames.Name(option.Id);
            parts.Add($"treatment {id} {JsonNames.Name(option.Role)}{(option.Avoid ? " avoid" : string.Empty)}");
            if (option.Dose is { } dose)
            {
                parts.Add($"dose {id}: {dose.Text}");
            }
        }

        return parts;
    }

    public static HashSet<string> Details(Assessment answer)
    {
        var details = new HashSet<string>(StringComparer.Ordinal);
        details.UnionWith(answer.Treatment.SelectMany(t => t.Cautions.Select(c => $"caution {JsonNames.Name(t.Id)}: {c}")));
        details.UnionWith(answer.Workup.Where(w => w.RiskCategory is not null).Select(w => $"risk {JsonNames.Name(w.Id)} {w.RiskCategory}"));
        details.UnionWith(answer.Workup.SelectMany(w => (w.Cautions ?? []).Select(c => $"caution {JsonNames.Name(w.Id)}: {c}")));
        details.UnionWith(answer.Workup.Select(w => $"reason {JsonNames.Name(w.Id)}: {w.Reason}"));
        return details;
    }

    /// <summary>What one set has that the other lacks, for messages: <c>-old +new</c>.</summary>
    public static string Difference(HashSet<string> before, HashSet<string> after) =>
        string.Join("; ", before.Except(after).Order(StringComparer.Ordinal).Select(p => "-" + p)
            .Concat(after.Except(before).Order(StringComparer.Ordinal).Select(p => "+" + p)));
}
