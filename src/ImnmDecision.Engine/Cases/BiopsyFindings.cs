namespace ImnmDecision.Engine.Cases;

/// <summary>A muscle biopsy. A pattern implies the biopsy was performed.</summary>
public sealed record BiopsyFindings
{
    /// <summary>Whether a muscle biopsy was performed.</summary>
    public bool? Performed { get; init; }

    /// <summary>The dominant pattern.</summary>
    public BiopsyPattern? Pattern { get; init; }

    /// <summary>Diffuse MHC class I up-regulation (supportive of IMNM).</summary>
    public bool? Mhc1Diffuse { get; init; }

    /// <summary>Sarcolemmal membrane attack complex (C5b-9) on non-necrotic fibres (supportive of IMNM).</summary>
    public bool? SarcolemmalMac { get; init; }
}
