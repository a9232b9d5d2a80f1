using System.Globalization;
using System.Text;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Reads a cohort CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, an
/// optional UTF-8 byte order mark). The header names the columns (JSON paths, any subset, any order); an
/// identifier-like, unknown or repeated column refuses the whole batch. An empty cell is "not known".
/// A bad cell or a row with the wrong number of fields becomes that row's error; the batch goes on.
/// </summary>
internal sealed class CsvRecordReader(int maxRecordBytes) : IRecordReader
{
    private const int MaxFields = 256;
    private const int MaxCachedStrings = 1024;

    private readonly int[] starts = new int[MaxFields];
    private readonly int[] lengths = new int[MaxFields];
    private readonly bool[] escaped = new bool[MaxFields];
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly FindingsCache cache = new();
    private byte[] unescaped = new byte[256];
    private FindingsColumn[]? columns;
    private long line = 1;
    private ByteOrderMark byteOrderMark;
    private bool skipping;
    private long skipLine;

    /// <summary>The columns of the header, once read.</summary>
    public IReadOnlyList<string> Columns => columns is null ? [] : [.. columns.Select(CsvColumns.NameOf)];

    public RecordStatus Read(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        if (byteOrderMark.Handle(data, isFinalBlock, out consumed, out var start))
        {
            return start;
        }

        if (skipping)
        {
            return Skip(data, isFinalBlock, out consumed, ref record);
        }

        if (data.IsEmpty)
        {
            if (!isFinalBlock)
            {
                return RecordStatus.NeedMoreData;
            }

            return columns is null
                ? throw Refused("The CSV has no header row.", "A header row naming the columns (JSON paths such as ck.value) is required.", [])
                : RecordStatus.End;
        }

        if (Tokenize(data, isFinalBlock, out var length, out var fieldCount, out var newlines, out var malformed) == RecordStatus.NeedMoreData)
        {
            if (data.Length < maxRecordBytes)
            {
                return RecordStatus.NeedMoreData;
            }

            if (columns is null)
            {
                throw Refused("The CSV header is too long.", $"The header row is longer than {maxRecordBytes} bytes.", []);
            }

            skipping = true;
            skipLine = line;
            return Skip(data, isFinalBlock, out consumed, ref record);
        }

        consumed = length;
        var startLine = line;
        line += 1 + newlines;
        if (fieldCount == 1 && Cell(data, 0).IsEmpty)
        {
            return RecordStatus.Skipped;
        }

        if (columns is null)
        {
            ReadHeader(data, fieldCount, malformed);
            return RecordStatus.Skipped;
        }

        record = new ParsedRecord { Line = startLine };
        if (length > maxRecordBytes)
        {
            record.Error = NdjsonRecordReader.TooLarge(startLine, maxRecordBytes);
            return RecordStatus.Record;
        }

        ReadRow(data, fieldCount, malformed, ref record);
        return RecordStatus.Record;
    }

    private RecordStatus Skip(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        var end = data.IndexOf((byte)'\n');
        consumed = end < 0 ? data.Length : end + 1;
        if (end < 0 && !isFinalBlock)
        {
            return consumed == 0 ? RecordStatus.NeedMoreData : RecordStatus.Skipped;
        }

        skipping = false;
        line = skipLine + 1;
        record = new ParsedRecord { Line = skipLine, Error = NdjsonRecordReader.TooLarge(skipLine, maxRecordBytes) };
        return RecordStatus.Record;
    }

    /// <summary>Finds the fields of the record at the start of <paramref name="data"/>; changes no state but the field arrays.</summary>
    private RecordStatus Tokenize(ReadOnlySpan<byte> data, bool isFinalBlock, out int length, out int fieldCount, out int newlines, out bool malformed)
    {
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
    private ReadOnlySpan<byte> Cell(ReadOnlySpan<byte> data, int index)
    {
        var raw = data.Slice(starts[index], lengths[index]);
        if (escaped[index])
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

            raw = unescaped.AsSpan(0, written);
        }

        return raw.Trim(" \t"u8);
    }

    private void ReadHeader(ReadOnlySpan<byte> data, int fieldCount, bool malformed)
    {
        if (malformed || fieldCount > MaxFields)
        {
            throw Refused("The CSV header cannot be read.", "The header row is not valid CSV or has too many columns.", []);
        }

        var names = new string[fieldCount];
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var identifiers = new List<string>();
        var unknown = new List<string>();
        var found = new List<FindingsColumn>(fieldCount);
        for (var i = 0; i < fieldCount; i++)
        {
            var name = Encoding.UTF8.GetString(Cell(data, i));
            names[i] = name;
            if (name.Length == 0)
            {
                problems[$"column {i + 1}"] = ["The column has no name."];
            }
            else if (IdentifierNames.IsIdentifierLike(name))
            {
                identifiers.Add(name);
                problems[name] = ["The column looks like a direct identifier; cohorts must be anonymized."];
            }
            else if (!CsvColumns.TryGet(name, out var column))
            {
                unknown.Add(name);
                var close = CsvColumns.CaseInsensitiveMatch(name);
                problems[name] = [close is null
                    ? "Unknown column; columns are the JSON paths of the findings, for example ck.value or antibodies.hmgcr."
                    : $"Unknown column; did you mean '{close}'? Column names are case-sensitive."];
            }
            else if (found.Contains(column))
            {
                problems[name] = ["The column appears more than once."];
            }
            else
            {
                found.Add(column);
            }
        }

        if (identifiers.Count > 0)
        {
            throw Refused(
                "The cohort is not anonymized.",
                $"Columns that look like direct identifiers are refused: {string.Join(", ", identifiers)}. Remove them and send the cohort again; no row was scored.",
                problems);
        }

        if (problems.Count > 0)
        {
            throw Refused(
                "The CSV header is not valid.",
                unknown.Count > 0
                    ? $"Unknown columns: {string.Join(", ", unknown)}. No row was scored."
                    : "The header has columns without a name or repeated columns. No row was scored.",
                problems);
        }

        columns = [.. found];
    }

    private void ReadRow(ReadOnlySpan<byte> data, int fieldCount, bool malformed, ref ParsedRecord record)
    {
        var header = columns!;
        var values = default(RowValues);
        errors.Clear();
        if (malformed)
        {
            AddError("$", "The row is not valid CSV: a quoted field must be closed by a quote followed by a comma or a line break.");
        }
        else if (fieldCount != header.Length)
        {
            AddError("$", string.Create(CultureInfo.InvariantCulture, $"The row has {fieldCount} fields; the header has {header.Length}."));
        }

        var badShape = errors.Count > 0;
        var cells = Math.Min(Math.Min(fieldCount, header.Length), MaxFields);
        for (var i = 0; i < cells; i++)
        {
            if (badShape && header[i] != FindingsColumn.CaseId)
            {
                continue; // A row with the wrong shape: only its caseId is read, to label the error.
            }

            var cell = Cell(data, i);
            if (!cell.IsEmpty)
            {
                ReadCell(header[i], cell, ref values);
            }
        }

        if (errors.Count == 0)
        {
            record.Findings = values.ToFindings(cache);
            return;
        }

        record.CaseId = values.CaseId;
        record.Error = BatchProblem.Unreadable(record.Line, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    private void ReadCell(FindingsColumn column, ReadOnlySpan<byte> cell, ref RowValues values)
    {
        switch (column)
        {
            case FindingsColumn.CaseId: values.CaseId = Encoding.UTF8.GetString(cell); break;
            case FindingsColumn.PatientAgeYears: values.AgeYears = Number(column, cell); break;
            case FindingsColumn.PatientSex: values.Sex = Enum<Sex>(column, cell); break;
            case FindingsColumn.PatientWeightKg: values.WeightKg = Number(column, cell); break;
            case FindingsColumn.PatientPregnant: values.Pregnant = Boolean(column, cell); break;
            case FindingsColumn.CkValue: values.CkValue = Number(column, cell); break;
            case FindingsColumn.CkUnit: values.CkUnit = Enum<CkUnit>(column, cell); break;
            case FindingsColumn.CkUpperLimitOfNormal: values.CkUpperLimitOfNormal = Number(column, cell); break;
            case FindingsColumn.AntibodiesHmgcr: values.Hmgcr = Enum<AntibodyResult>(column, cell); break;
            case FindingsColumn.AntibodiesSrp: values.Srp = Enum<AntibodyResult>(column, cell); break;
            case FindingsColumn.AntibodiesOtherMyositisSpecific: values.OtherMyositisSpecific = Antibodies(column, cell); break;
            case FindingsColumn.BiopsyPerformed: values.BiopsyPerformed = Boolean(column, cell); break;
            case FindingsColumn.BiopsyPattern: values.BiopsyPattern = Enum<BiopsyPattern>(column, cell); break;
            case FindingsColumn.BiopsyMhc1Diffuse: values.Mhc1Diffuse = Boolean(column, cell); break;
            case FindingsColumn.BiopsySarcolemmalMac: values.SarcolemmalMac = Boolean(column, cell); break;
            case FindingsColumn.StatinExposure: values.StatinExposure = Enum<StatinExposure>(column, cell); break;
            case FindingsColumn.StatinDrug: values.StatinDrug = CachedString(cell); break;
            case FindingsColumn.ClinicalProximalWeakness: values.ProximalWeakness = Enum<WeaknessGrade>(column, cell); break;
            case FindingsColumn.ClinicalOnset: values.Onset = Enum<Onset>(column, cell); break;
            case FindingsColumn.ClinicalDysphagia: values.Dysphagia = Boolean(column, cell); break;
            case FindingsColumn.ClinicalRespiratoryWeakness: values.RespiratoryWeakness = Boolean(column, cell); break;
            case FindingsColumn.ClinicalCardiacSymptoms: values.CardiacSymptoms = Boolean(column, cell); break;
            case FindingsColumn.ClinicalRash: values.Rash = Boolean(column, cell); break;
            case FindingsColumn.ClinicalMyalgia: values.Myalgia = Boolean(column, cell); break;
            case FindingsColumn.ComorbiditiesKnownMalignancy: values.KnownMalignancy = Boolean(column, cell); break;
            case FindingsColumn.ComorbiditiesInterstitialLungDisease: values.InterstitialLungDisease = Boolean(column, cell); break;
            case FindingsColumn.ComorbiditiesRenalImpairment: values.RenalImpairment = Boolean(column, cell); break;
            case FindingsColumn.ComorbiditiesHepaticImpairment: values.HepaticImpairment = Boolean(column, cell); break;
            case FindingsColumn.ComorbiditiesDiabetes: values.Diabetes = Boolean(column, cell); break;
            case FindingsColumn.ComorbiditiesThromboembolicRisk: values.ThromboembolicRisk = Boolean(column, cell); break;
            default: throw new InvalidOperationException($"Column {column} has no reader.");
        }
    }

    private double? Number(FindingsColumn column, ReadOnlySpan<byte> cell)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        AddError(CsvColumns.NameOf(column), $"{CsvColumns.NameOf(column)} must be a finite number written with '.' as the decimal separator (or empty when not known).");
        return null;
    }

    private bool? Boolean(FindingsColumn column, ReadOnlySpan<byte> cell)
    {
        if (System.Text.Ascii.EqualsIgnoreCase(cell, "true"u8))
        {
            return true;
        }

        if (System.Text.Ascii.EqualsIgnoreCase(cell, "false"u8))
        {
            return false;
        }

        AddError(CsvColumns.NameOf(column), $"{CsvColumns.NameOf(column)} must be true or false (or empty when not known).");
        return null;
    }

    private TEnum? Enum<TEnum>(FindingsColumn column, ReadOnlySpan<byte> cell)
        where TEnum : struct, Enum
    {
        if (Utf8Names<TEnum>.TryParse(cell, out var ordinal))
        {
            return System.Runtime.CompilerServices.Unsafe.As<int, TEnum>(ref ordinal);
        }

        AddError(CsvColumns.NameOf(column), $"{CsvColumns.NameOf(column)} must be one of {Utf8Names<TEnum>.Allowed} (or empty when not known).");
        return null;
    }

    private MyositisAntibody[]? Antibodies(FindingsColumn column, ReadOnlySpan<byte> cell)
    {
        if (cell.SequenceEqual("none"u8))
        {
            return cache.AntibodyList(0);
        }

        var mask = 0UL;
        var rest = cell;
        var ok = true;
        while (ok)
        {
            var separator = rest.IndexOfAny((byte)';', (byte)'|');
            var token = (separator < 0 ? rest : rest[..separator]).Trim(" \t"u8);
            if (!token.IsEmpty)
            {
                ok = Utf8Names<MyositisAntibody>.TryParse(token, out var ordinal);
                mask |= ok ? 1UL << ordinal : 0;
            }

            if (separator < 0)
            {
                break;
            }

            rest = rest[(separator + 1)..];
        }

        if (!ok || mask == 0)
        {
            AddError(CsvColumns.NameOf(column),
                $"{CsvColumns.NameOf(column)} must list positive antibodies from {Utf8Names<MyositisAntibody>.Allowed}, separated by ';' or '|'; '{CsvColumns.NoneToken}' when the panel was done and none was positive; empty when not known.");
            return null;
        }

        return cache.AntibodyList(mask);
    }

    /// <summary>A string for a cell, shared between rows for repeated values (drug names), so they are not allocated per row.</summary>
    private string CachedString(ReadOnlySpan<byte> cell)
    {
        if (cell.Length > 128)
        {
            return Encoding.UTF8.GetString(cell);
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

    private static BatchRefusedException Refused(string title, string detail, Dictionary<string, string[]> problems) =>
        new(new BatchProblem
        {
            Type = BatchProblemTypes.BadRequest,
            Title = title,
            Status = 400,
            Detail = detail,
            Line = 1,
            Errors = problems,
        });
}
