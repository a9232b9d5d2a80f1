using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Weeks since a past statin was stopped, from FHIR: only a stop date to the day counts, and only when every past
/// statin record has one (the mapping tests' "today" is 2025-06-15).
/// </summary>
public sealed class StatinStopDateTests
{
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    [Theory]
    [InlineData("2025-06-15", 0)]
    [InlineData("2025-06-09", 0)]
    [InlineData("2025-06-08", 1)]
    [InlineData("2025-03-23", 12)]
    [InlineData("2025-03-24", 11)]
    [InlineData("2025-05-01T18:30:00Z", 6)]
    [InlineData("2024-06-15", 52)]
    public void Map_CompletedStatementWithAStopDay_GivesWholeWeeksSinceThen(string end, int weeks)
    {
        var mapped = FhirMapping.Map(Statement("ms-1", "completed", $$"""{ "start": "2023-01-01", "end": "{{end}}" }"""));

        mapped.Sections.Statin!.Exposure.Should().Be(StatinExposure.Past);
        mapped.Sections.Statin.StoppedWeeksAgo.Should().Be(weeks);
        mapped.Findings.Number("statin.stoppedWeeksAgo").Should().Be(weeks);
        var line = $"Statin stopped {end[..10]}: {weeks} whole week(s) ago";
        mapped.Evidence.Should().Contain(e => e.StartsWith(line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "start": "2023-01-01", "end": "2025-05" }""", "a stop month is not a stop day")]
    [InlineData("""{ "start": "2023-01-01", "end": "2025" }""", "a stop year is not a stop day")]
    [InlineData("""{ "start": "2025-01-01" }""", "a period without an end has no stop date")]
    [InlineData("""{ "start": "2023-01-01", "end": "2025-07-01" }""", "a stop date after today is not a past stop")]
    [InlineData("""{ "start": "1900-01-01", "end": "1920-01-01" }""", "more weeks than the findings allow are not cut to the bound")]
    public void Map_PastStatementWithoutAUsableStopDay_LeavesTheWeeksUnknown(string period, string because)
    {
        var mapped = FhirMapping.Map(Statement("ms-1", "stopped", period));

        mapped.Sections.Statin!.Exposure.Should().Be(StatinExposure.Past);
        mapped.Sections.Statin.StoppedWeeksAgo.Should().BeNull(because);
        mapped.Findings.Number("statin.stoppedWeeksAgo").Should().BeNull(because);
    }

    [Fact]
    public void Map_StatementWithAnEffectiveDateTimeOnly_LeavesTheWeeksUnknown()
    {
        var mapped = FhirMapping.Map($$"""
            { "resourceType": "MedicationStatement", "id": "ms-1", "status": "completed",
              "medicationCodeableConcept": { "coding": [ { "system": "{{RxNorm}}", "code": "859751" } ] },
              "subject": { "reference": "Patient/pt-1" }, "effectiveDateTime": "2025-05-01" }
            """);

        mapped.Sections.Statin!.StoppedWeeksAgo.Should().BeNull("a single date says when the statin was taken, not when it stopped");
    }

    [Fact]
    public void Map_PastOrderBesideADatedStatement_LeavesTheWeeksUnknown()
    {
        var mapped = FhirMapping.Map(
            Statement("ms-1", "completed", """{ "start": "2023-01-01", "end": "2025-01-10" }"""),
            Order("mr-1", "stopped", "2025-02-01"));

        mapped.Sections.Statin!.Exposure.Should().Be(StatinExposure.Past);
        mapped.Sections.Statin.StoppedWeeksAgo.Should().BeNull("the order may have been stopped at any time after it was written");
    }

    [Fact]
    public void Map_SeveralDatedStatements_CountFromTheLatestStop()
    {
        var mapped = FhirMapping.Map(
            Statement("ms-1", "completed", """{ "start": "2020-01-01", "end": "2021-01-01" }"""),
            Statement("ms-2", "stopped", """{ "start": "2024-01-01", "end": "2025-04-06" }"""));

        mapped.Sections.Statin!.StoppedWeeksAgo.Should().Be(10);
    }

    [Fact]
    public void Map_ActiveOrderBesideAStoppedStatement_IsCurrentWithoutWeeks()
    {
        var mapped = FhirMapping.Map(
            Statement("ms-1", "completed", """{ "start": "2023-01-01", "end": "2025-01-10" }"""),
            Order("mr-1", "active", "2025-05-01"));

        mapped.Sections.Statin!.Exposure.Should().Be(StatinExposure.Current);
        mapped.Findings.Number("statin.stoppedWeeksAgo").Should().BeNull("weeks since stopping apply only to past exposure");
    }

    [Fact]
    public void Map_StopDateBesideUnconfirmedRecords_StillCounts()
    {
        var mapped = FhirMapping.Map(
            Statement("ms-1", "completed", """{ "start": "2023-01-01", "end": "2025-04-06" }"""),
            Statement("ms-2", "intended", """{ "start": "2025-07-01" }"""));

        mapped.Sections.Statin!.Exposure.Should().Be(StatinExposure.Past);
        mapped.Sections.Statin.StoppedWeeksAgo.Should().Be(10, "a statin only intended was never taken, so it has no stop to date");
    }

    private static string Statement(string id, string status, string period) => $$"""
        { "resourceType": "MedicationStatement", "id": "{{id}}", "status": "{{status}}",
          "medicationCodeableConcept": { "coding": [ { "system": "{{RxNorm}}", "code": "859751" } ] },
          "subject": { "reference": "Patient/pt-1" }, "effectivePeriod": {{period}} }
        """;

    private static string Order(string id, string status, string authoredOn) => $$"""
        { "resourceType": "MedicationRequest", "id": "{{id}}", "status": "{{status}}", "intent": "order",
          "medicationCodeableConcept": { "coding": [ { "system": "{{RxNorm}}", "code": "617310" } ] },
          "subject": { "reference": "Patient/pt-1" }, "authoredOn": "{{authoredOn}}" }
        """;
}
