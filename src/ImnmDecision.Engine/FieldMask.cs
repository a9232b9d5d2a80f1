using System.Numerics;
using System.Runtime.CompilerServices;

namespace ImnmDecision.Engine;

/// <summary>
/// A set of input fields (see <see cref="Facts.InputField"/>), one bit each, up to 128: which absent fields a
/// decision hinged on, carried through the evaluation without allocating. A value type of this assembly rather than
/// <see cref="UInt128"/>, whose layout belongs to the runtime: code that handles one can then be compiled ahead of
/// time with the engine (a published <c>imnm</c>), instead of waiting for the JIT. Its operators are marked for
/// inlining, as the runtime's own integer types are: they are single instructions on each half, used in the loops
/// of every evaluation.
/// </summary>
/// <param name="low">Fields 0 to 63.</param>
/// <param name="high">Fields 64 to 127.</param>
[method: MethodImpl(MethodImplOptions.AggressiveInlining)]
public readonly struct FieldMask(ulong low, ulong high) : IEquatable<FieldMask>
{
    /// <summary>Fields 0 to 63, one bit each.</summary>
    public ulong Low { get; } = low;

    /// <summary>Fields 64 to 127, one bit each.</summary>
    public ulong High { get; } = high;

    /// <summary>No field.</summary>
    public static FieldMask Zero => default;

    /// <summary>The first field alone.</summary>
    public static FieldMask One => new(1, 0);

    /// <summary>The fields of the low 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator FieldMask(ulong low) => new(low, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldMask operator |(FieldMask left, FieldMask right) => new(left.Low | right.Low, left.High | right.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldMask operator &(FieldMask left, FieldMask right) => new(left.Low & right.Low, left.High & right.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldMask operator ~(FieldMask mask) => new(~mask.Low, ~mask.High);

    /// <summary>The difference as 128-bit numbers (<c>mask &amp; (mask - 1)</c> clears the lowest field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldMask operator -(FieldMask left, FieldMask right)
    {
        var low = left.Low - right.Low;
        return new(low, left.High - right.High - (low > left.Low ? 1UL : 0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldMask operator <<(FieldMask mask, int shift)
    {
        shift &= 127;
        return shift switch
        {
            0 => mask,
            < 64 => new(mask.Low << shift, (mask.High << shift) | (mask.Low >> (64 - shift))),
            _ => new(0, mask.Low << (shift - 64)),
        };
    }

    /// <summary>The index of the lowest field in the set (128 when empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TrailingZeroCount(FieldMask mask) =>
        mask.Low != 0 ? BitOperations.TrailingZeroCount(mask.Low) : 64 + BitOperations.TrailingZeroCount(mask.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator ==(FieldMask left, FieldMask right) => left.Equals(right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator !=(FieldMask left, FieldMask right) => !left.Equals(right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(FieldMask other) => ((Low ^ other.Low) | (High ^ other.High)) == 0;

    public override bool Equals(object? obj) => obj is FieldMask other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Low, High);

    public override string ToString() => High == 0 ? $"0x{Low:X}" : $"0x{High:X}{Low:X16}";
}
