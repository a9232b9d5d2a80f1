using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Parses the rows <see cref="CsvRecordReader"/> framed, by the columns of its header. An empty cell is "not
/// known"; a bad cell or a row with the wrong number of fields becomes that row's error. One per worker.
/// </summary>
internal sealed class CsvRowParser(FindingField[] header) : IRecordParser
{
    private const int MaxCachedStrings = 1024;
    private const int MaxFirstStrings = 16;

    private readonly CsvTokenizer tokenizer = new();
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly List<(byte[] Utf8, string Text)> firstStrings = [];

    [MethodImpl(PerRow.Optimized)]
    public void Parse(ReadOnlySpan<byte> text, ref ParsedRecord record)
    {
        // The common row is plain and has one field per column: its cells are read as the commas are found.
        if (CsvTokenizer.TryFramePlain(text, isFinalBlock: true, out var contentLength, out _))
        {
            var line = text[..contentLength];
            var values = record.Values ??= new FindingValues();
            values.Clear();
            errors.Clear();
            var cells = new CellReader(this, header, line, values);
            if (CsvTokenizer.SplitPlain(line, ref cells) == header.Length)
            {
                Finish(ref record);
                return;
            }

            // Too few or too many fields: the general reading below starts afresh and says so.
        }

        tokenizer.Tokenize(text, isFinalBlock: true, out _, out var fieldCount, out _, out var malformed);
        ReadRow(text, fieldCount, malformed, ref record);
    }

    private void ReadRow(ReadOnlySpan<byte> data, int fieldCount, bool malformed, ref ParsedRecord record)
    {
        var values = record.Values ??= new FindingValues();
        values.Clear();
        errors.Clear();
        if (malformed)
        {
            AddError("$", "The row is not valid CSV: a quoted field must be closed by a quote followed by a comma or a line break.");
        }
        else if (fieldCount != header.Length)
        {
            AddError("$", string.Create(CultureInfo.InvariantCulture, $"The row has {fieldCount} fields; the header has {header.Length}.")
                + (HasLoneCarriageReturn(data)
                    ? " It holds a carriage return that is not followed by a line feed: line breaks must be LF or CRLF (RFC 4180), so the rows it separates were read as this one."
                    : string.Empty));
        }

        var badShape = errors.Count > 0;
        var cells = Math.Min(Math.Min(fieldCount, header.Length), CsvTokenizer.MaxFields);
        for (var i = 0; i < cells; i++)
        {
            if (badShape && header[i] != FindingsSchema.CaseId)
            {
                continue; // A row with the wrong shape: only its caseId is read, to label the error.
            }

            var cell = header[i] == FindingsSchema.CaseId ? tokenizer.RawCell(data, i) : tokenizer.Cell(data, i);
            if (!cell.IsEmpty)
            {
                ReadCell(header[i], cell, values);
            }
        }

        Finish(ref record);
    }

    /// <summary>The record is read: its values stand, or its errors make it an error row.</summary>
    private void Finish(ref ParsedRecord record)
    {
        if (errors.Count == 0)
        {
            record.HasValues = true;
            return;
        }

        record.CaseId = record.Values!.CaseId;
        record.Error = BatchProblem.Unreadable(record.Line, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    [MethodImpl(PerRow.Optimized)]
    internal void ReadCell(FindingField column, ReadOnlySpan<byte> cell, FindingValues values)
    {
        switch (column.Kind)
        {
            case FindingKind.Number: Number(column, cell, values); break;
            case FindingKind.Boolean: Boolean(column, cell, values); break;
            case FindingKind.Choice: Choice(column, cell, values); break;
            case FindingKind.ChoiceSet: Set(column, cell, values); break;
            default: values.SetText(column, column == FindingsSchema.CaseId ? Encoding.UTF8.GetString(cell) : CachedString(cell)); break;
        }
    }

    [MethodImpl(PerRow.Optimized)]
    private void Number(FindingField column, ReadOnlySpan<byte> cell, FindingValues values)
    {
        if (Utf8Number.TryParse(cell, out var value))
        {
            values.SetRaw(column, value);
            return;
        }

        AddError(column.Path, $"{column.Path} must be a finite number written with '.' as the decimal separator (or empty when not known).");
    }

    [MethodImpl(PerRow.Optimized)]
    private void Boolean(FindingField column, ReadOnlySpan<byte> cell, FindingValues values)
    {
        if (cell.SequenceEqual("true"u8))
        {
            values.SetRaw(column, 1);
        }
        else if (cell.SequenceEqual("false"u8))
        {
            values.SetRaw(column, 0);
        }
        else
        {
            AddError(column.Path, $"{column.Path} must be true or false (or empty when not known).");
        }
    }

    [MethodImpl(PerRow.Optimized)]
    private void Choice(FindingField column, ReadOnlySpan<byte> cell, FindingValues values)
    {
        if (Ordinal(column, cell) is >= 0 and var ordinal)
        {
            values.SetRaw(column, ordinal);
            return;
        }

        AddError(column.Path, $"{column.Path} must be one of {column.ChoiceList} (or empty when not known).");
    }

    private void Set(FindingField column, ReadOnlySpan<byte> cell, FindingValues values)
    {
        if (cell.SequenceEqual("none"u8))
        {
            values.SetMask(column, 0);
            return;
        }

        var mask = 0UL;
        var rest = cell;
        var ok = true;
        var repeated = false;
        while (ok)
        {
            var separator = rest.IndexOfAny((byte)';', (byte)'|');
            var token = (separator < 0 ? rest : rest[..separator]).Trim(" \t"u8);
            if (!token.IsEmpty)
            {
                var ordinal = Ordinal(column, token);
                repeated |= ordinal >= 0 && (mask & (1UL << ordinal)) != 0;
                ok = ordinal >= 0 && !repeated;
                mask |= ok ? 1UL << ordinal : 0;
            }

            if (separator < 0)
            {
                break;
            }

            rest = rest[(separator + 1)..];
        }

        if (repeated)
        {
            AddError(column.Path, $"{column.Path} lists an antibody more than once; list each once.");
            return;
        }

        if (!ok || mask == 0)
        {
            AddError(column.Path,
                $"{column.Path} must list positive antibodies from {column.ChoiceList}, separated by ';' or '|'; '{CsvColumns.NoneToken}' when the panel was done and none was positive; empty when not known.");
            return;
        }

        values.SetMask(column, mask);
    }

    /// <summary>The ordinal of a cell's spelling (exact, as the contract spells it, or a declared alias), or -1.</summary>
    private static int Ordinal(FindingField column, ReadOnlySpan<byte> cell) => column.OrdinalOf(cell);

    /// <summary>A string for a cell, shared between rows for repeated values (drug names), so they are not allocated per row.</summary>
    private string CachedString(ReadOnlySpan<byte> cell)
    {
        if (cell.Length > 128)
        {
            return Encoding.UTF8.GetString(cell);
        }

        // The first distinct values (a column of drug names repeats a few) are found by their bytes, without decoding them.
        foreach (var (utf8, cachedText) in firstStrings)
        {
            if (cell.SequenceEqual(utf8))
            {
                return cachedText;
            }
        }

        Span<char> chars = stackalloc char[cell.Length];
        var count = Encoding.UTF8.GetChars(cell, chars);
        var lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..count], out var cached))
        {
            return cached;
        }

        var text = new string(chars[..count]);
        if (strings.Count < MaxCachedStrings)
        {
            strings[text] = text;
            if (firstStrings.Count < MaxFirstStrings)
            {
                firstStrings.Add((cell.ToArray(), text));
            }
        }

        return text;
    }

    private void AddError(string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Reads each field of a plain row into the values as the tokenizer finds it.</summary>
    private ref struct CellReader(CsvRowParser parser, FindingField[] header, ReadOnlySpan<byte> line, FindingValues values) : CsvTokenizer.IFieldSink
    {
        private readonly ReadOnlySpan<byte> line = line;

        [MethodImpl(PerRow.Optimized | MethodImplOptions.AggressiveInlining)] // into the tokenizer's loop, once per cell
        public void Field(int index, int start, int length)
        {
            var raw = line.Slice(start, length);
            var cell = index < header.Length && header[index] == FindingsSchema.CaseId ? raw : CsvTokenizer.Trimmed(raw);
            if (!cell.IsEmpty && index < header.Length)
            {
                parser.ReadCell(header[index], cell, values);
            }
        }
    }

    /// <summary>Whether the row holds a carriage return that does not start a CRLF (its own line break aside).</summary>
    private static bool HasLoneCarriageReturn(ReadOnlySpan<byte> row)
    {
        var rest = row.TrimEnd("\r\n"u8);
        int at;
        while ((at = rest.IndexOf((byte)'\r')) >= 0)
        {
            if (at + 1 == rest.Length || rest[at + 1] != (byte)'\n')
            {
                return true;
            }

            rest = rest[(at + 2)..];
        }

        return false;
    }
}
