using System.Buffers;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Answers;

/// <summary>The plain writer: System.Text.Json over the answer's records with the contract's options.</summary>
public sealed class SerializerAnswerWriter : IAnswerWriter
{
    public string Name => "serializer";

    public void Write(IBufferWriter<byte> output, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(assessment);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, MaxDepth = ImnmJson.Options.MaxDepth });
        JsonSerializer.Serialize(writer, assessment, ImnmJson.Options);
    }
}
