namespace ImnmDecision.Engine.Assessments;

/// <summary>Red flags.</summary>
public enum AlertId
{
    /// <summary>Dysphagia: aspiration risk.</summary>
    Dysphagia,
    /// <summary>Respiratory muscle weakness.</summary>
    RespiratoryWeakness,
    /// <summary>Cardiac symptoms.</summary>
    CardiacInvolvement,
    /// <summary>Acute onset with moderate or severe weakness.</summary>
    RapidProgression,
    /// <summary>Very high CK.</summary>
    ExtremeCk,
    /// <summary>Immune-checkpoint-inhibitor myositis (decision-table row 1a).</summary>
    CheckpointInhibitorMyositis,
}
