using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Turns one JSON object into <see cref="Findings"/> with the contract's strict options, or into a row
/// problem keyed by the JSON path, worded without the value that was sent. Shared by the NDJSON and the JSON
/// array readers.
/// </summary>
internal static class JsonRecordParser
{
    private static readonly HashSet<string> Sections = new(StringComparer.Ordinal)
    {
        "patient", "ck", "antibodies", "biopsy", "statin", "clinical", "comorbidities",
    };

    /// <summary>Reads a record; on failure sets <see cref="ParsedRecord.Error"/> (and the caseId when it can be found).</summary>
    [MethodImpl(PerRow.Optimized)]
    public static void Parse(ReadOnlySpan<byte> json, ref ParsedRecord record, AntibodyLists lists)
    {
        if (FastFindingsParser.TryParse(json, lists, out record.Values))
        {
            record.HasValues = true;
            return;
        }

        ParseWithSystemTextJson(json, ref record);
    }

    /// <summary>Reads a record with System.Text.Json and the contract's options, as the single-case endpoint does.</summary>
    public static void ParseWithSystemTextJson(ReadOnlySpan<byte> json, ref ParsedRecord record)
    {
        try
        {
            record.Findings = JsonSerializer.Deserialize<Findings>(json, ImnmJson.Options);
            if (record.Findings is { } findings)
            {
                record.Values = FindingValues.From(findings);
                record.HasValues = true;
            }
            else
            {
                record.Error = Problem(record.Line, "$", "The row is null; each row must be a JSON object with the findings of one case.");
            }
        }
        catch (JsonException e)
        {
            record.Error = SyntaxError(json) is { } syntax ? Translate(syntax, record.Line) : Translate(e, record.Line);
            record.CaseId = TryReadCaseId(json);
        }
    }

    /// <summary>The paths of identifier-like properties in a record (at any depth); empty when none or when it cannot be read.</summary>
    public static List<string> FindIdentifierProperties(ReadOnlySpan<byte> json)
    {
        var found = new List<string>();
        var containers = new List<string>();
        string? property = null;
        var depth = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
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
        catch (JsonException)
        {
            // A record that cannot be read becomes an error row; the check covers what could be read.
        }

        return found;
    }

    /// <summary>A problem for one JSON error: unknown property, wrong type or value, or broken syntax.</summary>
    public static BatchProblem Translate(JsonException exception, long line)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "$";
        if (path == "$")
        {
            var position = exception.BytePositionInLine is { } b ? string.Create(CultureInfo.InvariantCulture, $" (line {line + (exception.LineNumber ?? 0)}, byte {b + 1})") : string.Empty;
            return Problem(line, "$", $"The row is not a valid JSON object{position}; each row must be a JSON object with the findings of one case.");
        }

        var field = StripIndexes(path);
        var last = field[(field.LastIndexOf('.') + 1)..];
        if (!IsKnownPath(field))
        {
            return IdentifierNames.IsIdentifierLike(last)
                ? Problem(line, path, $"'{field}' looks like a direct identifier; cohorts must be anonymized, so this row was not scored.")
                : Problem(line, path, $"'{field}' is not a property of the findings (unknown properties are refused, never ignored).");
        }

        return Problem(line, path, $"{path} {Expected(field, path != field)}.");
    }

    private static bool IsKnownPath(string field) => Sections.Contains(field) || CsvColumns.IsColumn(field);

    private static string StripIndexes(string path)
    {
        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? path : path[..bracket];
    }

    private static string Expected(string field, bool isElement)
    {
        if (Sections.Contains(field))
        {
            return "must be an object";
        }

        if (CsvColumns.TryGet(field, out var column))
        {
            return column switch
            {
                FindingsColumn.CaseId or FindingsColumn.StatinDrug => "must be a string",
                FindingsColumn.PatientAgeYears or FindingsColumn.PatientWeightKg or FindingsColumn.CkValue
                    or FindingsColumn.CkUpperLimitOfNormal => "must be a number",
                FindingsColumn.PatientSex => $"must be one of {Utf8Names<Sex>.Allowed}",
                FindingsColumn.CkUnit => $"must be one of {Utf8Names<CkUnit>.Allowed}",
                FindingsColumn.AntibodiesHmgcr or FindingsColumn.AntibodiesSrp => $"must be one of {Utf8Names<AntibodyResult>.Allowed}",
                FindingsColumn.AntibodiesOtherMyositisSpecific => isElement
                    ? $"must be one of {Utf8Names<MyositisAntibody>.Allowed}"
                    : $"must be an array of {Utf8Names<MyositisAntibody>.Allowed} ([] when the panel was done and none was positive)",
                FindingsColumn.BiopsyPattern => $"must be one of {Utf8Names<BiopsyPattern>.Allowed}",
                FindingsColumn.StatinExposure => $"must be one of {Utf8Names<StatinExposure>.Allowed}",
                FindingsColumn.ClinicalProximalWeakness => $"must be one of {Utf8Names<WeaknessGrade>.Allowed}",
                FindingsColumn.ClinicalOnset => $"must be one of {Utf8Names<Onset>.Allowed}",
                _ => "must be true or false",
            };
        }

        return "has a value of the wrong type";
    }

    private static BatchProblem Problem(long line, string path, string message) =>
        BatchProblem.Unreadable(line, new Dictionary<string, string[]>(StringComparer.Ordinal) { [path] = [message] });

    /// <summary>The syntax error of a record that is not well-formed JSON (System.Text.Json reports a cut-off value at the property it was in).</summary>
    private static JsonException? SyntaxError(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return new JsonException(e.Message, "$", e.LineNumber, e.BytePositionInLine);
        }
    }

    /// <summary>The top-level caseId of a record that failed, so its error row can be labelled; null when it cannot be read.</summary>
    private static string? TryReadCaseId(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCaseId = reader.ValueTextEquals("caseId"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isCaseId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Broken syntax before the caseId: the error row has none.
        }
        catch (InvalidOperationException)
        {
            // Skip() on an incomplete value.
        }

        return null;
    }
}
