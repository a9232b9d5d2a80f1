using System.Globalization;
using System.Runtime.CompilerServices;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Frames newline-delimited JSON: one <c>Findings</c> object per line (LF or CRLF, blank lines skipped), parsed
/// on the workers by <see cref="JsonCaseParser"/>s. A line that cannot be read becomes that row's error; the
/// batch goes on with the next line. The first row is checked for identifier-like properties, which refuse the
/// whole batch; a later row with one is refused alone.
/// </summary>
internal sealed class NdjsonRecordReader(int maxRecordBytes) : IRecordReader
{
    private static readonly string[] IdentifierMessage = ["The property looks like a direct identifier; cohorts must be anonymized."];

    private long line = 1;
    private ByteOrderMark byteOrderMark;
    private bool first = true;
    private OversizedRecord oversized;

    public IRecordParser CreateParser() => new JsonCaseParser();

    [MethodImpl(PerRow.Optimized)]
    public RecordStatus Read(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        if (byteOrderMark.Handle(data, isFinalBlock, out consumed, out var start))
        {
            return start;
        }

        if (oversized.Skipping)
        {
            return Skip(data, isFinalBlock, out consumed, ref record);
        }

        if (data.IsEmpty)
        {
            return isFinalBlock ? RecordStatus.End : RecordStatus.NeedMoreData;
        }

        var end = data.IndexOf((byte)'\n');
        if (end < 0)
        {
            if (!isFinalBlock)
            {
                if (data.Length < maxRecordBytes)
                {
                    return RecordStatus.NeedMoreData;
                }

                oversized.Start(line);
                return Skip(data, isFinalBlock, out consumed, ref record);
            }

            end = data.Length;
            consumed = data.Length;
        }
        else
        {
            consumed = end + 1;
        }

        var text = data[..end];
        if (text.EndsWith((byte)'\r'))
        {
            text = text[..^1];
        }

        var startLine = line++;
        if (text.Trim(" \t\r"u8).IsEmpty)
        {
            return RecordStatus.Skipped;
        }

        record = new ParsedRecord { Line = startLine };
        if (text.Length > maxRecordBytes)
        {
            record.Error = TooLarge(startLine, maxRecordBytes);
            return RecordStatus.Record;
        }

        if (first)
        {
            first = false;
            var identifiers = JsonRecordParser.FindIdentifierProperties(text);
            if (identifiers.Count > 0)
            {
                throw NotAnonymized(identifiers, startLine);
            }
        }

        record.TextLength = text.Length;
        return RecordStatus.Record;
    }

    /// <summary>The refusal of a batch whose first row carries identifier-like properties.</summary>
    internal static BatchRefusedException NotAnonymized(List<string> paths, long line) => new(new BatchProblem
    {
        Type = BatchProblemTypes.BadRequest,
        Title = "The cohort is not anonymized.",
        Status = 400,
        Detail = $"Properties that look like direct identifiers are refused: {string.Join(", ", paths)}. Remove them and send the cohort again; no row was scored.",
        Line = line,
        Errors = paths.Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => IdentifierMessage, StringComparer.Ordinal),
    });

    /// <summary>The error of a row longer than the limit.</summary>
    internal static BatchProblem TooLarge(long line, int maxRecordBytes) => new()
    {
        Type = BatchProblemTypes.ContentTooLarge,
        Title = "The row is too large.",
        Status = 413,
        Detail = string.Create(CultureInfo.InvariantCulture, $"The row on line {line} is longer than {maxRecordBytes} bytes; it was not scored."),
        Line = line,
        Errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["$"] = [string.Create(CultureInfo.InvariantCulture, $"The row is longer than {maxRecordBytes} bytes.")] },
    };

    private RecordStatus Skip(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        var status = oversized.Skip(data, isFinalBlock, maxRecordBytes, out consumed, ref record);
        if (status == RecordStatus.Record)
        {
            line = oversized.NextLine;
            first = false;
        }

        return status;
    }
}
