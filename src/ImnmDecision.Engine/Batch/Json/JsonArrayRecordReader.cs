using System.Globalization;
using System.Text.Json;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Reads a JSON array of <c>Findings</c> element by element as the bytes arrive, so memory stays flat. An
/// element that is valid JSON but not valid findings becomes that row's error and the batch goes on, and so does
/// an element over the size limit (skipped as it arrives, see <see cref="OversizedElement"/>); broken JSON syntax
/// cannot be skipped safely inside an array, so it ends the batch with an error row and the summary, naming the
/// line and the byte of that line where it broke. NDJSON has no such limit: a broken line is skipped alone. Elements are framed at any depth (an element cannot nest
/// deeper than it has bytes): a deep one is valid JSON, answered by its own error row.
/// </summary>
internal sealed class JsonArrayRecordReader(int maxRecordBytes) : IRecordReader
{
    private State state = State.Start;
    private long line = 1;
    private long column;
    private bool first = true;
    private OversizedElement oversized;

    private enum State
    {
        Start,
        FirstElement,
        Element,
        AfterElement,
        Done,
        Failed,
    }

    public IRecordParser CreateParser() => new JsonCaseParser();

    public RecordStatus Read(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        consumed = 0;
        if (state == State.Start && data.Length < 3 && !isFinalBlock && "\uFEFF"u8.StartsWith(data))
        {
            return RecordStatus.NeedMoreData;
        }

        if (state == State.Start && data.StartsWith("\uFEFF"u8))
        {
            consumed = 3;
            return RecordStatus.Skipped;
        }

        if (oversized.Skipping)
        {
            return Skip(data, isFinalBlock, out consumed, ref record);
        }

        var whitespace = data.IndexOfAnyExcept(" \t\r\n"u8);
        if (whitespace != 0)
        {
            var skipped = whitespace < 0 ? data.Length : whitespace;
            if (skipped > 0)
            {
                consumed = skipped;
                Advance(data[..skipped]);
                return RecordStatus.Skipped;
            }
        }

        if (data.IsEmpty)
        {
            if (!isFinalBlock)
            {
                return RecordStatus.NeedMoreData;
            }

            return state switch
            {
                State.Start => throw NotAnArray("The body is empty."),
                State.Done or State.Failed => RecordStatus.End,
                _ => Fatal(ref record, "The JSON array is not closed: the body ended inside it."),
            };
        }

        switch (state)
        {
            case State.Start:
                if (data[0] != (byte)'[')
                {
                    throw NotAnArray("The body is not a JSON array.");
                }

                consumed = 1;
                column++;
                state = State.FirstElement;
                return RecordStatus.Skipped;
            case State.FirstElement when data[0] == (byte)']':
            case State.AfterElement when data[0] == (byte)']':
                consumed = 1;
                column++;
                state = State.Done;
                return RecordStatus.Skipped;
            case State.AfterElement when data[0] == (byte)',':
                consumed = 1;
                column++;
                state = State.Element;
                return RecordStatus.Skipped;
            case State.AfterElement:
                return Fatal(ref record, "Expected ',' or ']' after an element of the JSON array.");
            case State.Element when data[0] == (byte)']':
                return Fatal(ref record, "The JSON array has a trailing comma.");
            case State.Done:
                return Fatal(ref record, "There is content after the end of the JSON array.");
            case State.Failed:
                return RecordStatus.End;
            default:
                return ReadElement(data, isFinalBlock, out consumed, ref record);
        }
    }

    private RecordStatus ReadElement(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        consumed = 0;
        var reader = new Utf8JsonReader(data, isFinalBlock, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxRecordBytes }));
        try
        {
            var complete = reader.Read();
            if (complete && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                complete = reader.TrySkip();
            }

            if (!complete)
            {
                if (data.Length < maxRecordBytes)
                {
                    return RecordStatus.NeedMoreData;
                }

                // Longer than a row may be: that row's error, once the rest of it has gone by.
                first = false;
                oversized.Start(line);
                return Skip(data, isFinalBlock, out consumed, ref record);
            }
        }
        catch (JsonException e)
        {
            var byteInLine = (e.LineNumber is null or 0 ? column : 0) + (e.BytePositionInLine ?? 0) + 1;
            return Fatal(ref record, string.Create(CultureInfo.InvariantCulture, $"The JSON array is not valid JSON at line {line + (e.LineNumber ?? 0)}, byte {byteInLine}."));
        }

        var length = (int)reader.BytesConsumed;
        var element = data[..length];
        consumed = length;
        record = new ParsedRecord { Line = line };
        Advance(element);
        state = State.AfterElement;
        if (length > maxRecordBytes)
        {
            first = false;
            record.Error = NdjsonRecordReader.TooLarge(record.Line, maxRecordBytes);
            return RecordStatus.Record;
        }

        if (first)
        {
            first = false;
            var identifiers = JsonRecordParser.FindIdentifierProperties(element);
            if (identifiers.Count > 0)
            {
                throw NdjsonRecordReader.NotAnonymized(identifiers, record.Line);
            }
        }

        record.TextLength = length;
        return RecordStatus.Record;
    }

    /// <summary>Skips on through an element over the size limit; once it has ended, it is the row's 413 error.</summary>
    private RecordStatus Skip(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        var ended = oversized.Scan(data, out consumed);
        Advance(data[..consumed]);
        if (!ended)
        {
            if (!isFinalBlock)
            {
                return consumed == 0 ? RecordStatus.NeedMoreData : RecordStatus.Skipped;
            }

            line = oversized.Line;
            return Fatal(ref record, "The JSON array is not closed: the body ended inside it.");
        }

        state = State.AfterElement;
        record = new ParsedRecord { Line = oversized.Line, Error = NdjsonRecordReader.TooLarge(oversized.Line, maxRecordBytes) };
        return RecordStatus.Record;
    }

    /// <summary>Moves the position (line, and byte within it) past bytes that were consumed.</summary>
    private void Advance(ReadOnlySpan<byte> passed)
    {
        var lastBreak = passed.LastIndexOf((byte)'\n');
        if (lastBreak < 0)
        {
            column += passed.Length;
            return;
        }

        line += passed.Count((byte)'\n');
        column = passed.Length - lastBreak - 1;
    }

    private RecordStatus Fatal(ref ParsedRecord record, string reason)
    {
        state = State.Failed;
        record = new ParsedRecord
        {
            Line = line,
            Fatal = true,
            Error = new BatchProblem
            {
                Type = BatchProblemTypes.BadRequest,
                Title = "The JSON array cannot be read further.",
                Status = 400,
                Detail = $"{reason} The rows before line {line.ToString(CultureInfo.InvariantCulture)} were scored; the rest of the body was not read. NDJSON (application/x-ndjson) skips a broken line alone.",
                Line = line,
                Errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["$"] = [reason] },
            },
        };
        return RecordStatus.Record;
    }

    private static BatchRefusedException NotAnArray(string reason) => new(new BatchProblem
    {
        Type = BatchProblemTypes.BadRequest,
        Title = "The body must be a JSON array of cases.",
        Status = 400,
        Detail = $"{reason} Send [{{...}}, {{...}}] with application/json, or one case per line with application/x-ndjson.",
        Line = 1,
    });
}
