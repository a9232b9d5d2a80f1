namespace ImnmDecision.Engine.Assessments;

/// <summary>Workup checklist items.</summary>
public enum WorkupId
{
    /// <summary>Creatine kinase with the lab's upper limit of normal.</summary>
    Ck,
    /// <summary>Anti-HMGCR and anti-SRP.</summary>
    MyositisAntibodies,
    /// <summary>Extended myositis-specific and -associated antibody panel.</summary>
    ExtendedMyositisPanel,
    /// <summary>Muscle biopsy.</summary>
    MuscleBiopsy,
    /// <summary>Muscle MRI.</summary>
    MuscleMri,
    /// <summary>EMG and nerve conduction studies.</summary>
    EmgNcs,
    /// <summary>Aldolase, ALT/AST, LDH, ESR/CRP.</summary>
    BaselineLabs,
    /// <summary>Thyroid-stimulating hormone.</summary>
    Tsh,
    /// <summary>Antinuclear antibodies.</summary>
    Ana,
    /// <summary>Cancer screening.</summary>
    CancerScreening,
    /// <summary>Cardiac evaluation.</summary>
    CardiacEvaluation,
    /// <summary>Pulmonary evaluation.</summary>
    PulmonaryEvaluation,
    /// <summary>Swallow evaluation.</summary>
    SwallowEvaluation,
    /// <summary>Genetic testing for muscular dystrophies.</summary>
    GeneticTesting,
    /// <summary>Screening before immunosuppression.</summary>
    PretreatmentScreening,
    /// <summary>Statin history.</summary>
    StatinHistory,
    /// <summary>Connective-tissue overlap evaluation (a myositis-associated antibody, or a rash).</summary>
    OverlapEvaluation,
    /// <summary>Oncology co-management (a known malignancy, or checkpoint-inhibitor myositis).</summary>
    OncologyComanagement,
    /// <summary>Paediatric rheumatology or neuromuscular co-management (every child).</summary>
    PaediatricComanagement,
    /// <summary>Obstetric co-management (pregnancy).</summary>
    ObstetricComanagement,
}
