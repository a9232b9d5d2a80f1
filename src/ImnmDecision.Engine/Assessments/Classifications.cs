namespace ImnmDecision.Engine.Assessments;

/// <summary>Classification criteria scored beside the subtype; they never change it.</summary>
public sealed record Classifications
{
    /// <summary>The 2017 EULAR/ACR classification criteria for adult and juvenile idiopathic inflammatory myopathies.</summary>
    public required ClassificationResult EularAcr2017 { get; init; }
}
