using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>Readable antibody names for cards.</summary>
internal static class AntibodyNames
{
    public static string Of(string kind) => kind switch
    {
        Codes.CodeBook.Hmgcr => "Anti-HMGCR",
        Codes.CodeBook.Srp => "Anti-SRP",
        _ when JsonNames.TryParse<MyositisAntibody>(kind, out var other) => Of(other),
        _ => "Antibody " + Safe.Code(kind),
    };

    public static string Of(MyositisAntibody antibody) => "Anti-" + antibody switch
    {
        MyositisAntibody.Jo1 => "Jo-1",
        MyositisAntibody.Pl7 => "PL-7",
        MyositisAntibody.Pl12 => "PL-12",
        MyositisAntibody.Ej => "EJ",
        MyositisAntibody.Oj => "OJ",
        MyositisAntibody.Mi2 => "Mi-2",
        MyositisAntibody.Tif1g => "TIF1-gamma",
        MyositisAntibody.Nxp2 => "NXP-2",
        MyositisAntibody.Mda5 => "MDA5",
        MyositisAntibody.Sae => "SAE",
        MyositisAntibody.Cn1a => "cN1A",
        MyositisAntibody.PmScl => "PM-Scl",
        MyositisAntibody.Ku => "Ku",
        _ => antibody.ToString(),
    };

    public static string Result(AntibodyResult result) => result switch
    {
        AntibodyResult.Positive => "positive",
        AntibodyResult.Negative => "negative",
        AntibodyResult.Equivocal => "equivocal",
        _ => "not tested",
    };
}
