using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Classification;
using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Writes batch results as UTF-8 straight into a buffer: one row per case, in input order, then the summary.
/// Rows carry the caseId as sent and never any other finding.
/// </summary>
internal abstract class ResultWriter(IBufferWriter<byte> output) : IDisposable
{
    /// <summary>Room asked for per row before its classification; that part is at most about 3 KB (every id of every list, a 64-character caseId).</summary>
    protected const int RowBytes = 4096;

    /// <summary>The field paths of the missing mask, by bit.</summary>
    protected static readonly byte[][] MissingNames = [.. InputField.All.Select(Encoding.UTF8.GetBytes)];

    protected IBufferWriter<byte> Output { get; } = output;

    /// <summary>Whether the next row is the first of the answer (a JSON array puts no comma before it).</summary>
    public bool AtFirstRow { get; set; } = true;

    /// <summary>A writer for a format; <paramref name="rawCsv"/> turns off the CSV formula guard.</summary>
    public static ResultWriter Create(BatchFormat format, IBufferWriter<byte> output, bool rawCsv = false) => format switch
    {
        BatchFormat.Csv => new CsvResultWriter(output, rawCsv),
        BatchFormat.Ndjson => new JsonResultWriter(output, asArray: false),
        _ => new JsonResultWriter(output, asArray: true),
    };

    /// <summary>Writes what comes before the first row (a CSV header, the array's bracket).</summary>
    public abstract void WriteStart();

    /// <summary>How this format writes a row's answer.</summary>
    protected abstract AnswerSyntax Syntax { get; }

    /// <summary>Writes a scored row: its start (line and caseId) in the format's way, then its answer in the format's syntax.</summary>
    [MethodImpl(PerRow.Optimized)]
    public void WriteResult(long line, string? caseId, CaseDecisions evaluation)
    {
        var classification = evaluation.Classification;
        if (classification is not null && (columns is null || !columns.IsFor(classification.Criteria)))
        {
            columns = new ClassificationColumns(classification.Criteria);
        }

        var span = Output.GetSpan(RowBytes + (classification is null ? 0 : ClassificationBytes(columns!)));
        var p = 0;
        WriteRowStart(span, ref p, line, caseId);
        WriteAnswer(span, ref p, evaluation, Syntax);
        WriteClassification(span, ref p, classification is null ? null : columns, classification);
        Syntax.End.Write(span, ref p);
        Output.Advance(p);
    }

    /// <summary>The most bytes this format writes for a row's classification (a CSV row needs four short cells, JSON the object).</summary>
    protected abstract int ClassificationBytes(ClassificationColumns columns);

    /// <summary>The classification's columns or object, encoded for the criteria of the rows written (built at the first row).</summary>
    private ClassificationColumns? columns;

    /// <summary>
    /// Writes what follows the missing list and comes before <see cref="AnswerSyntax.End"/>: the classification in
    /// the format's way (nothing of it when the ruleset has none).
    /// </summary>
    protected abstract void WriteClassification(Span<byte> span, ref int p, ClassificationColumns? columns, ClassificationDecisions? classification);

    /// <summary>Writes what a scored row starts with: its line and caseId.</summary>
    protected abstract void WriteRowStart(Span<byte> span, ref int p, long line, string? caseId);

    /// <summary>Writes a row that could not be scored.</summary>
    public abstract void WriteError(long line, string? caseId, BatchProblem problem);

    /// <summary>Writes the summary and whatever closes the answer.</summary>
    public abstract void WriteSummary(BatchSummary summary);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Writes the answer part of a row: subtype, certainty, then the lists, in the format's syntax.</summary>
    [MethodImpl(PerRow.Optimized)]
    private static void WriteAnswer(Span<byte> span, ref int p, CaseDecisions evaluation, AnswerSyntax syntax)
    {
        var lists = new Lists
        {
            Alerts = stackalloc AlertId[CaseDecisions.MaxAlerts],
            Workup = stackalloc WorkupId[CaseDecisions.MaxWorkup],
            Treatment = stackalloc TreatmentId[CaseDecisions.MaxTreatment],
            Avoid = stackalloc bool[CaseDecisions.MaxTreatment],
        };
        Lists.Fill(evaluation, ref lists);

        syntax.BeforeSubtype.Write(span, ref p);
        syntax.SubtypeNames[(int)evaluation.Subtype].Write(span, ref p);
        syntax.BeforeCertainty.Write(span, ref p);
        syntax.CertaintyNames[(int)evaluation.Certainty].Write(span, ref p);
        syntax.BeforeAlerts.Write(span, ref p);
        for (var i = 0; i < lists.Alerts.Length; i++)
        {
            syntax.Separate(span, ref p, i);
            syntax.AlertNames[(int)lists.Alerts[i]].Write(span, ref p);
        }

        syntax.BeforeWorkup.Write(span, ref p);
        for (var i = 0; i < lists.Workup.Length; i++)
        {
            syntax.Separate(span, ref p, i);
            syntax.WorkupNames[(int)lists.Workup[i]].Write(span, ref p);
        }

        syntax.BeforeTreatment.Write(span, ref p);
        for (var i = 0; i < lists.Treatment.Length; i++)
        {
            syntax.Separate(span, ref p, i);
            syntax.TreatmentNames[(int)lists.Treatment[i]].Write(span, ref p);
        }

        syntax.BeforeAvoid.Write(span, ref p);
        for (int i = 0, n = 0; i < lists.Treatment.Length; i++)
        {
            if (lists.Avoid[i])
            {
                syntax.Separate(span, ref p, n++);
                syntax.TreatmentNames[(int)lists.Treatment[i]].Write(span, ref p);
            }
        }

        syntax.BeforeMissing.Write(span, ref p);
        var missing = evaluation.MissingFields;
        for (var n = 0; missing != 0; n++)
        {
            var bit = (int)FieldMask.TrailingZeroCount(missing);
            missing &= missing - 1;
            syntax.Separate(span, ref p, n);
            syntax.MissingNames[bit].Write(span, ref p);
        }
    }

    /// <summary>
    /// How a format writes a row's answer: what comes before each field (a list's text closes the one before it),
    /// the names of the values, the separator of list items, and what ends the row.
    /// </summary>
    protected sealed class AnswerSyntax(Func<byte[], byte[]> name)
    {
        public required PaddedUtf8 BeforeSubtype { get; init; }

        public required PaddedUtf8 BeforeCertainty { get; init; }

        public required PaddedUtf8 BeforeAlerts { get; init; }

        public required PaddedUtf8 BeforeWorkup { get; init; }

        public required PaddedUtf8 BeforeTreatment { get; init; }

        public required PaddedUtf8 BeforeAvoid { get; init; }

        public required PaddedUtf8 BeforeMissing { get; init; }

        public required PaddedUtf8 End { get; init; }

        public required byte ItemSeparator { get; init; }

        public PaddedUtf8[] SubtypeNames { get; } = Padded(Utf8Names<SubtypeCode>.Names, name);

        public PaddedUtf8[] CertaintyNames { get; } = Padded(Utf8Names<Certainty>.Names, name);

        public PaddedUtf8[] AlertNames { get; } = Padded(Utf8Names<AlertId>.Names, name);

        public PaddedUtf8[] WorkupNames { get; } = Padded(Utf8Names<WorkupId>.Names, name);

        public PaddedUtf8[] TreatmentNames { get; } = Padded(Utf8Names<TreatmentId>.Names, name);

        public PaddedUtf8[] MissingNames { get; } = Padded(ResultWriter.MissingNames, name);

        private static PaddedUtf8[] Padded(IEnumerable<byte[]> names, Func<byte[], byte[]> name) => [.. names.Select(text => new PaddedUtf8(name(text)))];

        public void Separate(Span<byte> span, ref int p, int index)
        {
            if (index > 0)
            {
                span[p++] = ItemSeparator;
            }
        }
    }

    /// <summary>The ids a result row lists, read from the evaluation without allocating.</summary>
    protected ref struct Lists
    {
        public Span<AlertId> Alerts;
        public Span<WorkupId> Workup;
        public Span<TreatmentId> Treatment;
        public Span<bool> Avoid;
        public int AvoidCount;

        [MethodImpl(PerRow.Optimized)]
        public static void Fill(CaseDecisions evaluation, ref Lists lists)
        {
            lists.Alerts = lists.Alerts[..evaluation.CopyAlerts(lists.Alerts)];
            lists.Workup = lists.Workup[..evaluation.CopyOutstandingWorkup(lists.Workup)];
            var treatments = evaluation.CopyTreatment(lists.Treatment, lists.Avoid);
            lists.Treatment = lists.Treatment[..treatments];
            lists.Avoid = lists.Avoid[..treatments];
            lists.AvoidCount = lists.Avoid.Count(true);
        }
    }
}
