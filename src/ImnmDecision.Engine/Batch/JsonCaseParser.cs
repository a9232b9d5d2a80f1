namespace ImnmDecision.Engine.Batch;

/// <summary>Parses the JSON objects the NDJSON and JSON array readers framed, with its own antibody lists. One per worker.</summary>
internal sealed class JsonCaseParser : IRecordParser
{
    private readonly AntibodyLists lists = new();

    public void Parse(ReadOnlySpan<byte> text, ref ParsedRecord record) => JsonRecordParser.Parse(text, ref record, lists);
}
