namespace ImnmDecision.Engine.Batch;

/// <summary>The classifications of a batch row (absent on an error row).</summary>
public sealed record BatchClassifications
{
    /// <summary>The 2017 EULAR/ACR classification, as the single-case answer gives it without its static texts.</summary>
    public required BatchClassification EularAcr2017 { get; init; }
}
