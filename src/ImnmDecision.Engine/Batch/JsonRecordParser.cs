using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Turns one JSON object into <see cref="Findings"/> with the contract's strict options, or into a row
/// problem keyed by the JSON path, worded without the value that was sent. Shared by the NDJSON and the JSON
/// array readers.
/// </summary>
internal static partial class JsonRecordParser
{
    private static readonly HashSet<string> Sections = new(StringComparer.Ordinal)
    {
        "patient", "ck", "antibodies", "biopsy", "statin", "clinical", "comorbidities",
    };

    /// <summary>Reads a record; on failure sets <see cref="ParsedRecord.Error"/> (and the caseId when it can be found).</summary>
    [MethodImpl(PerRow.Optimized)]
    public static void Parse(ReadOnlySpan<byte> json, ref ParsedRecord record, AntibodyLists lists)
    {
        try
        {
            if (FastFindingsParser.TryParse(json, lists, out record.Values))
            {
                record.HasValues = true;
                return;
            }
        }
        catch (InvalidOperationException)
        {
            // A string that cannot be decoded (invalid UTF-8, a lone surrogate escape): System.Text.Json says where.
            record.Values = default;
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
                record.Error = Problem(record.Line, "$", "The case is null: each case must be one JSON object with the findings.");
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
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A record that cannot be read (or decoded) becomes an error row; the check covers what could be read.
        }

        return found;
    }

    /// <summary>
    /// The one translation of a JSON error into a problem keyed by JSON path, used by the batch rows and by the
    /// single-case endpoint alike: broken syntax, a value that is not a JSON object, a repeated property, text
    /// that cannot be decoded, an unknown property, a value of the wrong type. Never repeats a value that was
    /// sent; a property name is used as a key only when it is a contract path or looks like a plain name.
    /// </summary>
    public static BatchProblem Translate(JsonException exception, long line)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "$";
        var undecodable = exception.InnerException is InvalidOperationException decode && decode.Message.Contains("UTF", StringComparison.Ordinal);
        if (path == "$" || !SafePath().IsMatch(path))
        {
            if (undecodable)
            {
                return Problem(line, "$", "A property name or text of the case is not valid: it holds invalid UTF-8 or a lone surrogate escape.");
            }

            var position = exception.BytePositionInLine is { } b ? string.Create(CultureInfo.InvariantCulture, $" (line {line + (exception.LineNumber ?? 0)}, byte {b + 1})") : string.Empty;
            return exception.Path is { Length: > 1 } && exception.InnerException is null
                ? Problem(line, "$", "A property of the case is not part of the findings (unknown properties are refused, never ignored).")
                : Problem(line, "$", $"The case is not a valid JSON object{position}: each case must be one JSON object with the findings.");
        }

        var field = StripIndexes(path);
        var last = field[(field.LastIndexOf('.') + 1)..];
        if (exception.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return Problem(line, path, $"{path} appears more than once; a repeated property is refused, never merged or overwritten.");
        }

        if (undecodable)
        {
            return Problem(line, path, $"{path} is not valid text: it holds invalid UTF-8 or a lone surrogate escape.");
        }

        if (!IsKnownPath(field))
        {
            return IdentifierNames.IsIdentifierLike(last)
                ? Problem(line, path, $"'{field}' looks like a direct identifier; cohorts must be anonymized, so this case was not scored.")
                : Problem(line, path, $"'{field}' is not a property of the findings (unknown properties are refused, never ignored; names are case-sensitive).");
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

    /// <summary>A path made of plain names and list indexes (<c>antibodies.otherMyositisSpecific[0]</c>), safe to use as a key.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]{0,63}(\[\d{1,9}\])?(\.[A-Za-z][A-Za-z0-9_\-]{0,63}(\[\d{1,9}\])?){0,15}$")]
    private static partial Regex SafePath();
}
