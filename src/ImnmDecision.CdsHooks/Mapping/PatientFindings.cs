using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>What the CDS door mapped from FHIR for one section of the findings (see <see cref="MappedSections"/>). Patient details that change the classification or the doses.</summary>
internal sealed record PatientFindings
{
    /// <summary>Age in years, 0 to 120.</summary>
    public double? AgeYears { get; init; }

    /// <summary>Sex; selects the default CK upper limit of normal when the lab's is absent.</summary>
    public Sex? Sex { get; init; }

    /// <summary>Weight in kg, 1 to 400; needed for weight-based doses, which are otherwise given per kg only.</summary>
    public double? WeightKg { get; init; }

    /// <summary>Pregnancy; true is only allowed when sex is not male.</summary>
    public bool? Pregnant { get; init; }
}
