using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>Rule traces, the facts a rule read, and lists of texts, as the serializer writes them.</summary>
internal static class TraceJson
{
    public static void Trace(Utf8JsonWriter writer, JsonEncodedText name, ConditionTrace? trace)
    {
        if (trace is not null)
        {
            writer.WritePropertyName(name);
            Trace(writer, trace);
        }
    }

    public static void Trace(Utf8JsonWriter writer, ConditionTrace trace)
    {
        writer.WriteStartObject();
        Text(writer, AnswerNames.Fact, trace.Fact);
        Text(writer, AnswerNames.Op, trace.Op);
        Element(writer, AnswerNames.Value, trace.Value);
        Text(writer, AnswerNames.Param, trace.Param);
        Element(writer, AnswerNames.Actual, trace.Actual);
        Traces(writer, AnswerNames.All, trace.All);
        Traces(writer, AnswerNames.Any, trace.Any);
        Trace(writer, AnswerNames.Not, trace.Not);
        Text(writer, AnswerNames.Ref, trace.Ref);
        Trace(writer, AnswerNames.When, trace.When);
        writer.WriteString(AnswerNames.Result, EnumText<Truth>.Of(trace.Result));
        writer.WriteEndObject();
    }

    /// <summary>The facts a rule read: null, a number, a yes/no, a value or a set of values (anything else as the serializer writes it).</summary>
    public static void Facts(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> facts)
    {
        writer.WriteStartObject(AnswerNames.Facts);
        foreach (var (name, value) in facts)
        {
            writer.WritePropertyName(name);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case double number:
                    writer.WriteNumberValue(number);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case string[] texts:
                    writer.WriteStartArray();
                    foreach (var text in texts)
                    {
                        writer.WriteStringValue(text);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    JsonSerializer.Serialize(writer, value, value.GetType(), ImnmJson.Options);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A list of texts (citation ids, cautions, fields); nothing when the list is null.</summary>
    public static void Texts(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<string>? texts)
    {
        if (texts is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < texts.Count; i++)
        {
            writer.WriteStringValue(texts[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>A text property; nothing when it is null.</summary>
    public static void Text(Utf8JsonWriter writer, JsonEncodedText name, string? text)
    {
        if (text is not null)
        {
            writer.WriteString(name, text);
        }
    }

    /// <summary>A number property; nothing when it is null.</summary>
    public static void Number(Utf8JsonWriter writer, JsonEncodedText name, double? number)
    {
        if (number is { } value)
        {
            writer.WriteNumber(name, value);
        }
    }

    private static void Element(Utf8JsonWriter writer, JsonEncodedText name, JsonElement? element)
    {
        if (element is { } value)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    private static void Traces(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<ConditionTrace>? traces)
    {
        if (traces is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < traces.Count; i++)
        {
            Trace(writer, traces[i]);
        }

        writer.WriteEndArray();
    }
}
