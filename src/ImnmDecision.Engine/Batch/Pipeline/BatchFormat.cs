namespace ImnmDecision.Engine.Batch;

/// <summary>The wire format of a batch of cases or of its results.</summary>
public enum BatchFormat
{
    /// <summary>A JSON array (<c>application/json</c>): cases in, results out, the summary as the last element.</summary>
    Json,

    /// <summary>Newline-delimited JSON (<c>application/x-ndjson</c>): one object per line, the summary as the last line.</summary>
    Ndjson,

    /// <summary>CSV with a header row (<c>text/csv</c>): flat column names equal to the JSON paths; the summary as the last row.</summary>
    Csv,
}
