using System.Text.Json.Serialization;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// How the reported CK relates to the true value when the lab gives only a bound (as FHIR's
/// <c>Quantity.comparator</c> does: <c>&gt;20000</c> above the assay's range, <c>&lt;20</c> below it).
/// </summary>
public enum CkComparator
{
    /// <summary>The true value is above the reported one.</summary>
    [JsonStringEnumMemberName(">")]
    GreaterThan,

    /// <summary>The true value is the reported one or above.</summary>
    [JsonStringEnumMemberName(">=")]
    AtLeast,

    /// <summary>The true value is below the reported one.</summary>
    [JsonStringEnumMemberName("<")]
    LessThan,

    /// <summary>The true value is the reported one or below.</summary>
    [JsonStringEnumMemberName("<=")]
    AtMost,
}
