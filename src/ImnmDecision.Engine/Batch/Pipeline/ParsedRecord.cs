using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>One record read from a batch: its text to parse, then its values, or the problem that kept it from being read.</summary>
internal struct ParsedRecord
{
    /// <summary>The input line where the record starts.</summary>
    public long Line;

    /// <summary>Where the record's text starts: in the data the reader framed it from, then in its batch's input.</summary>
    public int TextStart;

    /// <summary>The length of the text left to parse; 0 when the record is complete (an error found while framing).</summary>
    public int TextLength;

    /// <summary>The case's values (kept with the record and reused), read when <see cref="HasValues"/>.</summary>
    public FindingValues? Values;

    /// <summary>Whether the record was read into <see cref="Values"/>.</summary>
    public bool HasValues;

    /// <summary>The caseId, for an error row, when it could be read.</summary>
    public string? CaseId;

    /// <summary>Why the record could not be read.</summary>
    public BatchProblem? Error;

    /// <summary>The batch cannot go on after this record (a JSON array whose syntax is broken).</summary>
    public bool Fatal;
}
