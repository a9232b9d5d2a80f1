using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// A child grows: for a patient who is a child now, only a weight from the last 90 days (the code lists'
/// <c>childWeightCurrentForDays</c>) sizes the doses; an older or undated one is named and not used. An adult's
/// weight has no such limit. The mapping tests' "today" is 2025-06-15.
/// </summary>
public sealed class ChildWeightRecencyTests
{
    [Theory]
    [InlineData("2015-01-01", "2025-05-01", 32.0)] // a child of 10, weighed 45 days ago
    [InlineData("2015-01-01", "2025-03-17", 32.0)] // exactly 90 days ago
    [InlineData("2015-01-01", "2025-03-16", null)] // 91 days ago
    [InlineData("2015-01-01", "2019-06-01", null)] // weighed at 4
    [InlineData("1960-01-01", "2019-06-01", 32.0)] // an adult: no limit
    public void Map_AChildsWeight_IsUsedOnlyWhenRecent(string birthDate, string weighed, double? expected)
    {
        var mapped = FhirMapping.MapAsTheService(FhirMapping.Patient("female", birthDate), Weight("w-1", weighed, 32));

        mapped.Sections.Patient!.WeightKg.Should().Be(expected);
        if (expected is null)
        {
            mapped.Notes.Should().Contain($"A weight ({weighed}) was measured more than 90 days ago, and a child grows: it is not used for the doses; weigh the patient.");
        }
    }

    [Fact]
    public void Map_AChildsNewestWeightIsOld_NoOlderOneIsUsedEither()
    {
        var mapped = FhirMapping.MapAsTheService(FhirMapping.Patient("male", "2012-03-01"), Weight("w-new", "2024-11-01", 41), Weight("w-old", "2023-05-01", 35));

        mapped.Sections.Patient!.WeightKg.Should().BeNull();
        mapped.Notes.Should().ContainSingle(n => n.StartsWith("A weight (", StringComparison.Ordinal));
    }

    private static string Weight(string id, string date, double kg) => $$"""
        {
          "resourceType": "Observation", "id": "{{id}}", "status": "final",
          "code": { "coding": [ { "system": "http://loinc.org", "code": "29463-7", "display": "Body weight" } ] },
          "subject": { "reference": "Patient/pt-1" },
          "effectiveDateTime": "{{date}}",
          "valueQuantity": { "value": {{kg}}, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg" }
        }
        """;
}
