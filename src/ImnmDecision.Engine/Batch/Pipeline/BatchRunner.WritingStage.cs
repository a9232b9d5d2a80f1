using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Batch;

/// <summary>The writing stage of <see cref="BatchRunner"/>: writes the scored batches in input order, then the summary.</summary>
public sealed partial class BatchRunner
{
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
                abortReason = e switch
                {
                    BatchRefusedException refused => refused.Problem.Title,

                    // The reading stage ends the channel with its failure: the input broke off or its framing (HTTP
                    // chunking) is malformed. That is the request's fault, not the server's.
                    IOException when batches.Completion.Exception?.InnerException == e =>
                        "Reading the input failed: it broke off or its framing is malformed; the rows after the last one answered were not read.",
                    _ => "The server failed while scoring this batch; the rows after the last one answered were not read. Quote the traceId when reporting it.",
                };
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
