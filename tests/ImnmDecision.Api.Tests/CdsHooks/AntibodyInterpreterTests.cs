using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Positive or negative, in the design's order: interpretation, coded value, quantity against the lab's limit,
/// text; and nothing is read into a result that does not say it.
/// </summary>
public sealed class AntibodyInterpreterTests
{
    [Theory]
    [InlineData("""{ "interpretation": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "POS" } ] } ] }""", AntibodyResult.Positive)]
    [InlineData("""{ "interpretation": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "NEG" } ] } ] }""", AntibodyResult.Negative)]
    [InlineData("""{ "interpretation": [ { "coding": [ { "code": "H" } ] } ] }""", AntibodyResult.Positive)]
    [InlineData("""{ "interpretation": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v2-0078", "code": "N" } ] } ] }""", AntibodyResult.Negative)]
    [InlineData("""{ "interpretation": [ { "coding": [ { "code": "IND" } ] } ] }""", AntibodyResult.Equivocal)]
    [InlineData("""{ "valueCodeableConcept": { "coding": [ { "system": "http://snomed.info/sct", "code": "10828004" } ] } }""", AntibodyResult.Positive)]
    [InlineData("""{ "valueCodeableConcept": { "coding": [ { "system": "http://snomed.info/sct", "code": "260385009" } ] } }""", AntibodyResult.Negative)]
    [InlineData("""{ "valueCodeableConcept": { "coding": [ { "system": "urn:oid:2.16.840.1.113883.6.96", "code": "260385009" } ] } }""", AntibodyResult.Negative)]
    [InlineData("""{ "valueQuantity": { "value": 86 }, "referenceRange": [ { "high": { "value": 20 } } ] }""", AntibodyResult.Positive)]
    [InlineData("""{ "valueQuantity": { "value": 20 }, "referenceRange": [ { "high": { "value": 20 } } ] }""", AntibodyResult.Negative)]
    [InlineData("""{ "valueQuantity": { "value": 3, "comparator": "<" }, "referenceRange": [ { "high": { "value": 20 } } ] }""", AntibodyResult.Negative)]
    [InlineData("""{ "valueQuantity": { "value": 200, "comparator": ">" }, "referenceRange": [ { "high": { "value": 20 } } ] }""", AntibodyResult.Positive)]
    [InlineData("""{ "valueString": "Not detected" }""", AntibodyResult.Negative)]
    [InlineData("""{ "valueString": "DETECTED" }""", AntibodyResult.Positive)]
    [InlineData("""{ "valueString": "Borderline, repeat in 4 weeks" }""", AntibodyResult.Equivocal)]
    [InlineData("""{ "valueCodeableConcept": { "text": "Non-reactive" } }""", AntibodyResult.Negative)]
    [InlineData("""{ "interpretation": [ { "coding": [ { "code": "NEG" } ] } ], "valueString": "positive" }""", AntibodyResult.Negative)]
    public void Read_ResultForms_ReadAsTheLabSaysThem(string result, AntibodyResult expected)
    {
        var read = AntibodyInterpreter.Read(Reading(result), CdsFixtures.Codes);

        read.Should().NotBeNull();
        read!.Value.Result.Should().Be(expected);
    }

    [Theory]
    [InlineData("""{ "valueQuantity": { "value": 86 } }""")]
    [InlineData("""{ "valueQuantity": { "value": 30, "comparator": "<" }, "referenceRange": [ { "high": { "value": 20 } } ] }""")]
    [InlineData("""{ "valueQuantity": { "value": 10, "comparator": ">" }, "referenceRange": [ { "high": { "value": 20 } } ] }""")]
    [InlineData("""{ "interpretation": [ { "coding": [ { "system": "http://example.org/other-system", "code": "POS" } ] } ] }""")]
    [InlineData("""{ "valueString": "see report" }""")]
    [InlineData("""{ "dataAbsentReason": { "coding": [ { "code": "not-performed" } ] } }""")]
    public void Read_ResultsThatDoNotSay_AreNotRead(string result)
    {
        AntibodyInterpreter.Read(Reading(result), CdsFixtures.Codes).Should().BeNull();
    }

    private static ObservationReading Reading(string json)
    {
        return ObservationReading.From(FhirTestData.Observation(json)).First();
    }
}
