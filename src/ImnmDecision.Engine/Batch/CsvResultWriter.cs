using System.Buffers;
using System.Globalization;
using System.Text;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Results as CSV (RFC 4180, CRLF): <c>line,caseId,subtype,certainty,alerts,workup,treatment,avoid,missing,error</c>;
/// lists separated by <c>;</c>; <c>error</c> holds <c>path: message</c> pairs separated by <c>; </c>. The last
/// row is the summary: <c>line</c> empty, <c>caseId</c> <c>#summary</c>, and in <c>subtype</c> the counts as
/// <c>key=value</c> pairs separated by <c>;</c> (rows, scored, failed, truncated, ruleset, sha256, then one per subtype code).
/// </summary>
internal sealed class CsvResultWriter(IBufferWriter<byte> output) : ResultWriter(output)
{
    /// <summary>The header of the answer.</summary>
    public const string Header = "line,caseId,subtype,certainty,alerts,workup,treatment,avoid,missing,error";

    /// <summary>The caseId of the summary row.</summary>
    public const string SummaryCaseId = "#summary";

    private static readonly byte[][] SubtypeNames = Utf8Names<SubtypeCode>.Names;
    private static readonly byte[][] CertaintyNames = Utf8Names<Certainty>.Names;
    private static readonly byte[][] AlertNames = Utf8Names<AlertId>.Names;
    private static readonly byte[][] WorkupNames = Utf8Names<WorkupId>.Names;
    private static readonly byte[][] TreatmentNames = Utf8Names<TreatmentId>.Names;

    public override void WriteStart() => WriteText(Header + "\r\n");

    public override void WriteResult(long line, string? caseId, Evaluation.Evaluation evaluation)
    {
        var lists = new Lists
        {
            Alerts = stackalloc AlertId[Evaluation.Evaluation.MaxAlerts],
            Workup = stackalloc WorkupId[Evaluation.Evaluation.MaxWorkup],
            Treatment = stackalloc TreatmentId[Evaluation.Evaluation.MaxTreatment],
            Avoid = stackalloc bool[Evaluation.Evaluation.MaxTreatment],
        };
        Lists.Fill(evaluation, ref lists);

        var span = Output.GetSpan(RowBytes);
        var p = 0;
        Utf8Text.Write(span, ref p, line);
        span[p++] = (byte)',';
        if (caseId is not null)
        {
            Utf8Text.WriteCsvCell(span, ref p, caseId);
        }

        span[p++] = (byte)',';
        Utf8Text.Write(span, ref p, SubtypeNames[(int)evaluation.Subtype]);
        span[p++] = (byte)',';
        Utf8Text.Write(span, ref p, CertaintyNames[(int)evaluation.Certainty]);
        span[p++] = (byte)',';
        for (var i = 0; i < lists.Alerts.Length; i++)
        {
            Separator(span, ref p, i);
            Utf8Text.Write(span, ref p, AlertNames[(int)lists.Alerts[i]]);
        }

        span[p++] = (byte)',';
        for (var i = 0; i < lists.Workup.Length; i++)
        {
            Separator(span, ref p, i);
            Utf8Text.Write(span, ref p, WorkupNames[(int)lists.Workup[i]]);
        }

        span[p++] = (byte)',';
        for (var i = 0; i < lists.Treatment.Length; i++)
        {
            Separator(span, ref p, i);
            Utf8Text.Write(span, ref p, TreatmentNames[(int)lists.Treatment[i]]);
        }

        span[p++] = (byte)',';
        for (int i = 0, n = 0; i < lists.Treatment.Length; i++)
        {
            if (lists.Avoid[i])
            {
                Separator(span, ref p, n++);
                Utf8Text.Write(span, ref p, TreatmentNames[(int)lists.Treatment[i]]);
            }
        }

        span[p++] = (byte)',';
        var missing = evaluation.MissingFields;
        for (var n = 0; missing != 0; n++)
        {
            var bit = System.Numerics.BitOperations.TrailingZeroCount(missing);
            missing &= missing - 1;
            Separator(span, ref p, n);
            Utf8Text.Write(span, ref p, MissingNames[bit]);
        }

        Utf8Text.Write(span, ref p, ",\r\n"u8);
        Output.Advance(p);
    }

    public override void WriteError(long line, string? caseId, BatchProblem problem)
    {
        var text = new StringBuilder();
        text.Append(line.ToString(CultureInfo.InvariantCulture)).Append(',');
        if (caseId is not null)
        {
            text.Append(Cell(caseId));
        }

        text.Append(",,,,,,,,");
        text.Append(Cell(ErrorText(problem))).Append("\r\n");
        WriteText(text.ToString());
    }

    public override void WriteSummary(BatchSummary summary)
    {
        var counts = new StringBuilder();
        counts.Append(CultureInfo.InvariantCulture, $"rows={summary.Rows};scored={summary.Scored};failed={summary.Failed};");
        counts.Append(CultureInfo.InvariantCulture, $"truncated={(summary.Truncated ? "true" : "false")};");
        counts.Append(CultureInfo.InvariantCulture, $"ruleset={summary.Ruleset.Tag};sha256={summary.Ruleset.Sha256}");
        foreach (var (code, count) in summary.Subtypes)
        {
            counts.Append(CultureInfo.InvariantCulture, $";{code}={count}");
        }

        WriteText($",{SummaryCaseId},{Cell(counts.ToString())},,,,,,,\r\n");
    }

    /// <summary>The text of the <c>error</c> cell: every message with its path, or the detail when there are none.</summary>
    public static string ErrorText(BatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Errors is not { Count: > 0 } errors)
        {
            return problem.Detail ?? problem.Title;
        }

        return string.Join("; ", errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")));
    }

    private static string Cell(string text) =>
        Utf8Text.NeedsCsvQuotes(text) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    private static void Separator(Span<byte> span, ref int p, int index)
    {
        if (index > 0)
        {
            span[p++] = (byte)';';
        }
    }

    private void WriteText(string text)
    {
        var span = Output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
