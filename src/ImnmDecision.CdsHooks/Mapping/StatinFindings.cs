using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>What the CDS door mapped from FHIR for one section of the findings (see <see cref="MappedSections"/>). Statin exposure.</summary>
internal sealed record StatinFindings
{
    /// <summary>Current, past, never or unknown.</summary>
    public StatinExposure? Exposure { get; init; }

    /// <summary>The statin's name, for the record (at most 64 characters).</summary>
    public string? Drug { get; init; }

    /// <summary>Whole weeks since a past statin was stopped, when the record dates the stop to the day.</summary>
    public int? StoppedWeeksAgo { get; init; }
}
