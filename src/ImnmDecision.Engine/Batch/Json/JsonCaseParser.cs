using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>Parses the JSON objects the NDJSON and JSON array readers framed, reusing its error list. One per worker.</summary>
internal sealed class JsonCaseParser : IRecordParser
{
    private readonly List<FindingError> errors = [];

    public void Parse(ReadOnlySpan<byte> text, ref ParsedRecord record) => JsonRecordParser.Parse(text, ref record, errors);
}
