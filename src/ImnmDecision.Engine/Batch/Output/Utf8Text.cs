using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace ImnmDecision.Engine.Batch;

/// <summary>Small UTF-8 writing helpers for the result writers: no allocation, no encoder objects.</summary>
internal static class Utf8Text
{
    /// <summary>Writes bytes at <paramref name="position"/> and moves it on.</summary>
    public static void Write(Span<byte> destination, ref int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[position..]);
        position += bytes.Length;
    }

    /// <summary>Writes one ASCII byte.</summary>
    public static void Write(Span<byte> destination, ref int position, byte value) => destination[position++] = value;

    /// <summary>Writes an integer in invariant form.</summary>
    public static void Write(Span<byte> destination, ref int position, long value)
    {
        Utf8Formatter.TryFormat(value, destination[position..], out var written);
        position += written;
    }

    /// <summary>Writes a JSON string literal with its quotes; non-ASCII stays UTF-8, control characters are escaped.</summary>
    [MethodImpl(PerRow.Optimized)]
    public static void WriteJsonString(Span<byte> destination, ref int position, string text)
    {
        destination[position++] = (byte)'"';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (c is '"' or '\\')
                {
                    destination[position++] = (byte)'\\';
                    destination[position++] = (byte)c;
                }
                else if (c < 0x20)
                {
                    "\\u00"u8.CopyTo(destination[position..]);
                    position += 4;
                    destination[position++] = Hex(c >> 4);
                    destination[position++] = Hex(c & 0xF);
                }
                else
                {
                    destination[position++] = (byte)c;
                }

                continue;
            }

            position += EncodeRune(text, ref i, destination[position..]);
        }

        destination[position++] = (byte)'"';
    }

    /// <summary>Whether a CSV cell needs quotes (RFC 4180): a comma, quote, line break, or surrounding space.</summary>
    public static bool NeedsCsvQuotes(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '));

    /// <summary>
    /// Whether a cell would be read as a formula by a spreadsheet (OWASP's CSV injection rule): it starts with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, and is not a plain number (numbers,
    /// negative ones included, are never altered).
    /// </summary>
    public static bool NeedsFormulaGuard(ReadOnlySpan<char> text) =>
        !text.IsEmpty && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(text);

    /// <summary>A CSV cell as text: prefixed with <c>'</c> when it would be read as a formula (unless <paramref name="raw"/>), quoted when needed.</summary>
    public static string CsvCell(string text, bool raw)
    {
        ArgumentNullException.ThrowIfNull(text);
        var guarded = !raw && NeedsFormulaGuard(text) ? "'" + text : text;
        return NeedsCsvQuotes(guarded) ? $"\"{guarded.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : guarded;
    }

    /// <summary>Writes a CSV cell, prefixed with <c>'</c> when it would be read as a formula (unless <paramref name="raw"/>), quoted (with doubled quotes) when needed.</summary>
    [MethodImpl(PerRow.Optimized)]
    public static void WriteCsvCell(Span<byte> destination, ref int position, string text, bool raw)
    {
        var guard = !raw && NeedsFormulaGuard(text);
        var quote = NeedsCsvQuotes(text) || (guard && text[^1] == ' ');
        if (quote)
        {
            destination[position++] = (byte)'"';
        }

        if (guard)
        {
            destination[position++] = (byte)'\'';
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (c == '"')
                {
                    destination[position++] = (byte)'"';
                }

                destination[position++] = (byte)c;
                continue;
            }

            position += EncodeRune(text, ref i, destination[position..]);
        }

        if (quote)
        {
            destination[position++] = (byte)'"';
        }
    }

    /// <summary>The most bytes <see cref="WriteJsonString"/> or <see cref="WriteCsvCell"/> can write for a text.</summary>
    public static int MaxBytes(string text) => (text.Length * 6) + 3;

    /// <summary>An optional sign, digits with at most one decimal point, an optional exponent: a number a spreadsheet reads as one.</summary>
    private static bool IsPlainNumber(ReadOnlySpan<char> text)
    {
        var i = text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        var point = false;
        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
            }
            else if (text[i] == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            i += i < text.Length && text[i] is '+' or '-' ? 1 : 0;
            var exponent = 0;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                exponent++;
            }

            return exponent > 0 && i == text.Length;
        }

        return i == text.Length;
    }

    private static int EncodeRune(string text, ref int index, Span<byte> destination)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var used) != System.Buffers.OperationStatus.Done)
        {
            rune = Rune.ReplacementChar;
            used = 1;
        }

        index += used - 1;
        return rune.EncodeToUtf8(destination);
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
