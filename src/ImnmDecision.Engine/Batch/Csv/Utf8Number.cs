using System.Globalization;
using System.Runtime.CompilerServices;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Reads a number written in a cell. Plain decimals (digits, at most one point, at most 15 digits in all) are read
/// directly: the digits are an exact integer and the power of ten is exact, so one division gives the correctly
/// rounded double, the same one <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/>
/// gives (Clinger's fast path). Anything else (signs, exponents, spaces, longer numbers) goes to that method.
/// </summary>
internal static class Utf8Number
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Reads a finite number (invariant culture, <see cref="NumberStyles.Float"/>); false for anything else.</summary>
    [MethodImpl(PerRow.Optimized)]
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        if (TryParsePlain(text, out value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    [MethodImpl(PerRow.Optimized)]
    private static bool TryParsePlain(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > MaxDigits + 1 || text[0] == (byte)'.' || text[^1] == (byte)'.')
        {
            return false;
        }

        var mantissa = 0L;
        var point = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - (byte)'0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit;
            }
            else if (text[i] == (byte)'.' && point < 0)
            {
                point = i;
            }
            else
            {
                return false;
            }
        }

        var decimals = point < 0 ? 0 : text.Length - point - 1;
        if (text.Length - (point < 0 ? 0 : 1) > MaxDigits)
        {
            return false;
        }

        value = decimals == 0 ? mantissa : mantissa / PowersOfTen[decimals];
        return true;
    }
}
