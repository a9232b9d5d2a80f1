using System.IO.Pipelines;
using System.Threading.Channels;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Scores a batch as a stream, in three kinds of stage that run side by side: one frames the records of a
/// <see cref="PipeReader"/> into batches, in order, copying each record's text; one worker per core parses each
/// batch's records, validates the cases (with <see cref="FindingsValidator"/>'s rules, so errors are the
/// single-case endpoint's), evaluates them and formats their rows into the batch's own buffer; one writes the
/// batches out in input order. Rows are written
/// out whenever the input pauses or enough are pending, so the first result leaves before the last case
/// arrives; at most a few thousand cases are in flight, so memory stays flat however many rows come. Shared by
/// the HTTP endpoint and the CLI.
/// </summary>
public sealed partial class BatchRunner
{
    private const int BatchesInFlight = 4;

    private readonly AssessmentEngine engine;
    private readonly BatchOptions options;
    private readonly int workers;

    /// <summary>Creates a runner over an engine.</summary>
    public BatchRunner(AssessmentEngine engine, BatchOptions? options = null)
    {
        this.engine = engine ?? throw new ArgumentNullException(nameof(engine));
        this.options = options ?? new BatchOptions();
        workers = this.options.Workers > 0 ? this.options.Workers : Environment.ProcessorCount;
    }

    /// <summary>
    /// Scores every case of <paramref name="input"/> and writes the results and the summary to
    /// <paramref name="output"/>. Throws <see cref="BatchRefusedException"/> when the batch is refused before
    /// any result was written (identifier-like or unknown columns, not an array, the row limit reached
    /// before the first write); once results are written, problems become error rows instead. Cancelling
    /// (the client went away) stops every stage.
    /// </summary>
    public async Task<BatchSummary> RunAsync(
        PipeReader input,
        BatchFormat inputFormat,
        Stream output,
        BatchFormat outputFormat,
        BatchProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Batches go to the writer in input order, and to whichever worker is free; the writer's channel bounds
        // how many are in flight.
        var toWrite = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var toScore = Channel.CreateUnbounded<RecordBatch>(new UnboundedChannelOptions { SingleReader = workers == 1, SingleWriter = true });
        var empty = Channel.CreateUnbounded<RecordBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var reading = new ReadingStage(this, inputFormat, progress);
        using var writing = new WritingStage(this, outputFormat, progress);
        var producer = Task.Run(() => reading.RunAsync(input, toWrite.Writer, toScore.Writer, empty.Reader, stop.Token), CancellationToken.None);
        var scorers = new Task[workers];
        for (var i = 0; i < scorers.Length; i++)
        {
            scorers[i] = Task.Run(() => ScoreAllAsync(toScore.Reader, reading, outputFormat, stop.Token), CancellationToken.None);
        }

        try
        {
            await writing.RunAsync(toWrite.Reader, empty.Writer, output, stop.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!producer.IsCompletedSuccessfully)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await ThrowReadingFailureAsync(producer).ConfigureAwait(false);
            throw;
        }
        finally
        {
            // The writer may end before the input does (row limit, a broken JSON array): stop reading and scoring.
            await stop.CancelAsync().ConfigureAwait(false);
            await EndAsync(scorers).ConfigureAwait(false);
            while (empty.Reader.TryRead(out var batch))
            {
                batch.Dispose();
            }
        }

        if (writing.Fault is { } fault)
        {
            // The batch was aborted and its summary says so; the reading stage's failure, if it was the cause, is reported there.
            progress?.ReportFault(fault);
            await ObserveAsync(producer).ConfigureAwait(false);
        }
        else
        {
            await ThrowReadingFailureAsync(producer).ConfigureAwait(false);
        }

        var summary = writing.Summary(engine.Ruleset.Identity);
        progress?.ReportRows(summary.Rows, summary.Failed);
        return summary;
    }

    /// <summary>When reading failed (a refusal, an input error), that is the cause to report, not the stage that noticed.</summary>
    private static async Task ThrowReadingFailureAsync(Task producer)
    {
        try
        {
            await producer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose, or along with the caller's cancellation.
        }
    }

    /// <summary>Waits for the reading stage, whose failure has already ended the batch.</summary>
    private static async Task ObserveAsync(Task producer)
    {
        try
        {
            await producer.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already the summary's abort reason.
        }
    }

    /// <summary>Waits for the workers; a failure of theirs has already reached the writer through its batch.</summary>
    private static async Task EndAsync(Task[] scorers)
    {
        try
        {
            await Task.WhenAll(scorers).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Reported by the batch that failed (or a cancellation).
        }
    }
}
