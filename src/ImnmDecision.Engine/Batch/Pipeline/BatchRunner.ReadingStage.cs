using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ImnmDecision.Engine.Batch;

/// <summary>The reading stage of <see cref="BatchRunner"/>: frames records from the input into batches.</summary>
public sealed partial class BatchRunner
{
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
                        try
                        {
                            await SendAsync(batch, toWrite, toScore, cancellationToken).ConfigureAwait(false);
                        }
                        catch
                        {
                            await AbandonAsync(input, reading).ConfigureAwait(false);
                            throw;
                        }

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
            catch (IOException e) when (sequence == 0)
            {
                // The input broke off (or its HTTP framing is malformed) before a row left: refuse the batch
                // whole, as for any other input that cannot be read, instead of answering an empty batch.
                var refused = Unreadable(e);
                toWrite.TryComplete(refused);
                throw refused;
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

        /// <summary>
        /// Ends a read left pending when the batch stops while handing over rows (the client went away, the answer
        /// failed): the server drains the rest of the body afterwards, and refuses to (with an error in the log)
        /// while a read is still in progress.
        /// </summary>
        private static async Task AbandonAsync(PipeReader input, ValueTask<ReadResult> reading)
        {
            input.CancelPendingRead();
            try
            {
                var result = await reading.ConfigureAwait(false);
                input.AdvanceTo(result.Buffer.Start);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The read ended with the batch; nothing of it is used.
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

        /// <summary>The refusal of a batch whose input failed before any row left.</summary>
        private static BatchRefusedException Unreadable(IOException cause) => new(
            new BatchProblem
            {
                Type = BatchProblemTypes.BadRequest,
                Title = "The body could not be read.",
                Status = 400,
                Detail = "The input broke off, or its framing is malformed, before any row could be answered; nothing was scored. Send it again.",
            },
            cause);

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
}
