using System.Globalization;
using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Reports;

/// <summary>
/// One assessment as a report a clinician reads top-down: the summary, the alerts, the subtype and why (the rules
/// that decided, the facts they read, each rule's trace), the workup checklist, the treatment options with doses
/// and cautions, what is missing, and the sources as numbered, linked citations (<c>[1]</c> in the text is the
/// first reference). The one renderer behind <c>imnm explain</c> and the API's <c>text/markdown</c> and
/// <c>text/html</c> answers; the format only changes how it is spelled.
/// </summary>
public static class AssessmentReport
{
    private static readonly Lazy<string> Css = new(() =>
    {
        using var stream = typeof(AssessmentReport).Assembly.GetManifestResourceStream("ImnmDecision.Engine.Reports.report.css")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The report's styles (inline in every HTML report; the case page serves them too).</summary>
    public static string Stylesheet => Css.Value;

    /// <summary>Renders one assessment.</summary>
    public static string Render(Assessment assessment, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var output = new StringBuilder(16 * 1024);
        ReportSyntax syntax = format == ReportFormat.Html ? new HtmlSyntax(output) : new MarkdownSyntax(output);
        new Writer(assessment, syntax).Write();
        return output.ToString();
    }

    private sealed class Writer(Assessment assessment, ReportSyntax syntax)
    {
        private readonly Dictionary<string, int> numbers = NumberInReadingOrder(assessment);

        public void Write()
        {
            syntax.BeginDocument(assessment.CaseId is { } caseId ? $"IMNM decision support: case {ReportSyntax.Displayable(caseId)}" : "IMNM decision support");
            syntax.Paragraph("summary", Span.Plain(assessment.Summary));
            Alerts();
            Subtype();
            Classification();
            Workup();
            Treatment();
            Missing();
            References();
            syntax.Paragraph("footer", Span.Plain(assessment.Disclaimer + " Ruleset "), Span.Code(assessment.Ruleset.Tag), Span.Plain("."));
            syntax.EndDocument();
        }

        /// <summary>The 2017 EULAR/ACR classification beside the subtype: the figures in one line, then each item.</summary>
        private void Classification()
        {
            if (assessment.Classification?.EularAcr2017 is not { } c)
            {
                return;
            }

            syntax.Heading(2, "EULAR/ACR 2017 classification");
            var figures = string.Create(CultureInfo.InvariantCulture,
                $"score {c.Score:0.0#} ({(c.BiopsyIncluded ? "with" : "without")} biopsy), probability {c.Probability:0.0000}, at most {c.MaxProbability:0.0000} if every unknown item were met; subgroup ");
            syntax.Paragraph("classification", [Span.Plain(figures), Span.Code(JsonNames.Name(c.Subgroup.Code)), Span.Plain(", category "),
                Span.Code(JsonNames.Name(c.Category)), .. Cite(c.Citations ?? [])]);
            if (c.Comparison is { } comparison)
            {
                syntax.Paragraph("comparison", Span.Plain(comparison));
            }

            Items(c.Items, "classification-items", item => syntax.BeginItem(null, null,
                Span.Code(JsonNames.Name(item.Status)), Span.Plain(string.Create(CultureInfo.InvariantCulture, $" {item.Label ?? item.Id}: {item.Points:0.0#} points"))));
        }

        private void Alerts()
        {
            syntax.Heading(2, "Alerts");
            Items(assessment.Alerts, "alerts", alert =>
            {
                var severity = JsonNames.Name(alert.Severity);
                syntax.BeginItem($"alert alert-{severity}", null, [Span.Strong(severity.ToUpperInvariant()), Span.Plain(" " + alert.Message), .. Cite(alert.Citations)]);
                Trace(alert.RuleId, alert.Trace);
            });
        }

        private void Subtype()
        {
            var subtype = assessment.Subtype;
            syntax.Heading(2, "Subtype");
            syntax.Paragraph("subtype", Span.Strong(subtype.Label), Span.Plain(" "), Span.Code(JsonNames.Name(subtype.Code)),
                Span.Plain(", certainty "), Span.Code(JsonNames.Name(subtype.Certainty)));
            syntax.Heading(3, "Why");
            Items(subtype.Because, "because", reason =>
            {
                syntax.BeginItem(null, null, [Span.Plain(reason.Statement), .. Cite(reason.Citations)]);
                Details(reason.Facts.Count > 0 ? [[Span.Plain("facts: "), .. Facts(reason.Facts)]] : []);

                Trace(reason.RuleId, reason.Trace);
            });
        }

        private void Workup()
        {
            syntax.Heading(2, "Workup checklist");
            Items(assessment.Workup, "workup", item =>
            {
                var done = item.Status == WorkupStatus.Done;
                syntax.BeginItem(done ? "done" : null, null,
                    [Span.Check(done), Span.Strong(JsonNames.Name(item.Priority)), Span.Plain(" " + item.Label + " "), Span.Code(JsonNames.Name(item.Id)),
                     .. Cite(item.Citations), Span.Plain(": " + item.Reason)]);
                Details(Stratification(item));
                Trace(item.RuleId, item.Trace);
            });
        }

        /// <summary>A stratified item's category, the factors that set it or could raise it, its schedule and cautions.</summary>
        private Span[][] Stratification(WorkupItem item)
        {
            if (item.RiskCategory is not { } category)
            {
                return [.. (item.Cautions ?? []).Select(c => new[] { Span.Plain("caution: " + c) })];
            }

            return
            [
                [Span.Plain("risk category: "), Span.Strong(category), Span.Plain(" ("), Span.Code(item.RiskStratification ?? ""), Span.Plain(")")],
                .. (item.RiskFactors ?? []).Select(f => (Span[])[Span.Plain($"risk factor ({f.Tier}): {f.Label}"), .. Cite(f.Citations)]),
                .. (item.RiskFactorsCouldRaise ?? []).Select(f => (Span[])[Span.Plain($"not known, would raise it ({f.Tier}): {f.Label}"),
                    .. (f.Fields is { Count: > 0 } fields ? fields.SelectMany<string, Span>((field, i) => [Span.Plain(i == 0 ? "; tells: " : ", "), Span.Code(field)]) : []),
                    .. Cite(f.Citations)]),
                .. (item.Schedule ?? []).Select(step => new[] { Span.Plain("schedule: " + step.Text) }),
                .. (item.Cautions ?? []).Select(c => new[] { Span.Plain("caution: " + c) }),
            ];
        }

        private void Treatment()
        {
            syntax.Heading(2, "Treatment options");
            Items(assessment.Treatment, "treatment", option =>
            {
                var role = option.Avoid ? "AVOID" : JsonNames.Name(option.Role);
                syntax.BeginItem(option.Avoid ? "avoid" : null, null,
                    [Span.Strong(role), Span.Plain(" " + option.Label + " "), Span.Code(JsonNames.Name(option.Id)), .. Cite(option.Citations)]);
                var cautions = option.CautionTraces?.Select(c => c.Text) ?? option.Cautions;
                Details([.. (option.Dose is { } dose ? new[] { "dose: " + dose.Text } : []).Concat(cautions.Select(c => "caution: " + c)).Select(t => new[] { Span.Plain(t) })]);

                Trace(option.RuleId, option.Trace);
            });
        }

        private void Missing()
        {
            syntax.Heading(2, "Missing");
            Items(assessment.Missing, "missing", missing =>
                syntax.BeginItem(null, null, [Span.Code(missing.Field), Span.Plain(": " + missing.Why), .. Cite(missing.Citations)]));
        }

        private void References()
        {
            syntax.Heading(2, "Citations");
            if (assessment.Citations.Count == 0)
            {
                syntax.Paragraph("none", Span.Plain("(none)"));
                return;
            }

            syntax.BeginList(ordered: true, "references");
            foreach (var citation in assessment.Citations.OrderBy(c => numbers[c.Id]))
            {
                Span[] link = CitationText.SafeLink(citation.Url) is { } url ? [Span.Plain(" "), Span.Link(url)] : [];
                syntax.BeginItem(null, ReportSyntax.Anchor(numbers[citation.Id]),
                    [Span.Plain(CitationText.SourceWithYear(citation) + ". "), Span.Strong(CitationText.Title(citation)), Span.Plain("."), .. link]);
                syntax.EndItem();
            }

            syntax.EndList();
        }

        /// <summary>Citations numbered in the order the report first cites them (alerts come first, so their sources are [1], [2]...).</summary>
        private static Dictionary<string, int> NumberInReadingOrder(Assessment assessment)
        {
            var listed = assessment.Citations.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var order = assessment.Alerts.SelectMany(a => a.Citations)
                .Concat(assessment.Subtype.Because.SelectMany(b => b.Citations))
                .Concat(assessment.Classification?.EularAcr2017?.Citations ?? [])
                .Concat(assessment.Workup.SelectMany(w => w.Citations))
                .Concat(assessment.Treatment.SelectMany(t => t.Citations))
                .Concat(assessment.Missing.SelectMany(m => m.Citations ?? []))
                .Concat(listed)
                .Where(listed.Contains)
                .Distinct(StringComparer.Ordinal);
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var id in order)
            {
                numbers[id] = numbers.Count + 1;
            }

            return numbers;
        }

        /// <summary>An item's details as a nested list, one line each; nothing when there are none.</summary>
        private void Details(Span[][] lines)
        {
            if (lines.Length == 0)
            {
                return;
            }

            syntax.BeginList(ordered: false, "details");
            foreach (var line in lines)
            {
                syntax.BeginItem(null, null, line);
                syntax.EndItem();
            }

            syntax.EndList();
        }

        /// <summary>A titled list: one entry per item, or "(none)".</summary>
        private void Items<T>(IReadOnlyCollection<T> items, string role, Action<T> write)
        {
            if (items.Count == 0)
            {
                syntax.Paragraph("none", Span.Plain("(none)"));
                return;
            }

            syntax.BeginList(ordered: false, role);
            foreach (var item in items)
            {
                write(item);
                syntax.EndItem();
            }

            syntax.EndList();
        }

        private Span[] Cite(IEnumerable<string>? ids) =>
            ids is null ? [] : [.. ids.Distinct(StringComparer.Ordinal).Where(numbers.ContainsKey).SelectMany(id => new[] { Span.Plain(" "), Span.Cite(numbers[id]) })];

        private static IEnumerable<Span> Facts(IReadOnlyDictionary<string, object?> facts) =>
            facts.SelectMany((fact, i) => new[] { Span.Plain(i == 0 ? "" : ", "), Span.Code(fact.Key), Span.Plain(" = " + Show(fact.Value)) });

        private void Trace(string ruleId, ConditionTrace? trace)
        {
            if (trace is null)
            {
                return;
            }

            syntax.BeginTrace(ruleId);
            Node(trace);
            syntax.EndTrace();
        }

        /// <summary>One node as the rule is written: how it came out, then what it tested (a fact test shows what it expected and the value seen).</summary>
        private void Node(ConditionTrace trace)
        {
            var node = trace switch
            {
                { Fact: { } fact } => $"{fact} {trace.Op} {Show(trace.Value)}{(trace.Param is { } p ? $" ({p})" : "")}, seen {Show(trace.Actual)}",
                { All.Count: 0 } => "always",
                { All: not null } => "all of",
                { Any: not null } => "any of",
                { Not: not null } => "not",
                { Ref: { } name } => $"[{name}]",
                _ => "?",
            };
            syntax.BeginItem(null, null, Span.Code(JsonNames.Name(trace.Result)), Span.Plain(" " + node));
            var only = trace.Not ?? trace.When;
            var parts = trace.All ?? trace.Any ?? (only is null ? [] : [only]);
            if (parts.Count > 0)
            {
                syntax.BeginList(ordered: false, "trace");
                foreach (var part in parts)
                {
                    Node(part);
                }

                syntax.EndList();
            }

            syntax.EndItem();
        }

        private static string Show(JsonElement? value) => value switch
        {
            null or { ValueKind: JsonValueKind.Null } => "unknown",
            { ValueKind: JsonValueKind.String } v => v.GetString()!,
            { } v => v.GetRawText(),
        };

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
}
