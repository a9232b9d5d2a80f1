using System.Globalization;
using System.Text.Json;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Reads one JSON object of a batch into a case's values with <see cref="FindingsJsonReader"/> (as the single-case
/// endpoint reads its body), or into a row problem with every error keyed by JSON path, worded without the values
/// sent. Shared by the NDJSON and the JSON array readers.
/// </summary>
internal static class JsonRecordParser
{
    /// <summary>Reads a record; on failure sets <see cref="ParsedRecord.Error"/> (and the caseId when it could be read).</summary>
    public static void Parse(ReadOnlySpan<byte> json, ref ParsedRecord record, List<FindingError> errors)
    {
        var values = record.Values ??= new FindingValues();
        errors.Clear();
        if (FindingsJsonReader.TryRead(json, values, errors, record.Line))
        {
            record.HasValues = true;
            return;
        }

        record.CaseId = values.CaseId;
        record.Error = Problem(record.Line, errors);
    }

    /// <summary>
    /// At most this many JSON paths are listed in a problem; the others are counted under <c>$</c>. A 1 MB body of
    /// 150,000 unknown properties or array items would otherwise be answered with tens of megabytes of errors.
    /// </summary>
    public const int MaxListedPaths = 50;

    /// <summary>The problem of a record with these errors, grouped by path in the order found (the first <see cref="MaxListedPaths"/> paths).</summary>
    public static BatchProblem Problem(long line, IReadOnlyList<FindingError> errors)
    {
        var byPath = errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToList();
        var listed = byPath.Take(MaxListedPaths)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        if (byPath.Count > MaxListedPaths)
        {
            var more = string.Create(CultureInfo.InvariantCulture, $"{byPath.Count - MaxListedPaths} more fields have errors that are not listed here.");
            listed["$"] = listed.TryGetValue("$", out var messages) ? [.. messages, more] : [more];
        }

        return BatchProblem.Unreadable(line, listed);
    }

    /// <summary>The paths of identifier-like properties in a record (at any depth); empty when none or when it cannot be read.</summary>
    public static List<string> FindIdentifierProperties(ReadOnlySpan<byte> json)
    {
        var found = new List<string>();
        var containers = new List<string>();
        string? property = null;
        var depth = 0;
        // Any depth (a record cannot nest deeper than it has bytes): a property after a deep value is checked too.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Math.Max(json.Length, 1) });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString() ?? string.Empty;
                        if (IdentifierNames.IsIdentifierLike(property))
                        {
                            found.Add(containers.Count == 0 ? property : $"{string.Join('.', containers)}.{property}");
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (depth++ > 0)
                        {
                            containers.Add(property ?? "[]");
                        }

                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (--depth > 0)
                        {
                            containers.RemoveAt(containers.Count - 1);
                        }

                        break;
                    default:
                        property = null;
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A record that cannot be read (or decoded) becomes an error row; the check covers what could be read.
        }

        return found;
    }
}
