using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Two records that say the same thing (two undated orders for one statin, as the FHIR R4 example f001 carries) give
/// one line on the card, not the same line twice.
/// </summary>
public sealed class EvidenceLineTests
{
    [Fact]
    public void Map_TwoUndatedOrdersForOneStatin_AreOneEvidenceLine()
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("male"), Order("mr-1"), Order("mr-2"));

        mapped.Evidence.Where(e => e.StartsWith("Statin: ", StringComparison.Ordinal)).Should().ContainSingle();
        mapped.Sections.Statin!.Exposure.Should().Be(ImnmDecision.Engine.Cases.StatinExposure.Current);
    }

    private static string Order(string id) => $$"""
        {
          "resourceType": "MedicationRequest", "id": "{{id}}", "status": "active", "intent": "order",
          "medicationCodeableConcept": { "text": "Rosuvastatin 10 mg tablet" },
          "subject": { "reference": "Patient/pt-1" }
        }
        """;
}
