using System.Buffers;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// The JSON of the named conditions' traces in one answer. Every rule that names a condition holds the same
/// trace object for it (the engine traces a named condition once per answer), so its JSON is written once and
/// copied where it stands again. Keyed by the object, kept for one answer on one thread.
/// </summary>
internal static class SharedTraces
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    [ThreadStatic]
    private static Dictionary<ConditionTrace, byte[]>? written;

    /// <summary>Forgets the previous answer's traces.</summary>
    public static void Begin() => written?.Clear();

    /// <summary>The JSON of a named condition's trace, written by <paramref name="write"/> the first time.</summary>
    public static ReadOnlySpan<byte> Json(ConditionTrace trace, Action<Utf8JsonWriter, ConditionTrace> write)
    {
        written ??= new Dictionary<ConditionTrace, byte[]>(ReferenceEqualityComparer.Instance);
        if (written.TryGetValue(trace, out var json))
        {
            return json;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer, trace);
        }

        json = buffer.WrittenSpan.ToArray();
        written[trace] = json;
        return json;
    }
}
