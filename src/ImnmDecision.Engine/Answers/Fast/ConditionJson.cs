using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// A rule's trace written straight from its condition and the case's facts (<see cref="TraceSource"/>), the same
/// bytes <see cref="TraceJson"/> writes for the built trace: each fact test copies its fixed JSON
/// (<see cref="LeafJson"/>) and adds the value seen and the result; <c>all</c>, <c>any</c> and <c>not</c> add
/// their parts; a named condition's trace is written once per answer and copied where it stands again. No trace
/// objects, no JSON elements. One instance per thread.
/// </summary>
internal sealed class ConditionJson
{
    private static readonly byte[] AllStart = "{\"all\":["u8.ToArray();
    private static readonly byte[] AnyStart = "{\"any\":["u8.ToArray();
    private static readonly byte[] NotStart = "{\"not\":"u8.ToArray();
    private static readonly byte[] Null = "null"u8.ToArray();
    private static readonly byte[][] Results = [.. Enum.GetValues<Truth>().Select(Result)];

    [ThreadStatic]
    private static ConditionJson? current;

    private readonly JsonBytes trace = new();
    private readonly JsonBytes shared = new();
    private readonly Dictionary<Condition, (int Start, int Length, Truth Truth)> sharedAt = new(ReferenceEqualityComparer.Instance);
    private FactSet? facts;

    /// <summary>Writes <paramref name="name"/> and the trace of <paramref name="source"/>.</summary>
    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, TraceSource source)
    {
        var json = current ??= new ConditionJson();
        json.Begin(source.Facts);
        json.Node(source.Condition);
        writer.WritePropertyName(name);
        writer.WriteRawValue(json.trace.Written, skipInputValidation: true);
    }

    /// <summary>Writes an array element: <paramref name="start"/> (an object's JSON up to <c>"trace":</c>), the trace of <paramref name="source"/>, and the object's end.</summary>
    public static void WriteItem(Utf8JsonWriter writer, ReadOnlySpan<byte> start, TraceSource source)
    {
        var json = current ??= new ConditionJson();
        json.Begin(source.Facts);
        json.trace.Append(start);
        json.Node(source.Condition);
        json.trace.Append((byte)'}');
        writer.WriteRawValue(json.trace.Written, skipInputValidation: true);
    }

    /// <summary>Starts a trace; named conditions written for other facts (another answer) are forgotten.</summary>
    private void Begin(FactSet traced)
    {
        trace.Clear();
        if (!ReferenceEquals(facts, traced))
        {
            facts = traced;
            shared.Clear();
            sharedAt.Clear();
        }
    }

    private Truth Node(Condition condition) => condition switch
    {
        LeafCondition leaf => Leaf(leaf),
        AllCondition all => Parts(AllStart, all.Parts, all: true),
        AnyCondition any => Parts(AnyStart, any.Parts, all: false),
        NotCondition not => Not(not),
        RefCondition named => Named(named),
        _ => throw new InvalidOperationException($"{condition.GetType().Name} has no trace JSON."),
    };

    private Truth Leaf(LeafCondition leaf)
    {
        var json = LeafJson.Of(leaf);
        var value = facts![leaf.Fact.Slot];
        trace.Append(json.Prefix);
        Truth truth;
        if (double.IsNaN(value))
        {
            trace.Append(Null);
            truth = json.UnknownTruth;
        }
        else
        {
            Actual(leaf.Fact.Type, json, value);
            truth = leaf.Holds(facts) ? Truth.True : Truth.False;
        }

        trace.Append(Results[(int)truth]);
        return truth;
    }

    /// <summary>The value seen, as <see cref="FactCatalog.Display"/> gives it and the serializer writes it.</summary>
    private void Actual(FactType type, LeafJson json, double value)
    {
        switch (type)
        {
            case FactType.Boolean:
                trace.Append(json.Values[value != 0 ? 1 : 0]);
                break;
            case FactType.Enum:
                trace.Append(json.Values[(int)value]);
                break;
            case FactType.Set:
                trace.Append((byte)'[');
                var mask = (ulong)value;
                var first = true;
                for (var i = 0; i < json.Values.Length; i++)
                {
                    if ((mask & (1UL << i)) != 0)
                    {
                        if (!first)
                        {
                            trace.Append((byte)',');
                        }

                        trace.Append(json.Values[i]);
                        first = false;
                    }
                }

                trace.Append((byte)']');
                break;
            default:
                // As Utf8JsonWriter writes a double (the shortest text that reads back as the same number).
                Span<byte> text = stackalloc byte[64];
                Utf8Formatter.TryFormat(Math.Round(value, 2), text, out var length);
                trace.Append(text[..length]);
                break;
        }
    }

    /// <summary><c>all</c>: false when any part is, else unknown when any is, else true; <c>any</c>: true when any part is, else unknown when any is, else false.</summary>
    private Truth Parts(byte[] start, IReadOnlyList<Condition> parts, bool all)
    {
        trace.Append(start);
        var decisive = false;
        var unknown = false;
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                trace.Append((byte)',');
            }

            var truth = Node(parts[i]);
            decisive |= truth == (all ? Truth.False : Truth.True);
            unknown |= truth == Truth.Unknown;
        }

        trace.Append((byte)']');
        var result = decisive ? (all ? Truth.False : Truth.True) : unknown ? Truth.Unknown : all ? Truth.True : Truth.False;
        trace.Append(Results[(int)result]);
        return result;
    }

    private Truth Not(NotCondition not)
    {
        trace.Append(NotStart);
        var truth = Node(not.Part) switch
        {
            Truth.True => Truth.False,
            Truth.False => Truth.True,
            _ => Truth.Unknown,
        };
        trace.Append(Results[(int)truth]);
        return truth;
    }

    /// <summary>A named condition: its name, then its condition's trace, written the first time and copied after.</summary>
    private Truth Named(RefCondition named)
    {
        trace.Append(named.AnswerFragments as byte[] ?? (byte[])(named.AnswerFragments = RefStart(named.Name)));
        Truth truth;
        if (sharedAt.TryGetValue(named.Target, out var at))
        {
            trace.Append(shared.Slice(at.Start, at.Length));
            truth = at.Truth;
        }
        else
        {
            var start = trace.Length;
            truth = Node(named.Target);
            var length = trace.Length - start;
            sharedAt[named.Target] = (shared.Length, length, truth);
            shared.Append(trace.Slice(start, length));
        }

        trace.Append(Results[(int)truth]);
        return truth;
    }

    /// <summary><c>{"ref":"name","when":</c>.</summary>
    private static byte[] RefStart(string name)
    {
        var output = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.Ref, name);
            writer.WritePropertyName(AnswerNames.When);
            writer.WriteNullValue();
        }

        var json = output.WrittenSpan;
        return json[..^"null".Length].ToArray();
    }

    /// <summary><c>,"result":"true"}</c> and its siblings.</summary>
    private static byte[] Result(Truth truth)
    {
        var output = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteNullValue();
            writer.WriteString(AnswerNames.Result, EnumText<Truth>.Of(truth));
            writer.WriteEndObject();
        }

        // {null,"result":"true"}: the part after the first value.
        return output.WrittenSpan["{null".Length..].ToArray();
    }
}
