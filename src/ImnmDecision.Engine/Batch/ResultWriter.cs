using System.Buffers;
using System.Text;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Writes batch results as UTF-8 straight into a buffer: one row per case, in input order, then the summary.
/// Rows carry the caseId as sent and never any other finding.
/// </summary>
internal abstract class ResultWriter(IBufferWriter<byte> output) : IDisposable
{
    /// <summary>Room asked for per row; a row is at most about 3 KB (every id of every list, a 64-character caseId).</summary>
    protected const int RowBytes = 4096;

    /// <summary>The field paths of the missing mask, by bit.</summary>
    protected static readonly byte[][] MissingNames = [.. InputField.All.Select(Encoding.UTF8.GetBytes)];

    protected IBufferWriter<byte> Output { get; } = output;

    /// <summary>Whether the next row is the first of the answer (a JSON array puts no comma before it).</summary>
    public bool AtFirstRow { get; set; } = true;

    public static ResultWriter Create(BatchFormat format, IBufferWriter<byte> output) => format switch
    {
        BatchFormat.Csv => new CsvResultWriter(output),
        BatchFormat.Ndjson => new JsonResultWriter(output, asArray: false),
        _ => new JsonResultWriter(output, asArray: true),
    };

    /// <summary>Writes what comes before the first row (a CSV header, the array's bracket).</summary>
    public abstract void WriteStart();

    /// <summary>Writes a scored row.</summary>
    public abstract void WriteResult(long line, string? caseId, Evaluation.Evaluation evaluation);

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

    /// <summary>The ids a result row lists, read from the evaluation without allocating.</summary>
    protected ref struct Lists
    {
        public Span<AlertId> Alerts;
        public Span<WorkupId> Workup;
        public Span<TreatmentId> Treatment;
        public Span<bool> Avoid;
        public int AvoidCount;

        public static void Fill(Evaluation.Evaluation evaluation, ref Lists lists)
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
