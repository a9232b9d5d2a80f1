using System.Text.Json.Serialization;

namespace ImnmDecision.Engine.Cases;

/// <summary>Other myositis-specific or -associated antibodies (positive results only).</summary>
public enum MyositisAntibody
{
    /// <summary>Anti-Jo-1 (antisynthetase).</summary>
    Jo1,
    /// <summary>Anti-PL-7 (antisynthetase).</summary>
    Pl7,
    /// <summary>Anti-PL-12 (antisynthetase).</summary>
    Pl12,
    /// <summary>Anti-EJ (antisynthetase).</summary>
    Ej,
    /// <summary>Anti-OJ (antisynthetase).</summary>
    Oj,
    /// <summary>Anti-Mi-2 (dermatomyositis).</summary>
    Mi2,
    /// <summary>Anti-TIF1-gamma (dermatomyositis).</summary>
    [JsonStringEnumMemberName("tif1g")]
    Tif1g,
    /// <summary>Anti-NXP-2 (dermatomyositis).</summary>
    [JsonStringEnumMemberName("nxp2")]
    Nxp2,
    /// <summary>Anti-MDA5 (dermatomyositis).</summary>
    [JsonStringEnumMemberName("mda5")]
    Mda5,
    /// <summary>Anti-SAE (dermatomyositis).</summary>
    Sae,
    /// <summary>Anti-cN1A (inclusion body myositis association).</summary>
    [JsonStringEnumMemberName("cn1a")]
    Cn1a,
    /// <summary>Anti-PM-Scl (overlap myositis).</summary>
    [JsonStringEnumMemberName("pm-scl")]
    PmScl,
    /// <summary>Anti-Ku (overlap myositis).</summary>
    Ku,
}
