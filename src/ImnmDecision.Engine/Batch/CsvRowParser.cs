using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Parses the rows <see cref="CsvRecordReader"/> framed, by the columns of its header. An empty cell is "not
/// known"; a bad cell or a row with the wrong number of fields becomes that row's error. One per worker.
/// </summary>
internal sealed class CsvRowParser(FindingsColumn[] header) : IRecordParser
{
    private const int MaxCachedStrings = 1024;

    private readonly CsvTokenizer tokenizer = new();
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly AntibodyLists lists = new();

    [MethodImpl(PerRow.Optimized)]
    public void Parse(ReadOnlySpan<byte> text, ref ParsedRecord record)
    {
        // The common row is plain and has one field per column: its cells are read as the commas are found.
        if (CsvTokenizer.TryFramePlain(text, isFinalBlock: true, out var contentLength, out _))
        {
            var line = text[..contentLength];
            ref var values = ref record.Values;
            values = default;
            errors.Clear();
            var cells = new CellReader(this, header, line, ref values);
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
        ref var values = ref record.Values;
        values = default;
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
        var cells = Math.Min(Math.Min(fieldCount, header.Length), CsvTokenizer.MaxFields);
        for (var i = 0; i < cells; i++)
        {
            if (badShape && header[i] != FindingsColumn.CaseId)
            {
                continue; // A row with the wrong shape: only its caseId is read, to label the error.
            }

            var cell = header[i] == FindingsColumn.CaseId ? tokenizer.RawCell(data, i) : tokenizer.Cell(data, i);
            if (!cell.IsEmpty)
            {
                ReadCell(header[i], cell, ref values);
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

        record.CaseId = record.Values.CaseId;
        record.Error = BatchProblem.Unreadable(record.Line, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    [MethodImpl(PerRow.Optimized)]
    private void ReadCell(FindingsColumn column, ReadOnlySpan<byte> cell, ref FindingValues values)
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

    [MethodImpl(PerRow.Optimized)]
    private double? Number(FindingsColumn column, ReadOnlySpan<byte> cell)
    {
        if (Utf8Number.TryParse(cell, out var value))
        {
            return value;
        }

        AddError(CsvColumns.NameOf(column), $"{CsvColumns.NameOf(column)} must be a finite number written with '.' as the decimal separator (or empty when not known).");
        return null;
    }

    [MethodImpl(PerRow.Optimized)]
    private bool? Boolean(FindingsColumn column, ReadOnlySpan<byte> cell)
    {
        // Exact spellings first (most cells), then any case.
        if (cell.SequenceEqual("true"u8) || System.Text.Ascii.EqualsIgnoreCase(cell, "true"u8))
        {
            return true;
        }

        if (cell.SequenceEqual("false"u8) || System.Text.Ascii.EqualsIgnoreCase(cell, "false"u8))
        {
            return false;
        }

        AddError(CsvColumns.NameOf(column), $"{CsvColumns.NameOf(column)} must be true or false (or empty when not known).");
        return null;
    }

    [MethodImpl(PerRow.Optimized)]
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
            return lists.For(0);
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

        return lists.For(mask);
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

    /// <summary>Reads each field of a plain row into the values as the tokenizer finds it.</summary>
    private ref struct CellReader(CsvRowParser parser, FindingsColumn[] header, ReadOnlySpan<byte> line, ref FindingValues values) : CsvTokenizer.IFieldSink
    {
        private readonly ReadOnlySpan<byte> line = line;
        private ref FindingValues values = ref values;

        [MethodImpl(PerRow.Optimized)]
        public void Field(int index, int start, int length)
        {
            var raw = line.Slice(start, length);
            var cell = index < header.Length && header[index] == FindingsColumn.CaseId ? raw : CsvTokenizer.Trimmed(raw);
            if (!cell.IsEmpty && index < header.Length)
            {
                parser.ReadCell(header[index], cell, ref values);
            }
        }
    }
}
