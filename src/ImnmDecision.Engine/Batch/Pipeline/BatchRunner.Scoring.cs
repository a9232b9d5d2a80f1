using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>The scoring stage of <see cref="BatchRunner"/>: workers parse, validate and score the framed records of each batch.</summary>
public sealed partial class BatchRunner
{
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
                record.Values = batch.Values;
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
}
