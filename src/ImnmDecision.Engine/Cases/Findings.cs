namespace ImnmDecision.Engine.Cases;

/// <summary>
/// The structured findings of one case. Every section and field is optional: a missing value means
/// "not known", and the assessment lists what is missing instead of guessing.
/// </summary>
public sealed record Findings
{
    /// <summary>Optional caller reference (at most 64 characters), echoed back and never logged.</summary>
    public string? CaseId { get; init; }

    /// <summary>Age, sex, weight and pregnancy.</summary>
    public PatientFindings? Patient { get; init; }

    /// <summary>Creatine kinase with its unit and the lab's upper limit of normal.</summary>
    public CkFindings? Ck { get; init; }

    /// <summary>Anti-HMGCR, anti-SRP and other myositis antibodies.</summary>
    public AntibodyFindings? Antibodies { get; init; }

    /// <summary>Muscle biopsy.</summary>
    public BiopsyFindings? Biopsy { get; init; }

    /// <summary>Statin exposure.</summary>
    public StatinFindings? Statin { get; init; }

    /// <summary>Weakness, onset and red-flag symptoms.</summary>
    public ClinicalFindings? Clinical { get; init; }

    /// <summary>Conditions that change treatment choices.</summary>
    public ComorbidityFindings? Comorbidities { get; init; }
}
