namespace ImnmDecision.Engine.Assessments;

/// <summary>The 2017 EULAR/ACR category of a probability of idiopathic inflammatory myopathy (IIM).</summary>
public enum ClassificationCategory
{
    /// <summary>Definite IIM (probability of at least 90%).</summary>
    Definite,
    /// <summary>Probable IIM (at least 55%): the recommended minimum to classify IIM.</summary>
    Probable,
    /// <summary>Possible IIM (at least 50%, below 55%).</summary>
    Possible,
    /// <summary>Below 50%: not classified as IIM.</summary>
    NotIim,
}
