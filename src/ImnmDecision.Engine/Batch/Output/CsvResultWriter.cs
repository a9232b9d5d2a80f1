using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ImnmDecision.Engine.Classification;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Results as CSV (RFC 4180, CRLF): <c>line,caseId,subtype,certainty,alerts,workup,treatment,avoid,missing,error</c>, then the
/// 2017 EULAR/ACR classification's <c>eularAcr.probability,eularAcr.category,eularAcr.subgroup,eularAcr.maxProbability</c>
/// (empty on error and summary rows);
/// lists separated by <c>;</c>; <c>error</c> holds <c>path: message</c> pairs separated by <c>; </c>. The last
/// row is the summary: <c>line</c> empty, <c>caseId</c> <c>#summary</c>, and in <c>subtype</c> the counts as
/// <c>key=value</c> pairs separated by <c>;</c> (rows, scored, failed, truncated, aborted, ruleset, sha256, then one per
/// subtype code), and in <c>error</c> the reason when the batch was aborted. Safe to open in a spreadsheet: a
/// cell that would be read as a formula (it starts with =, +, -, @, a tab or a carriage return and is not a
/// number) is prefixed with <c>'</c>, unless <c>raw</c> asks for the bytes as sent.
/// </summary>
internal sealed class CsvResultWriter(IBufferWriter<byte> output, bool raw) : ResultWriter(output)
{
    /// <summary>The header of the answer.</summary>
    public const string Header = "line,caseId,subtype,certainty,alerts,workup,treatment,avoid,missing,error," + ClassificationColumns.CsvHeader;

    /// <summary>The caseId of the summary row.</summary>
    public const string SummaryCaseId = "#summary";

    private static readonly AnswerSyntax Csv = new(name => name)
    {
        BeforeSubtype = ","u8.ToArray(),
        BeforeCertainty = ","u8.ToArray(),
        BeforeAlerts = ","u8.ToArray(),
        BeforeWorkup = ","u8.ToArray(),
        BeforeTreatment = ","u8.ToArray(),
        BeforeAvoid = ","u8.ToArray(),
        BeforeMissing = ","u8.ToArray(),
        End = "\r\n"u8.ToArray(),
        ItemSeparator = (byte)';',
    };

    protected override AnswerSyntax Syntax => Csv;

    public override void WriteStart() => WriteText(Header + "\r\n");

    [MethodImpl(PerRow.Optimized)]
    protected override void WriteRowStart(Span<byte> span, ref int p, long line, string? caseId)
    {
        Utf8Text.Write(span, ref p, line);
        span[p++] = (byte)',';
        if (caseId is not null)
        {
            Utf8Text.WriteCsvCell(span, ref p, caseId, raw);
        }
    }

    /// <summary>Two commas, two numbers of at most about 25 characters, two names.</summary>
    protected override int ClassificationBytes(ClassificationColumns columns) => 128;

    /// <summary>The error cell (empty on a scored row), then the classification's four cells (empty without one).</summary>
    [MethodImpl(PerRow.Optimized)]
    protected override void WriteClassification(Span<byte> span, ref int p, ClassificationColumns? columns, ClassificationDecisions? classification)
    {
        span[p++] = (byte)',';
        span[p++] = (byte)',';
        if (classification is null)
        {
            Utf8Text.Write(span, ref p, ",,,"u8);
            return;
        }

        columns!.WriteCsv(span, ref p, classification);
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
        text.Append(Cell(ErrorText(problem))).Append(",,,,\r\n");
        WriteText(text.ToString());
    }

    public override void WriteSummary(BatchSummary summary)
    {
        var counts = new StringBuilder();
        counts.Append(CultureInfo.InvariantCulture, $"rows={summary.Rows};scored={summary.Scored};failed={summary.Failed};");
        counts.Append(CultureInfo.InvariantCulture, $"truncated={(summary.Truncated ? "true" : "false")};");
        counts.Append(CultureInfo.InvariantCulture, $"aborted={(summary.Aborted ? "true" : "false")};");
        counts.Append(CultureInfo.InvariantCulture, $"ruleset={summary.Ruleset.Tag};sha256={summary.Ruleset.Sha256}");
        foreach (var (code, count) in summary.Subtypes)
        {
            counts.Append(CultureInfo.InvariantCulture, $";{code}={count}");
        }

        WriteText($",{SummaryCaseId},{Cell(counts.ToString())},,,,,,,{Cell(summary.AbortReason ?? string.Empty)},,,,\r\n");
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

    private string Cell(string text) => Utf8Text.CsvCell(text, raw);

    private void WriteText(string text)
    {
        var span = Output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
