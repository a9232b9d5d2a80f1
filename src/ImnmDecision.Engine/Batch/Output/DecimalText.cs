using System.Globalization;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Writes a number already rounded to a few decimals (a probability to 4, a score to 2) as the shortest
/// round-trip text <see cref="double.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/> gives,
/// without the general shortest-digits search: the digits of the rounded decimal are written directly. Any
/// value this cannot prove it writes identically (not the correctly rounded double of a short decimal, negative
/// zero, too large) goes to the general formatter. A differential test compares both on many values.
/// </summary>
internal static class DecimalText
{
    private static readonly double[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>Writes <paramref name="value"/>, which has at most <paramref name="decimals"/> (0 to 6) decimals, as its shortest round-trip text.</summary>
    public static void Write(Span<byte> span, ref int p, double value, int decimals)
    {
        var scale = PowersOfTen[decimals];
        var scaled = Math.Round(value * scale);
        // value is the correctly rounded double of scaled / 10^decimals exactly when this division gives it back;
        // then its shortest round-trip text is that decimal's own text (at most 15 significant digits).
        if (!(Math.Abs(scaled) < 1e12) || scaled / scale != value || (value == 0 && double.IsNegative(value)))
        {
            value.TryFormat(span[p..], out var written, default, CultureInfo.InvariantCulture);
            p += written;
            return;
        }

        var units = (long)scaled;
        if (units < 0)
        {
            span[p++] = (byte)'-';
            units = -units;
        }

        var divisor = (long)scale;
        var whole = units / divisor;
        var fraction = units - (whole * divisor);
        whole.TryFormat(span[p..], out var wholeBytes, default, CultureInfo.InvariantCulture);
        p += wholeBytes;
        if (fraction == 0)
        {
            return;
        }

        var digits = decimals;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        span[p++] = (byte)'.';
        for (var i = digits - 1; i >= 0; i--)
        {
            span[p + i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        p += digits;
    }
}
