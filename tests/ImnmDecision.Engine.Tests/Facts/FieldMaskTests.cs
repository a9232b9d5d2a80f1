namespace ImnmDecision.Engine.Tests.Facts;

/// <summary>The engine's 128-bit field mask does what the same operations do on <see cref="UInt128"/>.</summary>
public sealed class FieldMaskTests
{
    private static FieldMask Of(UInt128 value) => new((ulong)value, (ulong)(value >> 64));

    private static UInt128 ToUInt128(FieldMask mask) => ((UInt128)mask.High << 64) | mask.Low;

    [Fact]
    public void Operations_AgreeWithUInt128()
    {
        var random = new Random(20261203);
        UInt128[] edges = [0, 1, ulong.MaxValue, (UInt128)ulong.MaxValue + 1, UInt128.MaxValue, (UInt128)1 << 63, (UInt128)1 << 64, (UInt128)1 << 127];
        var values = edges.Concat(Enumerable.Range(0, 2000).Select(_ => new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()) >> random.Next(128))).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var a = values[i];
            var b = values[(i * 7 + 3) % values.Length];
            var shift = i % 128;
            ToUInt128(Of(a) | Of(b)).Should().Be(a | b);
            ToUInt128(Of(a) & Of(b)).Should().Be(a & b);
            ToUInt128(~Of(a)).Should().Be(~a);
            ToUInt128(Of(a) - Of(b)).Should().Be(a - b, "the difference of {0} and {1}", a, b);
            ToUInt128(Of(a) << shift).Should().Be(a << shift, "{0} shifted by {1}", a, shift);
            (Of(a) == Of(b)).Should().Be(a == b);
            (Of(a) == Of(a)).Should().BeTrue();
            (Of(a) != Of(a ^ ((UInt128)1 << shift))).Should().BeTrue("{0} differs from itself with bit {1} flipped", a, shift);
            Of(a).Equals((object)Of(a)).Should().BeTrue();
            Of(a).GetHashCode().Should().Be(Of(a).GetHashCode());
            FieldMask.TrailingZeroCount(Of(a)).Should().Be((int)UInt128.TrailingZeroCount(a));
        }
    }

    [Fact]
    public void LowestFieldLoop_VisitsEveryFieldOnce()
    {
        var mask = FieldMask.One | (FieldMask.One << 63) | (FieldMask.One << 64) | (FieldMask.One << 127);
        var seen = new List<int>();
        for (var rest = mask; rest != FieldMask.Zero; rest &= rest - FieldMask.One)
        {
            seen.Add(FieldMask.TrailingZeroCount(rest));
        }

        seen.Should().Equal(0, 63, 64, 127);
        ((FieldMask)5UL).Should().Be(new FieldMask(5, 0));
    }
}
