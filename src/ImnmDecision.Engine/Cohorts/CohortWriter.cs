using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Cohorts;

/// <summary>
/// Writes a generated cohort as a batch input: CSV with every column, NDJSON, or a JSON array. Empty cells
/// are left out of the JSON; a <see cref="CohortDefect.BrokenRow"/> loses its last fields (CSV) or is cut
/// off in the middle (NDJSON).
/// </summary>
public static class CohortWriter
{
    private const int FlushBytes = 256 * 1024;

    /// <summary>Writes <paramref name="rows"/> cases from <paramref name="generator"/> to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(Stream output, BatchFormat format, CohortGenerator generator, long rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(generator);
        var buffer = new ArrayBufferWriter<byte>(FlushBytes + (16 * 1024));
        var cells = new string?[CsvColumns.All.Count];
        var row = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(row, new JsonWriterOptions { SkipValidation = true });
        if (format == BatchFormat.Csv)
        {
            Append(buffer, string.Join(',', CsvColumns.All) + "\n");
        }
        else if (format == BatchFormat.Json)
        {
            Append(buffer, "[");
        }

        for (long index = 0; index < rows; index++)
        {
            var defect = generator.Next(cells);
            switch (format)
            {
                case BatchFormat.Csv:
                    WriteCsvRow(buffer, cells, defect == CohortDefect.BrokenRow);
                    break;
                case BatchFormat.Ndjson:
                    WriteJsonRow(buffer, json, row, cells, cutOff: defect == CohortDefect.BrokenRow);
                    Append(buffer, "\n");
                    break;
                default:
                    if (defect == CohortDefect.BrokenRow)
                    {
                        cells[FindingsSchema.Field("antibodies.hmgcr").Index] = "postive";
                    }

                    Append(buffer, index == 0 ? "\n" : ",\n");
                    WriteJsonRow(buffer, json, row, cells, cutOff: false);
                    break;
            }

            if (buffer.WrittenCount >= FlushBytes)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        if (format == BatchFormat.Json)
        {
            Append(buffer, "\n]\n");
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteCsvRow(ArrayBufferWriter<byte> buffer, string?[] cells, bool broken)
    {
        var text = new StringBuilder(256);
        var count = broken ? cells.Length - 3 : cells.Length;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            if (cells[i] is { } cell)
            {
                text.Append(Utf8Text.CsvCell(cell, raw: false));
            }
        }

        Append(buffer, text.Append('\n').ToString());
    }

    private static void WriteJsonRow(ArrayBufferWriter<byte> buffer, Utf8JsonWriter json, ArrayBufferWriter<byte> row, string?[] cells, bool cutOff)
    {
        row.ResetWrittenCount();
        json.Reset(row);
        json.WriteStartObject();
        string? section = null;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is not { } cell)
            {
                continue;
            }

            var field = FindingsSchema.Fields[i];
            NestedObjects.Enter(json, ref section, field.Parent);
            json.WritePropertyName(field.Name);
            WriteValue(json, field.Kind, cell);
        }

        NestedObjects.CloseAll(json, ref section);
        json.WriteEndObject();
        json.Flush();

        // A cut-off row keeps the first half of the object: a line no reader can parse.
        var bytes = cutOff ? row.WrittenSpan[..(row.WrittenCount / 2)] : row.WrittenSpan;
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    /// <summary>A cell as its JSON value: a number or boolean cell that does not read as one stays a string (a deliberate defect).</summary>
    private static void WriteValue(Utf8JsonWriter json, FindingKind kind, string cell)
    {
        switch (kind)
        {
            case FindingKind.Number:
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    json.WriteNumberValue(number);
                }
                else
                {
                    json.WriteStringValue(cell);
                }

                break;
            case FindingKind.Boolean:
                if (bool.TryParse(cell, out var flag))
                {
                    json.WriteBooleanValue(flag);
                }
                else
                {
                    json.WriteStringValue(cell);
                }

                break;
            case FindingKind.ChoiceSet:
                json.WriteStartArray();
                if (cell != CsvColumns.NoneToken)
                {
                    foreach (var antibody in cell.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        json.WriteStringValue(antibody);
                    }
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(cell);
                break;
        }
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
