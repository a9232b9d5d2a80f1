namespace ImnmDecision.Engine.Assessments;

/// <summary>The suggested IMNM subtype, or why none can be named.</summary>
public enum SubtypeCode
{
    /// <summary>Anti-HMGCR IMNM with statin exposure.</summary>
    AntiHmgcrStatinExposed,
    /// <summary>Anti-HMGCR IMNM without statin exposure.</summary>
    AntiHmgcrStatinNaive,
    /// <summary>Anti-HMGCR IMNM, statin exposure unknown.</summary>
    AntiHmgcr,
    /// <summary>Anti-SRP IMNM.</summary>
    AntiSrp,
    /// <summary>Antibody-negative IMNM.</summary>
    Seronegative,
    /// <summary>Both IMNM antibodies (or one with another myositis-specific antibody) positive: confirm before acting.</summary>
    ConflictingSerology,
    /// <summary>The findings point away from IMNM.</summary>
    AlternativeDiagnosisLikely,
    /// <summary>Normal CK and no weakness, or nothing points to IMNM.</summary>
    NotSupported,
    /// <summary>Cannot yet be classified; the answer says what is missing.</summary>
    InsufficientData,
}
