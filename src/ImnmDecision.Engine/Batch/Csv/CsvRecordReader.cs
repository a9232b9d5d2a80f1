using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Frames a cohort CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, an
/// optional UTF-8 byte order mark) into rows, in order, for <see cref="CsvRowParser"/>s to parse on the
/// workers. The header names the columns (JSON paths, any subset, any order); an identifier-like, unknown or
/// repeated column refuses the whole batch. Blank lines are skipped (a row of one quoted empty cell is not blank);
/// a row over the size limit is an error row.
/// A row that opens a quoted field the rest of the input never closes is an error row for its own line, and the
/// rows after it are read from the next line: a stray quote loses one row, never the rest of the file. When that
/// rest is over the size limit (it was skipped, not kept), the batch ends with the row's error naming the lines.
/// </summary>
internal sealed partial class CsvRecordReader(int maxRecordBytes) : IRecordReader
{
    private static readonly Dictionary<string, string[]> NotUtf8 = new(StringComparer.Ordinal)
    {
        ["$"] = ["The row is not valid UTF-8 text; the batch must be sent in UTF-8."],
    };

    private readonly CsvTokenizer tokenizer = new();
    private FindingField[]? columns;
    private long line = 1;
    private ByteOrderMark byteOrderMark;
    private OversizedCsvRecord oversized;

    public IRecordParser CreateParser() =>
        new CsvRowParser(columns ?? throw new InvalidOperationException("The CSV header has not been read."));

    // How many bytes from the start of the next data given to Read are known to be ASCII (so valid UTF-8): one
    // vectorized search over what is at hand covers the rows that follow, instead of a check per row.
    private int asciiAhead;

    [MethodImpl(PerRow.Optimized)]
    public RecordStatus Read(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        var status = ReadRecord(data, isFinalBlock, out consumed, ref record);
        asciiAhead = Math.Max(0, asciiAhead - consumed); // the next data starts where this one was consumed to
        return status;
    }

    [MethodImpl(PerRow.Optimized)]
    private RecordStatus ReadRecord(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        if (byteOrderMark.Handle(data, isFinalBlock, out consumed, out var start))
        {
            return start;
        }

        if (oversized.Skipping)
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

        // Most rows are plain: no quote before the line break that ends them. Any other row, and the header,
        // is framed by the tokenizer, which follows the quoting rules.
        int length;
        int newlines;
        if (columns is not null && CsvTokenizer.TryFramePlain(data, isFinalBlock, out var contentLength, out length))
        {
            newlines = 0;
            var content = data[..contentLength];
            if (IsBlank(content.EndsWith((byte)'\r') ? content[..^1] : content))
            {
                line++;
                consumed = length;
                return RecordStatus.Skipped;
            }
        }
        else if (!Frame(data, isFinalBlock, out length, out newlines, out var status))
        {
            if (status == RecordStatus.NeedMoreData)
            {
                return NeedMoreData(data, isFinalBlock, out consumed, ref record);
            }

            consumed = length;
            return status;
        }

        var startLine = line;
        record = new ParsedRecord { Line = startLine };
        if (newlines > 0 && tokenizer.EndedInsideQuotes && length <= maxRecordBytes)
        {
            // The quote opened on the row's first line (a line break outside quotes would have ended the row). A
            // longer rest is a row over the size limit, as it is when the bytes arrive in parts.
            consumed = data[..length].IndexOf((byte)'\n') + 1;
            line++;
            record.Error = BatchProblem.QuoteNeverClosed(startLine);
            return RecordStatus.Record;
        }

        consumed = length;
        line += 1 + newlines;
        if (length > maxRecordBytes)
        {
            record.Error = NdjsonRecordReader.TooLarge(startLine, maxRecordBytes);
            return RecordStatus.Record;
        }

        if (length > asciiAhead)
        {
            var nonAscii = data.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            asciiAhead = nonAscii < 0 ? data.Length : nonAscii;
        }

        if (length > asciiAhead && !Utf8.IsValid(data[..length]))
        {
            // Text that cannot be decoded is the row's error, never the batch's end.
            record.Error = BatchProblem.Unreadable(startLine, NotUtf8);
            return RecordStatus.Record;
        }

        record.TextLength = length;
        return RecordStatus.Record;
    }

    /// <summary>A cell (or line) with nothing but spaces and tabs.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> cell) => cell.Trim(" \t"u8).IsEmpty;

    /// <summary>
    /// Frames the record at the start of the data with the tokenizer: true for a row; otherwise the status to
    /// return (more data needed, or a blank line or the header, skipped).
    /// </summary>
    [MethodImpl(PerRow.Optimized)]
    private bool Frame(ReadOnlySpan<byte> data, bool isFinalBlock, out int length, out int newlines, out RecordStatus status)
    {
        status = tokenizer.Tokenize(data, isFinalBlock, out length, out var fieldCount, out newlines, out var malformed);
        if (status == RecordStatus.NeedMoreData)
        {
            return false;
        }

        status = RecordStatus.Skipped;

        // A blank line is skipped; a quoted empty cell ("", as a CSV writer writes an empty value of a one-column
        // row so that the row is kept) is a row: an empty case, answered with its error row.
        if (fieldCount == 1 && IsBlank(tokenizer.Cell(data, 0)) && data[..length].IndexOf((byte)'"') < 0)
        {
            line += 1 + newlines;
            return false;
        }

        if (columns is null)
        {
            line += 1 + newlines;
            ReadHeader(data, length, fieldCount, malformed);
            return false;
        }

        return true;
    }

    /// <summary>The data ends inside a record: wait for more, unless the record is already too large to take.</summary>
    private RecordStatus NeedMoreData(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        consumed = 0;
        if (data.Length < maxRecordBytes)
        {
            return RecordStatus.NeedMoreData;
        }

        if (columns is null)
        {
            throw HeaderTooLong();
        }

        oversized.Start(line);
        return Skip(data, isFinalBlock, out consumed, ref record);
    }

    private RecordStatus Skip(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record)
    {
        var status = oversized.Skip(data, isFinalBlock, maxRecordBytes, out consumed, ref record);
        if (status == RecordStatus.Record)
        {
            line = oversized.NextLine;
        }

        return status;
    }

    /// <summary>The name of a separator other than the comma (semicolon, tab, pipe) whose parts of a header cell name a column, or null.</summary>
    private static string? OtherSeparator(string header)
    {
        foreach (var (separator, name) in (ReadOnlySpan<(char, string)>)[(';', "semicolon"), ('\t', "tab"), ('|', "vertical bar")])
        {
            if (header.Contains(separator, StringComparison.Ordinal)
                && header.Split(separator).Any(part => CsvColumns.TryGet(part.Trim().Trim('"'), out _)))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the header. Its problems never quote a cell that could be data (a file without a header row, or
    /// with carriage returns alone as line breaks, has patient data in its first row): an unknown column is
    /// named only when it looks like a column path, otherwise by its position.
    /// </summary>
    private void ReadHeader(ReadOnlySpan<byte> data, int length, int fieldCount, bool malformed)
    {
        if ((malformed || fieldCount == 1) && length <= maxRecordBytes && OtherSeparator(Encoding.UTF8.GetString(data[..Math.Min(length, data.Length)])) is { } separator)
        {
            throw Refused(
                "The CSV columns are not separated by commas.",
                $"The header row, split at each {separator}, names columns of the findings: columns must be separated by commas (RFC 4180). A spreadsheet set to another list separator writes such files; export with commas. No row was scored.",
                []);
        }

        if (malformed || fieldCount > CsvTokenizer.MaxFields)
        {
            throw Refused("The CSV header cannot be read.", "The header row is not valid CSV or has too many columns.", []);
        }

        if (length > maxRecordBytes)
        {
            throw HeaderTooLong();
        }

        var names = new string[fieldCount];
        for (var i = 0; i < fieldCount; i++)
        {
            var cell = tokenizer.Cell(data, i);
            if (cell.Contains((byte)'\r'))
            {
                throw Refused(
                    "The CSV line breaks are not LF or CRLF.",
                    "The header row holds a carriage return that is not followed by a line feed: line breaks must be LF or CRLF (RFC 4180). No row was scored.",
                    []);
            }

            names[i] = Encoding.UTF8.GetString(cell);
        }

        if (!names.Any(n => CsvColumns.TryGet(n, out _) || CsvColumns.CaseInsensitiveMatch(n) is not null || IdentifierNames.IsIdentifierLike(n)))
        {
            throw Refused(
                "The CSV has no header row.",
                "The first row names no column of the findings, so it is not a header: a header row naming the columns (JSON paths such as ck.value) is required. No row was scored.",
                []);
        }

        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var identifiers = new List<string>();
        var unknown = new List<string>();
        var found = new List<FindingField>(fieldCount);
        for (var i = 0; i < fieldCount; i++)
        {
            var name = names[i];
            if (name.Length == 0)
            {
                problems[$"column {i + 1}"] = ["The column has no name."];
            }
            else if (IdentifierNames.IsIdentifierLike(name))
            {
                var key = ColumnLike().IsMatch(name) ? name : $"column {i + 1}";
                identifiers.Add(key);
                problems[key] = ["The column looks like a direct identifier; cohorts must be anonymized."];
            }
            else if (!CsvColumns.TryGet(name, out var column))
            {
                var close = CsvColumns.CaseInsensitiveMatch(name);
                var key = close is not null || (ColumnLike().IsMatch(name) && name.Contains('.', StringComparison.Ordinal)) ? name : $"column {i + 1}";
                unknown.Add(key);
                problems[key] = [close is null
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

    private BatchRefusedException HeaderTooLong() =>
        Refused("The CSV header is too long.", $"The header row is longer than {maxRecordBytes} bytes (are the line breaks LF or CRLF?). No row was scored.", []);

    /// <summary>A header cell that may be quoted back: a name or a dotted path of plain words, as a column is.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]{0,63}(\.[A-Za-z][A-Za-z0-9_\-]{0,63}){0,3}$")]
    private static partial Regex ColumnLike();

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
