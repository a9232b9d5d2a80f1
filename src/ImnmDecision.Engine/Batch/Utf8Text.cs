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

    /// <summary>Writes a CSV cell, quoted (with doubled quotes) when needed.</summary>
    [MethodImpl(PerRow.Optimized)]
    public static void WriteCsvCell(Span<byte> destination, ref int position, string text)
    {
        var quote = NeedsCsvQuotes(text);
        if (quote)
        {
            destination[position++] = (byte)'"';
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
    public static int MaxBytes(string text) => (text.Length * 6) + 2;

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
