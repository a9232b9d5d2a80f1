using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// The FHIR extension patient-sexParameterForClinicalUse (a "value" sub-extension coded female-typical, male-typical
/// or specified, and an optional "period"): it says which sex's reference ranges apply, so it decides over `gender`
/// when its period covers today (the mapping tests' "today" is 2025-06-15): the two typical codes give the sex,
/// "specified" makes it unknown (the CK limit of normal then needs the lab's own).
/// </summary>
public sealed class SexParameterForClinicalUseTests
{
    [Theory]
    [InlineData("", "male-typical", null, Sex.Male)]
    [InlineData("\"gender\": \"unknown\",", "female-typical", null, Sex.Female)]
    [InlineData("\"gender\": \"female\",", "male-typical", null, Sex.Male)]
    [InlineData("\"gender\": \"male\",", "female-typical", null, Sex.Female)]
    [InlineData("\"gender\": \"other\",", "male-typical", null, Sex.Male)]
    [InlineData("\"gender\": \"male\",", "specified", null, null)]
    [InlineData("\"gender\": \"female\",", "male-typical", """{ "end": "2024-12-31" }""", Sex.Female)]
    [InlineData("", "specified", null, null)]
    [InlineData("", "male-typical", """{ "start": "2020-01-01", "end": "2024-12-31" }""", null)]
    [InlineData("", "male-typical", """{ "start": "2026-01-01" }""", null)]
    [InlineData("", "female-typical", """{ "start": "2024-01-01" }""", Sex.Female)]
    public void Map_SexParameterForClinicalUse_DecidesOverGenderInItsPeriod(string gender, string code, string? period, Sex? expected)
    {
        var periodExtension = period is null ? "" : $$""", { "url": "period", "valuePeriod": {{period}} }""";
        var patient = $$"""
            {
              "resourceType": "Patient", "id": "pt-1", {{gender}} "birthDate": "1960-01-01",
              "extension": [ {
                "url": "http://hl7.org/fhir/StructureDefinition/patient-sexParameterForClinicalUse",
                "extension": [
                  { "url": "value", "valueCodeableConcept": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/sex-parameter-for-clinical-use", "code": "{{code}}" } ] } }
                  {{periodExtension}}
                ]
              } ]
            }
            """;

        var mapped = FhirMapping.Map(patient, FhirMapping.Ck("ck-1", "900", "U/L", "2024-03-02"));

        var sex = mapped.Sections.Patient!.Sex;
        (sex == Sex.Unknown ? null : sex).Should().Be(expected);
        if (expected is not null && gender.Length == 0)
        {
            mapped.Evidence.Should().Contain(e => e.EndsWith($", sex {(expected == Sex.Male ? "male" : "female")} (from the patient-sexParameterForClinicalUse extension, which sets clinical reference ranges; no gender recorded).", StringComparison.Ordinal));
        }

        if (code == "specified" && gender.Length > 0)
        {
            mapped.Evidence.Should().Contain(e => e.EndsWith(", sex unknown (the patient-sexParameterForClinicalUse extension says settings are specified elsewhere; gender male).", StringComparison.Ordinal));
        }
    }
}
