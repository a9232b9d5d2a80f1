using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>Rule traces, the facts a rule read, and texts and lists of texts, as the serializer writes them (ruleset texts through <see cref="RulesetTexts"/>).</summary>
internal static class TraceJson
{
    /// <summary>An item's trace: straight from its condition and facts when the engine built the item, else from the trace given.</summary>
    public static void Trace(RulesetTexts texts, Utf8JsonWriter writer, JsonEncodedText name, TraceSlot traced)
    {
        if (traced.Source is { } source)
        {
            ConditionJson.Write(writer, name, source);
        }
        else
        {
            Trace(texts, writer, name, traced.Trace);
        }
    }

    public static void Trace(RulesetTexts texts, Utf8JsonWriter writer, JsonEncodedText name, ConditionTrace? trace)
    {
        if (trace is not null)
        {
            writer.WritePropertyName(name);
            Trace(texts, writer, trace);
        }
    }

    public static void Trace(RulesetTexts texts, Utf8JsonWriter writer, ConditionTrace trace)
    {
        writer.WriteStartObject();
        Text(texts, writer, AnswerNames.Fact, trace.Fact);
        Text(texts, writer, AnswerNames.Op, trace.Op);
        Element(writer, AnswerNames.Value, trace.Value);
        Text(texts, writer, AnswerNames.Param, trace.Param);
        Element(writer, AnswerNames.Actual, trace.Actual);
        Traces(texts, writer, AnswerNames.All, trace.All);
        Traces(texts, writer, AnswerNames.Any, trace.Any);
        Trace(texts, writer, AnswerNames.Not, trace.Not);
        Text(texts, writer, AnswerNames.Ref, trace.Ref);
        if (trace is { Ref: not null, When: { } when })
        {
            writer.WritePropertyName(AnswerNames.When);
            writer.WriteRawValue(SharedTraces.Json(when, (inner, shared) => Trace(texts, inner, shared)), skipInputValidation: true);
        }
        else
        {
            Trace(texts, writer, AnswerNames.When, trace.When);
        }
        writer.WriteString(AnswerNames.Result, EnumText<Truth>.Of(trace.Result));
        writer.WriteEndObject();
    }

    /// <summary>The facts a rule read: null, a number, a yes/no, a value or a set of values (anything else as the serializer writes it).</summary>
    public static void Facts(RulesetTexts texts, Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> facts)
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
                    texts.Write(writer, text);
                    break;
                case string[] members:
                    writer.WriteStartArray();
                    foreach (var member in members)
                    {
                        texts.Write(writer, member);
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
    public static void Texts(RulesetTexts texts, Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            texts.Write(writer, values[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>A text property; nothing when it is null.</summary>
    public static void Text(RulesetTexts texts, Utf8JsonWriter writer, JsonEncodedText name, string? text)
    {
        if (text is not null)
        {
            texts.Write(writer, name, text);
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

    private static void Traces(RulesetTexts texts, Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<ConditionTrace>? traces)
    {
        if (traces is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < traces.Count; i++)
        {
            Trace(texts, writer, traces[i]);
        }

        writer.WriteEndArray();
    }
}
