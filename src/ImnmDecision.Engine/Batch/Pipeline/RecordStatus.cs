namespace ImnmDecision.Engine.Batch;

/// <summary>What a record reader found at the start of the data it was given.</summary>
internal enum RecordStatus
{
    /// <summary>A record (a case, or an error row for a bad one).</summary>
    Record,

    /// <summary>Bytes with no record (a header, a blank line, a separator): consume them and read on.</summary>
    Skipped,

    /// <summary>The data ends inside a record: read more input.</summary>
    NeedMoreData,

    /// <summary>The input is complete.</summary>
    End,
}
