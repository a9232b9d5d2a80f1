namespace ImnmDecision.Engine.Assessments;

/// <summary>Treatment options.</summary>
public enum TreatmentId
{
    /// <summary>Stop the statin; never rechallenge.</summary>
    StopStatin,
    /// <summary>Oral prednisone.</summary>
    Prednisone,
    /// <summary>IV methylprednisolone pulses.</summary>
    IvMethylprednisolone,
    /// <summary>Methotrexate.</summary>
    Methotrexate,
    /// <summary>Azathioprine.</summary>
    Azathioprine,
    /// <summary>Mycophenolate.</summary>
    Mycophenolate,
    /// <summary>Intravenous immunoglobulin.</summary>
    Ivig,
    /// <summary>Rituximab.</summary>
    Rituximab,
    /// <summary>Plasma exchange.</summary>
    PlasmaExchange,
    /// <summary>Supervised exercise and physiotherapy.</summary>
    PhysicalTherapy,
    /// <summary>Calcium, vitamin D and glucose monitoring while on steroids.</summary>
    BoneProtection,
    /// <summary>Non-statin lipid lowering.</summary>
    NonStatinLipidLowering,
    /// <summary>No statin ever again (every anti-HMGCR patient, statin-naive included).</summary>
    AvoidStatins,
    /// <summary>Pneumocystis jirovecii pneumonia prophylaxis (co-trimoxazole) while on high-dose steroids.</summary>
    PjpProphylaxis,
}
