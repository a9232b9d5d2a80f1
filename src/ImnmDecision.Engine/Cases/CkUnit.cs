using System.Text.Json.Serialization;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Cases;

/// <summary>The unit of a creatine kinase result and its upper limit of normal.</summary>
[JsonConverter(typeof(CkUnitJsonConverter))]
public enum CkUnit
{
    /// <summary>Units per litre (the same as IU/L).</summary>
    [JsonStringEnumMemberName("U/L")]
    [JsonAlias("IU/L")]
    UnitsPerLitre,

    /// <summary>Microkatal per litre; 1 ukat/L is 60 U/L.</summary>
    [JsonStringEnumMemberName("ukat/L")]
    [JsonAlias("µkat/L")]
    MicrokatalPerLitre,
}
