using System.Text.Json;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// One value written where FHIR R4 has a list (as the CDS Hooks sandbox writes a draft order's <c>category</c> and
/// <c>reasonCode</c>) is read as a list of one; a list where R4 has one value still makes the resource unreadable.
/// </summary>
public sealed class FhirListRepairTests
{
    [Fact]
    public void Read_SandboxDraftWithCategoryAndReasonCodeAsObjects_IsReadWhole()
    {
        var draft = Read("""
            { "resourceType": "MedicationRequest", "id": "request-123", "status": "draft", "intent": "order",
              "category": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/medicationrequest-category", "code": "community" } ] },
              "reasonCode": { "text": "Hyperlipidemia" },
              "dosageInstruction": [ { "doseAndRate": { "doseQuantity": { "value": 1, "code": "{pill}" } } } ],
              "medicationCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "859751" } ] },
              "subject": { "reference": "Patient/p-1" } }
            """, out var partial).Should().BeOfType<MedicationRequest>().Subject;

        partial.Should().BeFalse("nothing was left out");
        draft.Category.Should().ContainSingle().Which.Coding[0].Code.Should().Be("community");
        draft.ReasonCode.Should().ContainSingle().Which.Text.Should().Be("Hyperlipidemia");
        draft.DosageInstruction[0].DoseAndRate.Should().ContainSingle().Which.Dose.Should().BeOfType<Quantity>().Which.Value.Should().Be(1);
        draft.Medication.Should().BeOfType<CodeableConcept>().Which.Coding[0].Code.Should().Be("859751");
    }

    [Fact]
    public void Read_APrimitiveWithItsExtensionWhereR4HasAList_IsReadAsAListOfOne()
    {
        var patient = Read("""
            { "resourceType": "Patient", "id": "p-1", "name": [ { "family": "Doe", "given": "Jo", "_given": { "id": "g1" } } ] }
            """, out _).Should().BeOfType<Patient>().Subject;

        patient.Name[0].Given.Should().Equal("Jo");
        patient.Name[0].GivenElement[0].ElementId.Should().Be("g1");
    }

    [Fact]
    public void Read_AContainedResourceWithOneValueWhereR4HasAList_IsReadWhole()
    {
        var order = Read("""
            { "resourceType": "MedicationRequest", "id": "m-1", "status": "active", "intent": "order",
              "contained": [ { "resourceType": "Medication", "id": "med", "ingredient": { "itemCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "36567" } ] } } } ],
              "medicationReference": { "reference": "#med" }, "subject": { "reference": "Patient/p-1" } }
            """, out _).Should().BeOfType<MedicationRequest>().Subject;

        order.Contained.Should().ContainSingle().Which.Should().BeOfType<Medication>().Which.Ingredient.Should().ContainSingle();
    }

    [Theory]
    [InlineData("""{ "resourceType": "MedicationRequest", "id": "m-1", "status": ["draft"], "intent": "order" }""")]
    [InlineData("""{ "resourceType": "MedicationRequest", "id": "m-1", "status": "draft", "intent": "order", "subject": [ { "reference": "Patient/p-1" } ] }""")]
    public void Read_AListWhereR4HasOneValue_StaysUnreadable(string json)
    {
        Read(json, out _).Should().BeNull("which item is meant cannot be told");
    }

    private static Resource? Read(string json, out bool partial)
    {
        using var document = JsonDocument.Parse(json);
        return FhirParsing.Read(document.RootElement, out partial);
    }
}
