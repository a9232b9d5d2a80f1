namespace ImnmDecision.Engine.Batch;

/// <summary>A run of records handed from the reading stage to the scoring stage; reused.</summary>
internal sealed class RecordBatch
{
    public const int Capacity = 512;

    public ParsedRecord[] Records { get; } = new ParsedRecord[Capacity];

    public int Count { get; set; }

    public bool IsFull => Count == Capacity;

    /// <summary>Drops the findings it held so they can be collected, and empties it.</summary>
    public void Clear()
    {
        Array.Clear(Records, 0, Count);
        Count = 0;
    }
}
