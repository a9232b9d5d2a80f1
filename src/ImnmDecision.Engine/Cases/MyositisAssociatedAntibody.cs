using System.Text.Json.Serialization;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// Myositis-associated antibodies (positive results only): they mark a connective-tissue overlap and often occur
/// beside a myositis-specific antibody, so they never make the serology conflicting.
/// </summary>
public enum MyositisAssociatedAntibody
{
    /// <summary>Anti-PM/Scl (overlap with systemic sclerosis).</summary>
    [JsonStringEnumMemberName("pm-scl")]
    PmScl,
    /// <summary>Anti-Ku (overlap myositis).</summary>
    [JsonStringEnumMemberName("ku")]
    Ku,
    /// <summary>Anti-Ro52 (TRIM21).</summary>
    [JsonStringEnumMemberName("ro52")]
    Ro52,
    /// <summary>Anti-U1RNP (mixed connective tissue disease).</summary>
    [JsonStringEnumMemberName("u1rnp")]
    U1rnp,
}
