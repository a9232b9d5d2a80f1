using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// A short UTF-8 text (a name, a separator) kept zero-padded to whole 16-byte blocks, so that writing it is a
/// store or a few instead of a call to the general copy. A result row writes some twenty of them.
/// </summary>
internal readonly struct PaddedUtf8
{
    private const int Block = 16;
    private readonly byte[] padded;

    public PaddedUtf8(ReadOnlySpan<byte> text)
    {
        Length = text.Length;
        padded = new byte[Math.Max(Block, (text.Length + Block - 1) / Block * Block)];
        text.CopyTo(padded);
    }

    /// <summary>The text's length in bytes.</summary>
    public int Length { get; }

    public static implicit operator PaddedUtf8(byte[] text) => new(text);

    /// <summary>Writes the text at <paramref name="position"/> and moves it on (the padding beyond may be overwritten too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(Span<byte> destination, ref int position)
    {
        if ((uint)position > (uint)destination.Length || destination.Length - position < padded.Length)
        {
            padded.AsSpan(0, Length).CopyTo(destination[position..]);
        }
        else
        {
            ref var from = ref MemoryMarshal.GetArrayDataReference(padded);
            ref var to = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), position);
            for (nuint offset = 0; offset < (nuint)padded.Length; offset += Block)
            {
                Vector128.LoadUnsafe(ref from, offset).StoreUnsafe(ref to, offset);
            }
        }

        position += Length;
    }
}
