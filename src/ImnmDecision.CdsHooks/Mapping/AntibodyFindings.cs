using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>What the CDS door mapped from FHIR for one section of the findings (see <see cref="MappedSections"/>). Myositis antibody results.</summary>
internal sealed record AntibodyFindings
{
    /// <summary>Anti-HMGCR result.</summary>
    public AntibodyResult? Hmgcr { get; init; }

    /// <summary>Anti-SRP result.</summary>
    public AntibodyResult? Srp { get; init; }

    /// <summary>
    /// Other myositis-specific antibodies that were positive. Absent means the extended panel was not done
    /// (or is not known); an empty list means it was done and none was positive.
    /// </summary>
    public IReadOnlyList<MyositisAntibody>? OtherMyositisSpecific { get; init; }
}
