using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImnmDecision.Cli.Output;

/// <summary>
/// The summary at the end of a result file of <c>imnm score</c> or the batch endpoint: the last
/// <c>{"summary": ...}</c> of an NDJSON or JSON answer, or the <c>#summary</c> row of a CSV answer.
/// </summary>
internal sealed record SummaryFile(long Rows, long Scored, long Failed, bool Truncated, bool Aborted, string RulesetTag, string Sha256, IReadOnlyDictionary<string, long> Subtypes)
{
    private const int TailBytes = 64 * 1024;

    /// <summary>The caseId of a CSV answer's summary row (the engine's CsvResultWriter writes it).</summary>
    private const string SummaryCaseId = "#summary";

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Reads the summary, or null when the file holds none.</summary>
    public static SummaryFile? Read(string path)
    {
        var tail = Tail(path);
        var csvRow = tail.LastIndexOf("," + SummaryCaseId + ",", StringComparison.Ordinal);
        var json = tail.LastIndexOf("{\"summary\"", StringComparison.Ordinal);
        if (json >= 0 && json > csvRow)
        {
            // A key given twice is a JsonException here (JsonNode would otherwise fail with an ArgumentException when read).
            var node = JsonNode.Parse(tail[json..].TrimEnd().TrimEnd(']').TrimEnd(), documentOptions: Strict)!["summary"]!;
            return new SummaryFile(
                node["rows"]!.GetValue<long>(), node["scored"]!.GetValue<long>(), node["failed"]!.GetValue<long>(), node["truncated"]!.GetValue<bool>(),
                node["aborted"]?.GetValue<bool>() ?? false,
                node["ruleset"]!["tag"]!.GetValue<string>(), node["ruleset"]!["sha256"]!.GetValue<string>(),
                node["subtypes"]!.AsObject().ToDictionary(s => s.Key, s => s.Value!.GetValue<long>(), StringComparer.Ordinal)).NotNegative();
        }

        if (csvRow < 0)
        {
            return null;
        }

        // ,#summary,"rows=9;scored=8;failed=1;truncated=false;ruleset=...;sha256=...;anti-srp=2;...",,,,
        var cell = tail[(csvRow + SummaryCaseId.Length + 2)..].Split(',')[0].Trim('"');
        var pairs = Pairs(cell);
        string[] fixedKeys = ["rows", "scored", "failed", "truncated", "aborted", "ruleset", "sha256"];
        return new SummaryFile(
            long.Parse(pairs["rows"], CultureInfo.InvariantCulture), long.Parse(pairs["scored"], CultureInfo.InvariantCulture),
            long.Parse(pairs["failed"], CultureInfo.InvariantCulture), pairs["truncated"] == "true", pairs.GetValueOrDefault("aborted") == "true", pairs["ruleset"], pairs["sha256"],
            pairs.Where(p => !fixedKeys.Contains(p.Key)).ToDictionary(p => p.Key, p => long.Parse(p.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal)).NotNegative();
    }

    /// <summary>The sum of summaries of one ruleset (shards of one cohort, or several batch calls); an <see cref="OverflowException"/> when a count passes <see cref="long.MaxValue"/>.</summary>
    public static SummaryFile Add(IReadOnlyList<SummaryFile> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var subtypes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in parts.SelectMany(p => p.Subtypes))
        {
            subtypes[code] = checked(subtypes.GetValueOrDefault(code) + count);
        }

        return new SummaryFile(
            parts.Sum(p => p.Rows), parts.Sum(p => p.Scored), parts.Sum(p => p.Failed), parts.Any(p => p.Truncated), parts.Any(p => p.Aborted),
            parts[0].RulesetTag, parts[0].Sha256, subtypes);
    }

    /// <summary>The summary as the NDJSON answer's last line writes it.</summary>
    public string ToJson() => new JsonObject
    {
        ["summary"] = new JsonObject
        {
            ["rows"] = Rows,
            ["scored"] = Scored,
            ["failed"] = Failed,
            ["subtypes"] = new JsonObject(Subtypes.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["ruleset"] = new JsonObject { ["tag"] = RulesetTag, ["sha256"] = Sha256 },
            ["truncated"] = Truncated,
            ["aborted"] = Aborted,
        },
    }.ToJsonString();

    /// <summary>
    /// The file's last <see cref="TailBytes"/> bytes as text. A file that reports no length (a device, a pipe) is
    /// read up to that many bytes: one longer is not a result file (<c>/dev/zero</c> would never end).
    /// </summary>
    private static string Tail(string path)
    {
        using var file = File.OpenRead(path);
        var known = file.CanSeek && file.Length > 0;
        if (known && file.Length > TailBytes)
        {
            file.Seek(file.Length - TailBytes, SeekOrigin.Begin);
        }

        var buffer = new byte[TailBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return length > TailBytes ? string.Empty : Encoding.UTF8.GetString(buffer, 0, length).TrimStart('\uFEFF');
    }

    /// <summary>This summary, or a <see cref="FormatException"/> when a count is negative (no result file holds one).</summary>
    private SummaryFile NotNegative() =>
        Rows < 0 || Scored < 0 || Failed < 0 || Subtypes.Values.Any(c => c < 0) ? throw new FormatException("A count in the summary is negative.") : this;

    /// <summary>The CSV summary cell's <c>key=value</c> pairs; a key given twice is a <see cref="FormatException"/>.</summary>
    private static Dictionary<string, string> Pairs(string cell)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in cell.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2))
        {
            if (!pairs.TryAdd(pair[0], pair[1]))
            {
                throw new FormatException("A key is repeated in the summary.");
            }
        }

        return pairs;
    }
}
