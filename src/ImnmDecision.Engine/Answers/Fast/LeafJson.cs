using System.Buffers;
using System.Text.Json;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// The fixed JSON of one fact test's trace, written once per ruleset: everything before the value seen
/// (<c>{"fact":…,"op":…,"value":…,"param":…,"actual":</c>, as <see cref="TraceJson"/> writes it), the JSON of each
/// value a yes/no or enum fact can take (each member of a set fact), and the result when the fact is unknown.
/// </summary>
internal sealed class LeafJson
{
    private static readonly byte[] ActualName = ",\"actual\":"u8.ToArray();

    private LeafJson(byte[] prefix, byte[][] values, Truth unknownTruth)
    {
        Prefix = prefix;
        Values = values;
        UnknownTruth = unknownTruth;
    }

    /// <summary>The trace's JSON up to and including <c>"actual":</c>.</summary>
    public byte[] Prefix { get; }

    /// <summary>The JSON of each value (yes/no, enum) or member (set) by ordinal; empty for a number.</summary>
    public byte[][] Values { get; }

    /// <summary>The test's result when the fact is unknown (unknown, except for <c>known</c>).</summary>
    public Truth UnknownTruth { get; }

    /// <summary>The leaf's fragments, built on first use (a benign race: two threads build equal ones).</summary>
    public static LeafJson Of(LeafCondition leaf) =>
        leaf.AnswerFragments as LeafJson ?? (LeafJson)(leaf.AnswerFragments = Build(leaf));

    private static LeafJson Build(LeafCondition leaf)
    {
        // The trace on facts all unknown, as the fragment writer's trace code writes it, cut before its value seen.
        var unknown = leaf.Trace(new FactSet());
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            TraceJson.Trace(new RulesetTexts(), writer, unknown);
        }

        var json = output.WrittenSpan;
        var cut = json.LastIndexOf(ActualName) + ActualName.Length;
        var fact = leaf.Fact;
        var count = fact.Type switch
        {
            FactType.Boolean => 2,
            FactType.Enum or FactType.Set => fact.Values.Count,
            _ => 0,
        };
        var values = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            object? value = fact.Type == FactType.Set ? fact.Values[i] : FactCatalog.Display(fact, i);
            values[i] = JsonSerializer.SerializeToUtf8Bytes(value, ImnmJson.Options);
        }

        return new LeafJson(json[..cut].ToArray(), values, unknown.Result);
    }
}
