using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Statin exposure from MedicationDispense and MedicationAdministration (prefetch keys <c>statinDispenses</c> and
/// <c>statinAdministrations</c>): a dispense picked up or an administration given is exposure, one not done,
/// declined, cancelled or in error is not; neither is a stop date, so beside one the weeks since stopping stay
/// unknown; the MII test patient's atorvastatin administration is read prefetched and fetched; and a record without
/// such resources answers as before (the mapping tests' "today" is 2025-06-15).
/// </summary>
public sealed class StatinDispenseAdministrationTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    [Theory]
    [InlineData("completed", StatinExposure.Past)]
    [InlineData("in-progress", StatinExposure.Unknown)]
    [InlineData("unknown", StatinExposure.Unknown)]
    [InlineData("cancelled", null)]
    [InlineData("declined", null)]
    [InlineData("preparation", null)]
    [InlineData("entered-in-error", null)]
    public void Map_StatinDispense_PickedUpIsExposure(string status, StatinExposure? expected)
    {
        var mapped = FhirMapping.Map(Dispense("md-1", status, "2025-03-01T10:00:00Z"));

        (mapped.Sections.Statin?.Exposure).Should().Be(expected);
        if (expected is null)
        {
            mapped.Notes.Should().Contain($"A statin dispense ({status}) was not counted as exposure.");
        }
        else
        {
            mapped.Evidence.Should().Contain(e => e.StartsWith($"Statin: atorvastatin ({status} MedicationDispense, 2025-03-01", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("in-progress", StatinExposure.Current)]
    [InlineData("completed", StatinExposure.Past)]
    [InlineData("stopped", StatinExposure.Past)]
    [InlineData("unknown", StatinExposure.Unknown)]
    [InlineData("not-done", null)]
    [InlineData("on-hold", null)]
    [InlineData("entered-in-error", null)]
    public void Map_StatinAdministration_GivenIsExposure(string status, StatinExposure? expected)
    {
        var mapped = FhirMapping.Map(Administration("ma-1", status, "\"effectiveDateTime\": \"2025-04-02T20:00:00Z\""));

        (mapped.Sections.Statin?.Exposure).Should().Be(expected);
        if (expected is null)
        {
            mapped.Notes.Should().Contain($"A statin administration ({status}) was not counted as exposure.");
        }
    }

    [Fact]
    public void Map_DispenseAfterAStatementsStopDay_LeavesTheWeeksUnknown()
    {
        var statement = """
            {
              "resourceType": "MedicationStatement", "id": "ms-1", "status": "completed",
              "medicationCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "83367" } ] },
              "subject": { "reference": "Patient/pt-1" },
              "effectivePeriod": { "start": "2024-01-01", "end": "2025-01-05" }
            }
            """;

        var alone = FhirMapping.Map(statement);
        var withDispense = FhirMapping.Map(statement, Dispense("md-1", "completed", "2025-03-01"));

        alone.Sections.Statin!.StoppedWeeksAgo.Should().Be(23, "the statement alone dates the stop to the day");
        withDispense.Sections.Statin!.Exposure.Should().Be(StatinExposure.Past);
        withDispense.Sections.Statin.StoppedWeeksAgo.Should().BeNull("a dispense says when the statin was had, not when it was stopped");
    }

    [Fact]
    public void Map_AdministrationBesideAnActiveOrder_TheOrderIsCurrent()
    {
        var order = """
            {
              "resourceType": "MedicationRequest", "id": "mr-1", "status": "active", "intent": "order",
              "medicationCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "83367" } ] },
              "subject": { "reference": "Patient/pt-1" }, "authoredOn": "2025-04-01"
            }
            """;

        var mapped = FhirMapping.Map(order, Administration("ma-1", "completed", "\"effectivePeriod\": { \"start\": \"2025-04-02T20:00:00Z\", \"end\": \"2025-04-02T20:05:00Z\" }"));

        mapped.Sections.Statin!.Exposure.Should().Be(StatinExposure.Current);
        mapped.Sections.Statin.StoppedWeeksAgo.Should().BeNull();
        mapped.Evidence.Should().Contain(e => e.StartsWith("Statin: atorvastatin (completed MedicationAdministration, 2025-04-02", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_DispenseOfAMedicationInTheBundle_IsRecognisedByItsCode()
    {
        const string medication = """
            { "resourceType": "Medication", "id": "med-a", "code": { "coding": [ { "system": "http://fhir.de/CodeSystem/bfarm/atc", "code": "C10AA05" } ] } }
            """;
        const string dispense = """
            {
              "resourceType": "MedicationDispense", "id": "md-1", "status": "completed",
              "medicationReference": { "reference": "Medication/med-a" },
              "subject": { "reference": "Patient/pt-1" }, "whenHandedOver": "2025-03-01"
            }
            """;

        var mapped = FhirMapping.Map(dispense, medication);

        mapped.Sections.Statin!.Exposure.Should().Be(StatinExposure.Past);
        mapped.Sections.Statin.Drug.Should().Be("atorvastatin");
    }

    [Fact]
    public async Task PatientView_MiiAtorvastatinAdministration_PrefetchedAndFetched_IsNamedOnTheCard()
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load("real-mii-pat8-atorvastatin-ck-flag-only.json"));
        using var host = factory.With(server.Settings(3000));
        using var client = host.CreateClient();
        var prefetch = RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates());

        var mapped = RecordHooks.Map(prefetch, server.Record.PatientId);
        var prefetched = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch))).CardsAsync();
        var fetched = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, null))).CardsAsync();

        prefetch.Should().ContainKey("statinAdministrations");
        mapped.Evidence.Should().Contain(e => e.StartsWith("Statin: atorvastatin (completed MedicationAdministration, 2023-11-12", StringComparison.Ordinal));
        var detail = prefetched.Should().ContainSingle().Subject!["detail"]!.GetValue<string>();
        detail.Should().Contain("(completed MedicationAdministration, 2023-11-12");
        fetched.Should().ContainSingle().Subject!["detail"]!.GetValue<string>().Should().Be(detail);
        server.Requests.Should().Contain(q => q.StartsWith("/fhir/MedicationAdministration?", StringComparison.Ordinal), "without prefetch the service searches administrations itself");
    }

    [Fact]
    public async Task PatientView_NoDispensesOrAdministrations_AnswersAsWithoutThoseKeys()
    {
        using var client = factory.CreateClient();
        var without = CdsFixtures.Node("patient-view-anti-hmgcr-statin-exposed.json");
        var with = without.DeepClone().AsObject();
        with["prefetch"]!["statinDispenses"] = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray() };
        with["prefetch"]!["statinAdministrations"] = null;

        var before = await (await client.PostHookAsync("imnm-assessment", without.ToJsonString())).CardsAsync();
        var after = await (await client.PostHookAsync("imnm-assessment", with.ToJsonString())).CardsAsync();

        var notProvided = new[] { "- Medication dispenses: not provided by the EHR.", "- Medication administrations: not provided by the EHR." };
        var beforeDetail = before.Should().ContainSingle().Subject!["detail"]!.GetValue<string>();
        beforeDetail.Should().Contain(notProvided[0]).And.Contain(notProvided[1]);
        var expected = string.Join('\n', beforeDetail.Split('\n').Where(l => !notProvided.Contains(l)));
        after.Should().ContainSingle().Subject!["detail"]!.GetValue<string>().Should().Be(expected, "searched and empty changes nothing else");
        after[0]!["summary"]!.GetValue<string>().Should().Be(before[0]!["summary"]!.GetValue<string>());
        after[0]!["indicator"]!.GetValue<string>().Should().Be(before[0]!["indicator"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2025-06-01", "{ \"value\": 30, \"system\": \"http://unitsofmeasure.org\", \"code\": \"d\" }", StatinExposure.Current)]
    [InlineData("2025-05-16", "{ \"value\": 30, \"unit\": \"days\" }", StatinExposure.Current)]
    [InlineData("2025-05-15", "{ \"value\": 30, \"unit\": \"days\" }", StatinExposure.Past)]
    [InlineData("2025-06-01", "{ \"value\": 30, \"unit\": \"tablets\" }", StatinExposure.Past)]
    [InlineData("2025-06", "{ \"value\": 90, \"code\": \"d\" }", StatinExposure.Past)]
    [InlineData("2025-07-01", "{ \"value\": 30, \"code\": \"d\" }", StatinExposure.Past)]
    public void Map_DispenseWhoseSupplyRunsToToday_IsCurrent(string handedOver, string daysSupply, StatinExposure expected)
    {
        var dispense = Dispense("md-1", "completed", handedOver).TrimEnd().TrimEnd('}') + $", \"daysSupply\": {daysSupply} }}";

        var mapped = FhirMapping.Map(dispense);

        (mapped.Sections.Statin?.Exposure).Should().Be(expected, "today is 2025-06-15; only a supply in days from a known day reaching it is current");
        var named = mapped.Evidence.Any(e => e.Contains("days' supply running to today", StringComparison.Ordinal));
        named.Should().Be(expected == StatinExposure.Current, "the card says why a dispense counts as a statin taken now");
    }

    private static string Dispense(string id, string status, string handedOver) => $$"""
        {
          "resourceType": "MedicationDispense", "id": "{{id}}", "status": "{{status}}",
          "medicationCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "617310", "display": "atorvastatin 20 MG Oral Tablet" } ] },
          "subject": { "reference": "Patient/pt-1" },
          "whenHandedOver": "{{handedOver}}"
        }
        """;

    private static string Administration(string id, string status, string effective) => $$"""
        {
          "resourceType": "MedicationAdministration", "id": "{{id}}", "status": "{{status}}",
          "medicationCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "83367", "display": "atorvastatin" } ] },
          "subject": { "reference": "Patient/pt-1" },
          {{effective}}
        }
        """;
}
