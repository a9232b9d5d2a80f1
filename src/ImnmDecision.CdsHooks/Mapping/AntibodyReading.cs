using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>An antibody result as mapped: which antibody, how it reads, when, and what it was read from.</summary>
internal sealed record AntibodyReading(string Kind, AntibodyResult Result, FhirDateTime? When, string Basis)
{
    /// <summary>One line for the card: "Anti-HMGCR positive on 2024-03-05 (interpretation POS)".</summary>
    public string Describe() => $"{AntibodyNames.Of(Kind)} {AntibodyNames.Result(Result)} on {When?.Display ?? "an undated result"} ({Basis})";
}
