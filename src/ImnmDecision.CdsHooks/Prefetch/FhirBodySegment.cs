using System.Buffers;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>One fixed-size block of a FHIR answer's body, linked to the next so the body reads as one sequence.</summary>
internal sealed class FhirBodySegment : ReadOnlySequenceSegment<byte>
{
    public FhirBodySegment(byte[] block, long runningIndex)
    {
        Block = block;
        RunningIndex = runningIndex;
        Memory = block.AsMemory(0, 0);
    }

    /// <summary>The pooled array behind this block.</summary>
    public byte[] Block { get; }

    /// <summary>How many bytes of the block hold data.</summary>
    public int Length => Memory.Length;

    /// <summary>Room left in the block.</summary>
    public Memory<byte> Free => Block.AsMemory(Length);

    /// <summary>Marks <paramref name="count"/> more bytes of the block as data.</summary>
    public void Advance(int count) => Memory = Block.AsMemory(0, Length + count);

    /// <summary>Links the next block after this one.</summary>
    public FhirBodySegment Append(byte[] block)
    {
        var next = new FhirBodySegment(block, RunningIndex + Length);
        Next = next;
        return next;
    }
}
