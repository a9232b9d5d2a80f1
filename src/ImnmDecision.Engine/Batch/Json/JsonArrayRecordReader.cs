using System.Globalization;
using System.Text.Json;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Reads a JSON array of <c>Findings</c> element by element as the bytes arrive, so memory stays flat. An
/// element that is valid JSON but not valid findings becomes that row's error and the batch goes on; broken
/// JSON syntax (or an element over the size limit) cannot be skipped safely inside an array, so it ends the
/// batch with an error row and the summary. NDJSON has no such limit: a broken line is skipped alone.
/// </summary>
internal sealed class JsonArrayRecordReader(int maxRecordBytes) : IRecordReader
{
    private State state = State.Start;
    private long line = 1;
    private bool first = true;

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

        var whitespace = data.IndexOfAnyExcept(" \t\r\n"u8);
        if (whitespace != 0)
        {
            var skipped = whitespace < 0 ? data.Length : whitespace;
            if (skipped > 0)
            {
                line += data[..skipped].Count((byte)'\n');
                consumed = skipped;
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
                state = State.FirstElement;
                return RecordStatus.Skipped;
            case State.FirstElement when data[0] == (byte)']':
            case State.AfterElement when data[0] == (byte)']':
                consumed = 1;
                state = State.Done;
                return RecordStatus.Skipped;
            case State.AfterElement when data[0] == (byte)',':
                consumed = 1;
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
        var reader = new Utf8JsonReader(data, isFinalBlock, new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 }));
        try
        {
            var complete = reader.Read();
            if (complete && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                complete = reader.TrySkip();
            }

            if (!complete)
            {
                return data.Length < maxRecordBytes
                    ? RecordStatus.NeedMoreData
                    : Fatal(ref record, string.Create(CultureInfo.InvariantCulture, $"An element of the JSON array is longer than {maxRecordBytes} bytes."));
            }
        }
        catch (JsonException e)
        {
            return Fatal(ref record, string.Create(CultureInfo.InvariantCulture, $"The JSON array is not valid JSON at line {line + (e.LineNumber ?? 0)}, byte {(e.BytePositionInLine ?? 0) + 1}."));
        }

        var length = (int)reader.BytesConsumed;
        var element = data[..length];
        consumed = length;
        record = new ParsedRecord { Line = line };
        line += element.Count((byte)'\n');
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
