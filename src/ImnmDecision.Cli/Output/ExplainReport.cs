using System.Globalization;
using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Cli.Output;

/// <summary>
/// One assessment as a plain-text report for a clinician or a reviewer: the subtype and why (the rules that
/// decided, the facts they read and each rule's trace), alerts, the workup checklist, treatment options, what is missing, and
/// the sources as numbered citations ([1] in the text is the first source listed at the end).
/// </summary>
internal static class ExplainReport
{
    public static string Render(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var numbers = assessment.Citations.Select((c, i) => (c.Id, Number: i + 1)).ToDictionary(p => p.Id, p => p.Number, StringComparer.Ordinal);
        string Cite(IEnumerable<string>? ids) =>
            ids is null ? "" : string.Concat(ids.Distinct(StringComparer.Ordinal).Select(id => numbers.TryGetValue(id, out var n) ? $" [{n}]" : ""));

        var text = new StringBuilder();
        var subtype = assessment.Subtype;
        text.AppendLine(assessment.CaseId is { } caseId ? $"IMNM decision support: case {caseId}" : "IMNM decision support");
        text.AppendLine($"Ruleset {assessment.Ruleset.Tag}");
        text.AppendLine();
        text.AppendLine($"SUBTYPE    {subtype.Label} ({JsonNames.Name(subtype.Code)})");
        text.AppendLine($"CERTAINTY  {JsonNames.Name(subtype.Certainty)}");
        text.AppendLine();
        text.AppendLine("WHY");
        foreach (var reason in subtype.Because)
        {
            text.AppendLine($"  - {reason.Statement}{Cite(reason.Citations)}");
            text.AppendLine($"    rule {reason.RuleId}");
            if (reason.Facts.Count > 0)
            {
                text.AppendLine($"    facts: {string.Join(", ", reason.Facts.Select(f => $"{f.Key} = {Show(f.Value)}"))}");
            }

            TraceText.Append(text, reason.Trace, "    ");
        }

        if (subtype.Because.Count == 0)
        {
            text.AppendLine("  - No rule classified this case.");
        }

        Section(text, "ALERTS", assessment.Alerts, alert =>
        {
            text.AppendLine($"  ! {JsonNames.Name(alert.Severity).ToUpperInvariant(),-8} {JsonNames.Name(alert.Id)}: {alert.Message}{Cite(alert.Citations)}");
            TraceText.Append(text, alert.Trace, "      ");
        });
        Section(text, "WORKUP CHECKLIST", assessment.Workup, item =>
        {
            var box = item.Status == WorkupStatus.Done ? "[x]" : "[ ]";
            text.AppendLine($"  {box} {JsonNames.Name(item.Priority),-11} {item.Label} ({JsonNames.Name(item.Id)}){Cite(item.Citations)}");
            text.AppendLine($"      {item.Reason}");
            TraceText.Append(text, item.Trace, "      ");
        });
        Section(text, "TREATMENT OPTIONS", assessment.Treatment, option =>
        {
            var role = option.Avoid ? "AVOID" : JsonNames.Name(option.Role);
            text.AppendLine($"  - {role,-17} {option.Label} ({JsonNames.Name(option.Id)}){Cite(option.Citations)}");
            if (option.Dose is { } dose)
            {
                text.AppendLine($"      dose: {dose.Text}");
            }

            TraceText.Append(text, option.Trace, "      ");
            foreach (var caution in option.CautionTraces ?? [.. option.Cautions.Select(c => new CautionTrace { Text = c })])
            {
                text.AppendLine($"      caution: {caution.Text}");
                TraceText.Append(text, caution.Trace, "        ");
            }
        });
        Section(text, "MISSING", assessment.Missing, missing => text.AppendLine($"  - {missing.Field}: {missing.Why}{Cite(missing.Citations)}"));
        ClassificationText.Append(text, assessment.Classification?.EularAcr2017, Cite);
        Section(text, "CITATIONS", assessment.Citations, citation =>
        {
            var source = citation.Source.Replace("..", ".", StringComparison.Ordinal).TrimEnd('.');
            var year = citation.Year is { } y && !source.Contains(y.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $" ({y})")
                : "";
            text.AppendLine($"  [{numbers[citation.Id]}] {citation.Title}. {source}{year}.{(citation.Url is { } url ? " " + url : "")}");
        });
        text.AppendLine();
        text.AppendLine(assessment.Disclaimer);
        return text.ToString();
    }

    /// <summary>A titled section: one entry per item, or "(none)".</summary>
    private static void Section<T>(StringBuilder text, string title, IReadOnlyCollection<T> items, Action<T> write)
    {
        text.AppendLine();
        text.AppendLine(title);
        foreach (var item in items)
        {
            write(item);
        }

        if (items.Count == 0)
        {
            text.AppendLine("  (none)");
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "unknown",
        bool b => b ? "true" : "false",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        string s => s,
        IEnumerable<string> list => $"[{string.Join(", ", list)}]",
        _ => JsonSerializer.Serialize(value, ImnmJson.Options),
    };
}
