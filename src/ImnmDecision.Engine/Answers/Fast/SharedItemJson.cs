using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// The JSON of answer parts that the engine makes once and puts in every answer that needs them (a missing
/// field's item, a classification item's result, a category's schedule step, a dose that reads nothing of the patient): written the first
/// time and copied after, keyed by the object (answer records never change, so their JSON does not either).
/// </summary>
internal static class SharedItemJson
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    private static readonly ConditionalWeakTable<object, byte[]> Written = new();

    /// <summary>Texts for writing a part the first time (the same bytes as any <see cref="RulesetTexts"/> writes).</summary>
    private static readonly RulesetTexts Texts = new();

    /// <summary>Writes <paramref name="item"/> as an array element, from its JSON written once by <paramref name="write"/>.</summary>
    public static void Write<T>(Utf8JsonWriter writer, T item, Action<RulesetTexts, Utf8JsonWriter, T> write)
        where T : class
    {
        if (!Written.TryGetValue(item, out var json))
        {
            var output = new ArrayBufferWriter<byte>(256);
            using (var itemWriter = new Utf8JsonWriter(output, Options))
            {
                write(Texts, itemWriter, item);
            }

            json = output.WrittenSpan.ToArray();
            Written.AddOrUpdate(item, json);
        }

        writer.WriteRawValue(json, skipInputValidation: true);
    }
}
