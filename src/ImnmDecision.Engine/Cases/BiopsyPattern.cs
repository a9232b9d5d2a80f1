namespace ImnmDecision.Engine.Cases;

/// <summary>The dominant pattern of a muscle biopsy.</summary>
public enum BiopsyPattern
{
    /// <summary>Necrotic and regenerating fibres with little or no inflammation.</summary>
    Necrotizing,
    /// <summary>Endomysial inflammation invading non-necrotic fibres.</summary>
    InflammatoryEndomysial,
    /// <summary>Perifascicular atrophy (points to dermatomyositis).</summary>
    Perifascicular,
    /// <summary>Rimmed vacuoles (points to inclusion body myositis).</summary>
    RimmedVacuoles,
    /// <summary>Dystrophic pattern (points to a muscular dystrophy).</summary>
    Dystrophic,
    /// <summary>Neurogenic pattern.</summary>
    Neurogenic,
    /// <summary>Nonspecific changes.</summary>
    Nonspecific,
    /// <summary>Normal muscle.</summary>
    Normal,
}
