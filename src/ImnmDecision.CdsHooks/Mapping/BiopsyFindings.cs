using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>What the CDS door mapped from FHIR for one section of the findings (see <see cref="MappedSections"/>). A muscle biopsy. A pattern implies the biopsy was performed.</summary>
internal sealed record BiopsyFindings
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
