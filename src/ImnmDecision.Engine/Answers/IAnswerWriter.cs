using System.Buffers;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Answers;

/// <summary>
/// Writes an assessment as the v1 JSON answer (UTF-8, compact, the contract's names and spellings, nulls left
/// out): the seam between the plain writer (<see cref="SerializerAnswerWriter"/>, System.Text.Json with
/// <see cref="Serialization.ImnmJson.Options"/>) and the single endpoint's speed code
/// (<see cref="Fast.FragmentAnswerWriter"/>). Every variant writes the same bytes; <see cref="EngineVariants"/>
/// lists them.
/// </summary>
public interface IAnswerWriter
{
    /// <summary>The variant's name, for tests and benchmarks.</summary>
    string Name { get; }

    /// <summary>Writes the answer to <paramref name="output"/> (for example a response's PipeWriter).</summary>
    void Write(IBufferWriter<byte> output, Assessment assessment);
}
