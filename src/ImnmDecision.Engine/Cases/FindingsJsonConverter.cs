using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// Reads and writes <see cref="Findings"/> by <see cref="FindingsSchema"/>, so the single-case endpoint reads a case
/// exactly as a batch does. A case that does not fit the contract throws <see cref="FindingsFormatException"/> with
/// every error found.
/// </summary>
internal sealed class FindingsJsonConverter : JsonConverter<Findings>
{
    public override Findings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Made before it is read, so a case and its values sit side by side in memory (one read of the case
        // brings both: a thousand cases read one after another are read from memory, not cache).
        var findings = new Findings(new FindingValues());
        var errors = new List<FindingError>();
        FindingsJsonReader.Read(ref reader, findings.Values, errors);
        return errors.Count == 0 ? findings : throw new FindingsFormatException(errors);
    }

    public override void Write(Utf8JsonWriter writer, Findings value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var values = value.Values;
        writer.WriteStartObject();
        string? open = null;
        foreach (var field in FindingsSchema.Fields)
        {
            if (!values.Has(field))
            {
                continue;
            }

            NestedObjects.Enter(writer, ref open, field.Parent);
            WriteValue(writer, field, values);
        }

        NestedObjects.CloseAll(writer, ref open);
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, FindingField field, FindingValues values)
    {
        switch (field.Kind)
        {
            case FindingKind.Number: writer.WriteNumber(field.Name, values.Number(field)!.Value); break;
            case FindingKind.Boolean: writer.WriteBoolean(field.Name, values.Boolean(field)!.Value); break;
            case FindingKind.Choice: writer.WriteString(field.Name, values.ChoiceName(field)); break;
            case FindingKind.Text: writer.WriteString(field.Name, values.Text(field)); break;
            default:
                writer.WriteStartArray(field.Name);
                foreach (var member in values.SetNames(field)!)
                {
                    writer.WriteStringValue(member);
                }

                writer.WriteEndArray();
                break;
        }
    }
}
