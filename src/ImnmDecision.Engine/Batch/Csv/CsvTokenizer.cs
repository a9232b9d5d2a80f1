using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Finds the fields of one CSV record (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF
/// or LF) and gives their text. Used by the reader to frame records and read the header, and by each row parser
/// to split a framed row; keeps the field positions of the last record tokenized, so one per thread.
/// </summary>
internal sealed class CsvTokenizer
{
    public const int MaxFields = 256;

    private readonly int[] starts = new int[MaxFields];
    private readonly int[] lengths = new int[MaxFields];
    private readonly bool[] escaped = new bool[MaxFields];
    private byte[] unescaped = new byte[256];

    /// <summary>
    /// Frames a plain record: one with no quote before its line break (most records), which that line break
    /// ends (or the end of the final block). Gives the length of its text without the line break and the length
    /// it takes with it; false for any other record, which <see cref="Tokenize"/> frames by the quoting rules.
    /// </summary>
    [MethodImpl(PerRow.Optimized)]
    public static bool TryFramePlain(ReadOnlySpan<byte> data, bool isFinalBlock, out int contentLength, out int length)
    {
        var end = data.IndexOfAny((byte)'"', (byte)'\n');
        if (end >= 0 && data[end] == (byte)'\n')
        {
            contentLength = end;
            length = end + 1;
            return true;
        }

        contentLength = length = data.Length;
        return end < 0 && isFinalBlock && !data.IsEmpty;
    }

    /// <summary>Whether the last record tokenized ended inside a quoted field that the end of the input left open.</summary>
    public bool EndedInsideQuotes { get; private set; }

    /// <summary>Finds the fields of the record at the start of <paramref name="data"/>; changes no state but the field arrays and <see cref="EndedInsideQuotes"/>.</summary>
    public RecordStatus Tokenize(ReadOnlySpan<byte> data, bool isFinalBlock, out int length, out int fieldCount, out int newlines, out bool malformed)
    {
        EndedInsideQuotes = false;
        // A plain record's fields are the text between the commas.
        if (TryFramePlain(data, isFinalBlock, out var contentLength, out length))
        {
            var positions = new Positions(this);
            fieldCount = SplitPlain(data[..contentLength], ref positions);
            newlines = 0;
            malformed = false;
            return RecordStatus.Record;
        }

        var pos = 0;
        var n = 0;
        length = 0;
        fieldCount = 0;
        newlines = 0;
        malformed = false;
        while (true)
        {
            if (pos < data.Length && data[pos] == (byte)'"')
            {
                var start = pos + 1;
                var p = start;
                var hasEscapes = false;
                while (true)
                {
                    var quote = data[p..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        if (!isFinalBlock)
                        {
                            return RecordStatus.NeedMoreData;
                        }

                        // An unterminated quote at the end of the input.
                        newlines += data[p..].Count((byte)'\n');
                        AddField(n++, start, data.Length - start, hasEscapes);
                        malformed = true;
                        EndedInsideQuotes = true;
                        length = data.Length;
                        fieldCount = n;
                        return RecordStatus.Record;
                    }

                    newlines += data.Slice(p, quote).Count((byte)'\n');
                    p += quote + 1;
                    if (p == data.Length)
                    {
                        if (!isFinalBlock)
                        {
                            return RecordStatus.NeedMoreData; // "" or the closing quote: the next byte decides.
                        }

                        break;
                    }

                    if (data[p] == (byte)'"')
                    {
                        hasEscapes = true;
                        p++;
                        continue;
                    }

                    break;
                }

                AddField(n++, start, p - 1 - start, hasEscapes);
                if (p == data.Length)
                {
                    length = p;
                    fieldCount = n;
                    return RecordStatus.Record;
                }

                var next = data[p];
                if (next == (byte)',')
                {
                    pos = p + 1;
                    continue;
                }

                if (next == (byte)'\n' || (next == (byte)'\r' && p + 1 < data.Length && data[p + 1] == (byte)'\n'))
                {
                    length = p + (next == (byte)'\n' ? 1 : 2);
                    fieldCount = n;
                    return RecordStatus.Record;
                }

                if (next == (byte)'\r' && p + 1 == data.Length && !isFinalBlock)
                {
                    return RecordStatus.NeedMoreData;
                }

                // Text after a closing quote: the row is not valid CSV; it ends at the next line break.
                malformed = true;
                var lineEnd = data[p..].IndexOf((byte)'\n');
                if (lineEnd < 0 && !isFinalBlock)
                {
                    return RecordStatus.NeedMoreData;
                }

                length = lineEnd < 0 ? data.Length : p + lineEnd + 1;
                fieldCount = n;
                return RecordStatus.Record;
            }

            var relative = data[pos..].IndexOfAny((byte)',', (byte)'\n');
            if (relative < 0)
            {
                if (!isFinalBlock)
                {
                    return RecordStatus.NeedMoreData;
                }

                var last = data.Length;
                if (last > pos && data[last - 1] == (byte)'\r')
                {
                    last--;
                }

                AddField(n++, pos, last - pos, false);
                length = data.Length;
                fieldCount = n;
                return RecordStatus.Record;
            }

            var end = pos + relative;
            if (data[end] == (byte)',')
            {
                AddField(n++, pos, relative, false);
                pos = end + 1;
                continue;
            }

            var fieldEnd = end > pos && data[end - 1] == (byte)'\r' ? end - 1 : end;
            AddField(n++, pos, fieldEnd - pos, false);
            length = end + 1;
            fieldCount = n;
            return RecordStatus.Record;
        }
    }

    /// <summary>Receives the fields of a line as <see cref="SplitPlain"/> finds them.</summary>
    internal interface IFieldSink
    {
        /// <summary>Field <paramref name="index"/> is the <paramref name="length"/> bytes from <paramref name="start"/> of the line.</summary>
        void Field(int index, int start, int length);
    }

    /// <summary>
    /// Splits a line without quotes at its commas (a carriage return before the line break is not part of the
    /// last field) and returns the number of fields. Finds the commas 32 bytes at a time.
    /// </summary>
    [MethodImpl(PerRow.Optimized)]
    public static int SplitPlain<TSink>(ReadOnlySpan<byte> line, ref TSink sink)
        where TSink : IFieldSink, allows ref struct
    {
        var n = 0;
        var start = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(line);
            var comma = Vector256.Create((byte)',');
            for (; i + Vector256<byte>.Count <= line.Length; i += Vector256<byte>.Count)
            {
                var bits = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), comma).ExtractMostSignificantBits();
                while (bits != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(bits);
                    sink.Field(n++, start, at - start);
                    start = at + 1;
                    bits &= bits - 1;
                }
            }
        }

        for (; i < line.Length; i++)
        {
            if (line[i] == (byte)',')
            {
                sink.Field(n++, start, i - start);
                start = i + 1;
            }
        }

        var end = line.Length > start && line[^1] == (byte)'\r' ? line.Length - 1 : line.Length;
        sink.Field(n++, start, end - start);
        return n;
    }

    private void AddField(int index, int start, int length, bool hasEscapes)
    {
        if (index < MaxFields)
        {
            starts[index] = start;
            lengths[index] = length;
            escaped[index] = hasEscapes;
        }
    }

    /// <summary>A field's text: doubled quotes undone, surrounding spaces and tabs trimmed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // Once per cell: most cells need neither undoing nor trimming.
    public ReadOnlySpan<byte> Cell(ReadOnlySpan<byte> data, int index) => Trimmed(RawCell(data, index));

    /// <summary>A field's text as sent: doubled quotes undone, nothing trimmed (the caseId is echoed as sent).</summary>
    public ReadOnlySpan<byte> RawCell(ReadOnlySpan<byte> data, int index) =>
        escaped[index] ? Unescape(data.Slice(starts[index], lengths[index])) : data.Slice(starts[index], lengths[index]);

    /// <summary>A cell's text without surrounding spaces and tabs (most cells have none to remove).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trimmed(ReadOnlySpan<byte> raw) =>
        raw.IsEmpty || (raw[0] is not ((byte)' ' or (byte)'\t') && raw[^1] is not ((byte)' ' or (byte)'\t')) ? raw : raw.Trim(" \t"u8);

    /// <summary>Records the fields' positions for <see cref="Cell"/>.</summary>
    private readonly ref struct Positions(CsvTokenizer owner) : IFieldSink
    {
        public void Field(int index, int start, int length) => owner.AddField(index, start, length, false);
    }

    /// <summary>A quoted field's text with its doubled quotes undone (in a buffer reused for the next field).</summary>
    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> raw)
    {
        if (unescaped.Length < raw.Length)
        {
            unescaped = new byte[Math.Max(raw.Length, unescaped.Length * 2)];
        }

        var written = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            unescaped[written++] = raw[i];
            if (raw[i] == (byte)'"' && i + 1 < raw.Length && raw[i + 1] == (byte)'"')
            {
                i++;
            }
        }

        return unescaped.AsSpan(0, written);
    }
}
