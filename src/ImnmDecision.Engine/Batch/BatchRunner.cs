using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

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
public sealed class BatchRunner
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

    /// <summary>A worker: parses and scores batches as they come, each into its own output.</summary>
    private async Task ScoreAllAsync(ChannelReader<RecordBatch> batches, ReadingStage reading, BatchFormat format, CancellationToken cancellationToken)
    {
        var parser = new Lazy<IRecordParser>(reading.CreateParser, LazyThreadSafetyMode.None);
        while (await batches.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (batches.TryRead(out var batch))
            {
                try
                {
                    Score(batch, parser, format);
                    batch.MarkScored();
                }
                catch (Exception e)
                {
                    batch.MarkFailed(e);
                    throw;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Parses, validates, evaluates and formats every record of a batch (the row-limit marker, if any, is the writer's).</summary>
    [MethodImpl(PerRow.Optimized)]
    private void Score(RecordBatch batch, Lazy<IRecordParser> parser, BatchFormat format)
    {
        var writer = batch.Writer(format, options.RawCsv);
        var records = batch.Records;
        var counts = batch.SubtypeCounts;
        IRecordParser? recordParser = null;
        for (var i = 0; i < batch.Count; i++)
        {
            ref var record = ref records[i];
            if (record.TextLength > 0)
            {
                recordParser ??= parser.Value;
                record.Values = batch.ValuesAt(i);
                recordParser.Parse(batch.Text(record), ref record);
            }

            Validate(ref record);
            if (record.HasValues)
            {
                var evaluation = engine.Evaluate(record.Values!);
                counts[(int)evaluation.Subtype]++;
                writer.WriteResult(record.Line, Echo(record.Values!.CaseId), evaluation);
                continue;
            }

            batch.Failed++;
            writer.WriteError(record.Line, Echo(record.CaseId), record.Error!);
        }
    }

    private static void Validate(ref ParsedRecord record)
    {
        if (!record.HasValues || BatchValidation.Errors(record.Values!) is not { } errors)
        {
            return;
        }

        record.HasValues = false;
        record.CaseId = record.Values!.CaseId;
        record.Error = BatchProblem.Invalid(record.Line, errors);
    }

    /// <summary>The caseId to echo: as sent, unless it is longer than the contract allows.</summary>
    private static string? Echo(string? caseId) => caseId is { Length: <= FindingsValidator.MaxCaseIdLength } ? caseId : null;

    /// <summary>Reads records into batches, in order, and stops at the row limit.</summary>
    private sealed class ReadingStage(BatchRunner owner, BatchFormat format, BatchProgress? progress)
    {
        private readonly IRecordReader reader = format switch
        {
            BatchFormat.Csv => new CsvRecordReader(owner.options.MaxRecordBytes),
            BatchFormat.Ndjson => new NdjsonRecordReader(owner.options.MaxRecordBytes),
            _ => new JsonArrayRecordReader(owner.options.MaxRecordBytes),
        };

        private byte[] window = [];
        private long bytesRead;
        private long rows;
        private long sequence;
        private bool done;

        public async Task RunAsync(PipeReader input, ChannelWriter<RecordBatch> toWrite, ChannelWriter<RecordBatch> toScore, ChannelReader<RecordBatch> empty, CancellationToken cancellationToken)
        {
            var batch = Next(empty);
            try
            {
                while (!done)
                {
                    // ReadAsync completes at once when new bytes are there. When it does not, the input pauses:
                    // hand over what was read so its results can leave now. (TryRead would not do: after a partial
                    // record it returns the same bytes again instead of waiting for more.)
                    var reading = input.ReadAsync(cancellationToken);
                    if (!reading.IsCompleted && batch.Count > 0)
                    {
                        await SendAsync(batch, toWrite, toScore, cancellationToken).ConfigureAwait(false);
                        batch = Next(empty);
                    }

                    var result = await reading.ConfigureAwait(false);

                    var buffer = result.Buffer;
                    try
                    {
                        while (Fill(batch, ref buffer, result.IsCompleted))
                        {
                            await SendAsync(batch, toWrite, toScore, cancellationToken).ConfigureAwait(false);
                            batch = Next(empty);
                        }
                    }
                    finally
                    {
                        input.AdvanceTo(buffer.Start, buffer.End);
                        progress?.ReportBytes(bytesRead);
                    }

                    if (result.IsCompleted || result.IsCanceled)
                    {
                        break;
                    }
                }

                if (batch.Count > 0 || batch.RowLimitLine is not null)
                {
                    await SendAsync(batch, toWrite, toScore, cancellationToken).ConfigureAwait(false);
                }

                toWrite.TryComplete();
            }
            catch (Exception e)
            {
                toWrite.TryComplete(e);
                throw;
            }
            finally
            {
                toScore.TryComplete();
                if (window.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(window);
                    window = [];
                }
            }
        }

        /// <summary>Reads records into the batch until it is full (true) or the buffer needs more input or the input is done (false).</summary>
        [MethodImpl(PerRow.Optimized)]
        private bool Fill(RecordBatch batch, ref ReadOnlySequence<byte> buffer, bool isCompleted)
        {
            var records = batch.Records;
            while (!done && !batch.IsFull)
            {
                ref var record = ref records[batch.Count];
                var status = Read(buffer, isCompleted, out var consumed, batch, ref record);
                if (status == RecordStatus.NeedMoreData)
                {
                    return false;
                }

                buffer = buffer.Slice(consumed);
                bytesRead += consumed;
                if (status == RecordStatus.End)
                {
                    done = true;
                    break;
                }

                if (status == RecordStatus.Skipped)
                {
                    continue;
                }

                if (++rows > owner.options.MaxRows)
                {
                    batch.RowLimitLine = record.Line;
                    record = default;
                    done = true;
                    return true;
                }

                batch.Count++;
                done = record.Fatal;
            }

            return batch.IsFull;
        }

        /// <summary>A parser for the records this stage frames, for one worker.</summary>
        public IRecordParser CreateParser() => reader.CreateParser();

        /// <summary>An empty batch to fill: one the writer has finished with, or a new one.</summary>
        private static RecordBatch Next(ChannelReader<RecordBatch> empty) => empty.TryRead(out var reused) ? reused : new RecordBatch();

        /// <summary>Hands a batch to the writer (in order) and to the workers.</summary>
        private async ValueTask SendAsync(RecordBatch batch, ChannelWriter<RecordBatch> toWrite, ChannelWriter<RecordBatch> toScore, CancellationToken cancellationToken)
        {
            batch.Sequence = sequence++;
            await toWrite.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            toScore.TryWrite(batch);
        }

        /// <summary>
        /// Frames one record from the sequence and keeps its text in the batch: from the sequence's first segment
        /// when the record lies in it, otherwise from a window copied across segments, grown until the record
        /// fits (the reader stops at its size limit).
        /// </summary>
        [MethodImpl(PerRow.Optimized)]
        private RecordStatus Read(ReadOnlySequence<byte> buffer, bool isCompleted, out int consumed, RecordBatch batch, ref ParsedRecord record)
        {
            var first = buffer.FirstSpan;
            var status = Frame(first, isCompleted && buffer.IsSingleSegment, out consumed, batch, ref record);
            if (status != RecordStatus.NeedMoreData || buffer.IsSingleSegment)
            {
                return status;
            }

            var size = (int)Math.Min(buffer.Length, Math.Max(first.Length * 2L, 4096));
            while (true)
            {
                if (window.Length < size)
                {
                    if (window.Length > 0)
                    {
                        ArrayPool<byte>.Shared.Return(window);
                    }

                    window = ArrayPool<byte>.Shared.Rent(size);
                }

                buffer.Slice(0, size).CopyTo(window);
                var all = size == buffer.Length;
                status = Frame(window.AsSpan(0, size), isCompleted && all, out consumed, batch, ref record);
                if (status != RecordStatus.NeedMoreData || all)
                {
                    return status;
                }

                size = (int)Math.Min(buffer.Length, size * 2L);
            }
        }

        [MethodImpl(PerRow.Optimized)]
        private RecordStatus Frame(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, RecordBatch batch, ref ParsedRecord record)
        {
            var status = reader.Read(data, isFinalBlock, out consumed, ref record);
            if (status == RecordStatus.Record && record.TextLength > 0)
            {
                record.TextStart = batch.Keep(data.Slice(record.TextStart, record.TextLength));
            }

            return status;
        }
    }

    /// <summary>Writes the scored batches in input order; counts; decides when results leave.</summary>
    private sealed class WritingStage : IDisposable
    {
        private readonly BatchRunner owner;
        private readonly BatchProgress? progress;
        private readonly ArrayBufferWriter<byte> pending;
        private readonly ResultWriter writer;
        private readonly long[] subtypeCounts = new long[Enum.GetValues<SubtypeCode>().Length];
        private long rows;
        private long failed;
        private bool written;
        private bool unflushed;
        private bool truncated;
        private string? abortReason;

        public WritingStage(BatchRunner owner, BatchFormat format, BatchProgress? progress)
        {
            this.owner = owner;
            this.progress = progress;
            pending = new ArrayBufferWriter<byte>(owner.options.FlushBytes + (64 * 1024));
            writer = ResultWriter.Create(format, pending, owner.options.RawCsv);
        }

        /// <summary>The failure that aborted the batch (the summary says so), or null.</summary>
        public Exception? Fault { get; private set; }

        public async Task RunAsync(ChannelReader<RecordBatch> batches, ChannelWriter<RecordBatch> empty, Stream output, CancellationToken cancellationToken)
        {
            writer.WriteStart();
            try
            {
                await WriteRowsAsync(batches, empty, output, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsFault(e, cancellationToken))
            {
                // Whatever must end the batch, the rows so far stand and the summary says it was aborted.
                Fault = e;
                abortReason = e is BatchRefusedException refused
                    ? refused.Problem.Title
                    : "The server failed while scoring this batch; the rows after the last one answered were not read. Quote the traceId when reporting it.";
            }

            writer.WriteSummary(Summary(owner.engine.Ruleset.Identity));
            await FlushAsync(output, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A failure that aborts the batch: anything but the caller's cancellation and a refusal that can still be answered whole.</summary>
        private bool IsFault(Exception e, CancellationToken cancellationToken) =>
            !(e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            && !(e is BatchRefusedException && !written);

        private async Task WriteRowsAsync(ChannelReader<RecordBatch> batches, ChannelWriter<RecordBatch> empty, Stream output, CancellationToken cancellationToken)
        {
            var done = false;
            while (!done && await batches.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (!done && batches.TryRead(out var batch))
                {
                    await batch.Scored.WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (pending.WrittenCount == 0 && batch.RowLimitLine is null && batch.Output.Length >= owner.options.FlushBytes)
                    {
                        // Nothing is pending before a large batch: its rows leave as they are, without a copy.
                        await WriteAsync(output, batch.Output, cancellationToken).ConfigureAwait(false);
                        done = Tally(batch);
                    }
                    else
                    {
                        done = Collect(batch);
                    }

                    progress?.ReportRows(rows, failed);
                    batch.Clear();
                    empty.TryWrite(batch);
                    if (pending.WrittenCount >= owner.options.FlushBytes)
                    {
                        await WritePendingAsync(output, cancellationToken).ConfigureAwait(false);
                    }
                }

                // Nothing more has been read yet: let the results so far leave (once there is a row to send,
                // so that a refusal can still be answered with a clean 400 or 413).
                if (rows > 0)
                {
                    await FlushAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public BatchSummary Summary(RulesetIdentity ruleset)
        {
            var counts = new OrderedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var code in Enum.GetValues<SubtypeCode>())
            {
                counts[JsonNames.Name(code)] = subtypeCounts[(int)code];
            }

            return new BatchSummary
            {
                Rows = rows,
                Scored = rows - failed,
                Failed = failed,
                Subtypes = counts,
                Ruleset = ruleset,
                Truncated = truncated,
                Aborted = abortReason is not null,
                AbortReason = abortReason,
            };
        }

        public void Dispose() => writer.Dispose();

        /// <summary>Takes a scored batch's rows into what is pending, and counts them; true when it ends the answer.</summary>
        private bool Collect(RecordBatch batch)
        {
            var output = batch.Output.Span;
            output.CopyTo(pending.GetSpan(output.Length));
            pending.Advance(output.Length);
            return Tally(batch);
        }

        /// <summary>Counts a batch's rows; true when it ends the answer (a broken JSON array, the row limit).</summary>
        private bool Tally(RecordBatch batch)
        {
            rows += batch.Count;
            failed += batch.Failed;
            for (var i = 0; i < subtypeCounts.Length; i++)
            {
                subtypeCounts[i] += batch.SubtypeCounts[i];
            }

            writer.AtFirstRow &= batch.Count == 0;
            if (batch.RowLimitLine is not { } line)
            {
                if (batch.Count > 0 && batch.Records[batch.Count - 1] is { Fatal: true } fatal)
                {
                    abortReason = fatal.Error?.Detail ?? "The input is broken; the rest of it was not read.";
                    return true;
                }

                return false;
            }

            StopAtRowLimit(line);
            return true;
        }

        private async ValueTask WritePendingAsync(Stream output, CancellationToken cancellationToken)
        {
            if (pending.WrittenCount > 0)
            {
                await WriteAsync(output, pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
                pending.ResetWrittenCount();
            }
        }

        private async ValueTask WriteAsync(Stream output, ReadOnlyMemory<byte> rows, CancellationToken cancellationToken)
        {
            written = true;
            unflushed = true;
            await output.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        private async ValueTask FlushAsync(Stream output, CancellationToken cancellationToken)
        {
            await WritePendingAsync(output, cancellationToken).ConfigureAwait(false);
            if (unflushed)
            {
                unflushed = false;
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private void StopAtRowLimit(long line)
        {
            var max = owner.options.MaxRows;
            if (!written)
            {
                throw new BatchRefusedException(new BatchProblem
                {
                    Type = BatchProblemTypes.ContentTooLarge,
                    Title = "The batch has too many rows.",
                    Status = 413,
                    Detail = string.Create(CultureInfo.InvariantCulture, $"A batch may hold at most {max} rows (Batch:MaxRows). Split the cohort into smaller batches; no row was scored."),
                    Line = line,
                });
            }

            truncated = true;
            failed++;
            rows++;
            writer.WriteError(line, null, new BatchProblem
            {
                Type = BatchProblemTypes.ContentTooLarge,
                Title = "The batch has too many rows.",
                Status = 413,
                Detail = string.Create(CultureInfo.InvariantCulture, $"A batch may hold at most {max} rows (Batch:MaxRows); the rows from line {line} on were not read. Split the cohort into smaller batches."),
                Line = line,
            });
        }
    }
}
