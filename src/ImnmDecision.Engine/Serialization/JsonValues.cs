using System.Buffers;
using System.Text.Json;

namespace ImnmDecision.Engine.Serialization;

/// <summary>
/// Single JSON values as elements, written with a <see cref="Utf8JsonWriter"/> as the serializer would write them
/// but without it: the reflection serializer's first use costs a start-up its loaders do not need (the ruleset's
/// leaves keep their values as elements for the traces).
/// </summary>
internal static class JsonValues
{
    /// <summary>The JSON null.</summary>
    public static JsonElement Null { get; } = Write(static (writer, _) => writer.WriteNullValue(), 0d);

    /// <summary>A string, escaped as the serializer escapes it.</summary>
    public static JsonElement String(string value) => Write(static (writer, text) => writer.WriteStringValue(text), value);

    /// <summary>A number, in the serializer's shortest round-trip form.</summary>
    public static JsonElement Number(double value) => Write(static (writer, number) => writer.WriteNumberValue(number), value);

    private static JsonElement Write<T>(Action<Utf8JsonWriter, T> write, T value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
