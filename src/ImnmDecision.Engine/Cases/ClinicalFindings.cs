namespace ImnmDecision.Engine.Cases;

/// <summary>Weakness, its course and red-flag symptoms.</summary>
public sealed record ClinicalFindings
{
    /// <summary>Severity of symmetric proximal weakness.</summary>
    public WeaknessGrade? ProximalWeakness { get; init; }

    /// <summary>How the weakness developed.</summary>
    public Onset? Onset { get; init; }

    /// <summary>Difficulty swallowing (aspiration risk).</summary>
    public bool? Dysphagia { get; init; }

    /// <summary>Respiratory muscle weakness.</summary>
    public bool? RespiratoryWeakness { get; init; }

    /// <summary>Palpitations, chest pain, syncope or heart failure symptoms.</summary>
    public bool? CardiacSymptoms { get; init; }

    /// <summary>A rash (suggests dermatomyositis).</summary>
    public bool? Rash { get; init; }

    /// <summary>Muscle pain.</summary>
    public bool? Myalgia { get; init; }
}
