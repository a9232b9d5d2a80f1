using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>What the CDS door mapped from FHIR for one section of the findings (see <see cref="MappedSections"/>). A creatine kinase result.</summary>
internal sealed record CkFindings
{
    /// <summary>The measured value, at least 0, in <see cref="Unit"/>.</summary>
    public double? Value { get; init; }

    /// <summary><c>U/L</c> (the same as IU/L) or <c>ukat/L</c> (1 ukat/L = 60 U/L). When absent, U/L is assumed and the answer says so.</summary>
    public CkUnit? Unit { get; init; }

    /// <summary>The lab's upper limit of normal, above 0, in the same unit. When absent, the ruleset's default for the sex applies and the answer says so.</summary>
    public double? UpperLimitOfNormal { get; init; }

    /// <summary>When the lab reported only a bound (<c>&gt;20000</c>): how the true value relates to <see cref="Value"/>.</summary>
    public CkComparator? Comparator { get; init; }
}
