using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// The ruleset's default CK upper limits of normal (U/L), which the engine applies to a CK without the lab's own:
/// the female one for women, the other one for men, both (raised only above the higher, normal only at or below the
/// lower) for any other or unknown sex.
/// </summary>
internal readonly record struct CkDefaultLimits(decimal Female, decimal Other)
{
    /// <summary>The defaults of a ruleset, or <c>null</c> when it has none.</summary>
    public static CkDefaultLimits? Of(Ruleset ruleset)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        return ruleset.FindParameter(RulesetLoader.DefaultUlnFemaleParameter) is { } female
            && ruleset.FindParameter(RulesetLoader.DefaultUlnOtherParameter) is { } other
            ? new CkDefaultLimits((decimal)female.Value, (decimal)other.Value)
            : null;
    }

    /// <summary>
    /// Whether the engine will call a CK raised (true) or not (false) against the default for this sex; <c>null</c>
    /// when it lies between the two defaults and the sex does not choose one.
    /// </summary>
    public bool? Raised(decimal unitsPerLitre, Sex? sex)
    {
        var (lower, higher) = sex switch
        {
            Sex.Female => (Female, Female),
            Sex.Male => (Other, Other),
            _ => (Math.Min(Female, Other), Math.Max(Female, Other)),
        };
        return unitsPerLitre > higher ? true : unitsPerLitre <= lower ? false : null;
    }

    /// <summary>The default that applies, as shown on a card ("300 U/L", or "200 to 300 U/L" when the sex does not choose).</summary>
    public string Shown(Sex? sex) => sex switch
    {
        Sex.Female => $"{Safe.Number((double)Female)} U/L",
        Sex.Male => $"{Safe.Number((double)Other)} U/L",
        _ => $"{Safe.Number((double)Math.Min(Female, Other))} to {Safe.Number((double)Math.Max(Female, Other))} U/L",
    };
}
