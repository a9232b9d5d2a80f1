namespace ImnmDecision.Engine.Batch;

/// <summary>Media types and file extensions of the batch formats.</summary>
public static class BatchFormats
{
    /// <summary>The media type of a JSON array.</summary>
    public const string JsonMediaType = "application/json";

    /// <summary>The media type of newline-delimited JSON.</summary>
    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>The media type of CSV.</summary>
    public const string CsvMediaType = "text/csv";

    /// <summary>The media type to send a format with.</summary>
    public static string MediaType(BatchFormat format) => format switch
    {
        BatchFormat.Json => JsonMediaType,
        BatchFormat.Ndjson => NdjsonMediaType,
        _ => CsvMediaType,
    };

    /// <summary>
    /// The format of a media type (parameters such as <c>charset</c> ignored): <c>application/json</c>,
    /// <c>application/x-ndjson</c> (also <c>application/ndjson</c> and <c>application/jsonl</c>) or <c>text/csv</c>.
    /// </summary>
    public static bool TryFromMediaType(string? mediaType, out BatchFormat format)
    {
        var type = mediaType is null ? string.Empty : mediaType.Split(';', 2)[0].Trim();
        BatchFormat? found = type.ToUpperInvariant() switch
        {
            "APPLICATION/JSON" => BatchFormat.Json,
            "APPLICATION/X-NDJSON" or "APPLICATION/NDJSON" or "APPLICATION/JSONL" or "APPLICATION/X-JSONLINES" => BatchFormat.Ndjson,
            "TEXT/CSV" => BatchFormat.Csv,
            _ => null,
        };
        format = found.GetValueOrDefault();
        return found is not null;
    }

    /// <summary>The format of a file by its extension: <c>.json</c>, <c>.ndjson</c> or <c>.jsonl</c>, <c>.csv</c>.</summary>
    public static bool TryFromPath(string? path, out BatchFormat format)
    {
        BatchFormat? found = Path.GetExtension(path ?? string.Empty).ToUpperInvariant() switch
        {
            ".JSON" => BatchFormat.Json,
            ".NDJSON" or ".JSONL" => BatchFormat.Ndjson,
            ".CSV" => BatchFormat.Csv,
            _ => null,
        };
        format = found.GetValueOrDefault();
        return found is not null;
    }
}
