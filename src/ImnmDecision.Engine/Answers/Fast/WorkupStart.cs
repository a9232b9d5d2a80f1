using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// The JSON of a workup item up to its trace (<c>{"id":…,"citations":[…],"trace":</c>), written once per rule: an
/// item without a risk stratification holds only its rule's texts and lists, the same objects in every answer.
/// Kept by rule id, and used only while the item holds the same objects it was written from.
/// </summary>
internal sealed class WorkupStart
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    private static readonly ConditionalWeakTable<string, WorkupStart> ByRule = new();

    private readonly WorkupId id;
    private readonly string label;
    private readonly WorkupPriority priority;
    private readonly WorkupStatus status;
    private readonly string reason;
    private readonly IReadOnlyList<string> citations;

    private WorkupStart(WorkupItem item, byte[] json)
    {
        id = item.Id;
        label = item.Label;
        priority = item.Priority;
        status = item.Status;
        reason = item.Reason;
        citations = item.Citations;
        Json = json;
    }

    /// <summary>The JSON up to and including <c>"trace":</c>.</summary>
    public byte[] Json { get; }

    /// <summary>Whether the item is one this start can be written for: no risk stratification, a trace from its condition.</summary>
    public static bool Applies(WorkupItem item) =>
        item is { RiskStratification: null, RiskCategory: null, RiskFactors: null, RiskFactorsCouldRaise: null, Schedule: null, Cautions: null }
        && item.Traced.Source is not null;

    /// <summary>The start of <paramref name="item"/>, written the first time.</summary>
    public static byte[] Of(RulesetTexts texts, WorkupItem item)
    {
        if (ByRule.TryGetValue(item.RuleId, out var start) && start.Fits(item))
        {
            return start.Json;
        }

        var output = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            writer.WriteStartObject();
            ItemJson.WorkupFields(texts, writer, item);
            writer.WritePropertyName(AnswerNames.Trace);
            writer.WriteNullValue();
        }

        start = new WorkupStart(item, output.WrittenSpan[..^"null".Length].ToArray());
        ByRule.AddOrUpdate(item.RuleId, start);
        return start.Json;
    }

    private bool Fits(WorkupItem item) =>
        item.Id == id && item.Priority == priority && item.Status == status
        && ReferenceEquals(item.Label, label) && ReferenceEquals(item.Reason, reason) && ReferenceEquals(item.Citations, citations);
}
