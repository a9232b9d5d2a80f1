using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Calls shaped exactly as the CDS Hooks sandbox (github.com/cds-hooks/sandbox, commit 3b7e255) sends them for a
/// Synthea patient of SMART's R4 sandbox. From <c>src/retrieve-data-helpers/service-exchange.js</c>: the context
/// carries <c>patientId</c> and <c>userId</c> (default <c>Practitioner/COREPRACTITIONER1</c>); <c>fhirServer</c> is
/// always sent, <c>fhirAuthorization</c> only after a SMART launch (not with SMART's open R4 server); each
/// prefetch key is the server's searchset Bundle (an empty search is <c>total: 0</c> without <c>entry</c>), a key
/// whose search failed is left out (never <c>null</c>), and <c>prefetch</c> is left out when every search failed.
/// From <c>src/reducers/medication-reducers.js</c> and <c>src/components/RxView/rx-view.jsx</c>: order-select's
/// draft is <c>MedicationRequest/request-123</c> in a Bundle without <c>type</c> or <c>fullUrl</c>, coded with an
/// RxNorm code of the sandbox's list, its <c>category</c> and <c>reasonCode</c> written as one object where R4 has
/// a list.
/// </summary>
public sealed class SandboxShapeTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string SandboxUser = "Practitioner/COREPRACTITIONER1";
    private const string SyntheaRecord = "real-synthea-simvastatin-and-liver-labs.json";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OrderSelect_SandboxDraftForASyntheaPatient_WarnsOnTheStatin(bool conditionChosen)
    {
        var record = RecordSearch.Load(SyntheaRecord);
        using var client = factory.CreateClient();
        var call = new JsonObject
        {
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["hook"] = "order-select",
            ["fhirServer"] = "https://r4.smarthealthit.org",
            ["context"] = new JsonObject
            {
                ["patientId"] = record.PatientId,
                ["userId"] = SandboxUser,
                ["selections"] = new JsonArray("MedicationRequest/request-123"),
                ["draftOrders"] = new JsonObject
                {
                    ["resourceType"] = "Bundle",
                    ["entry"] = new JsonArray(new JsonObject { ["resource"] = SandboxDraft(record.PatientId, conditionChosen) }),
                },
            },
            ["prefetch"] = new JsonObject
            {
                ["patient"] = record.Resources.Single(r => r["resourceType"]!.GetValue<string>() == "Patient").DeepClone(),
                ["ck"] = EmptySearch("Observation"),
                ["myositisAntibodies"] = PositiveHmgcr(record.PatientId),
            },
        };

        var cards = await (await client.PostHookAsync("imnm-statin-order", call.ToJsonString())).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!.AsObject();
        card["indicator"]!.GetValue<string>().Should().Be("warning");
        card["summary"]!.GetValue<string>().Should().Be("Statin ordered, but anti-HMGCR antibody positive (2024-03-05): review before signing");
        card["detail"]!.GetValue<string>().Should().StartWith("**Rosuvastatin is being ordered**");
        card["suggestions"]![0]!["actions"]![0]!["resourceId"]!.GetValue<string>().Should().Be("MedicationRequest/request-123");
        cards.ShouldKeepTheCardRules();
    }

    [Theory]
    [InlineData("statinRequests")]
    [InlineData(null)]
    public async Task PatientView_SyntheaPatientWithoutFhirAuthorization_FetchesWhatIsMissingWithoutAToken(string? failedKey)
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load(SyntheaRecord), open: true);
        using var host = factory.With(server.Settings(3000));
        using var client = host.CreateClient();
        var prefetch = RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates());
        var full = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch))).JsonAsync();
        var mapped = RecordHooks.Map(prefetch, server.Record.PatientId);
        prefetch["ck"]!["total"]!.GetValue<int>().Should().Be(0, "Synthea records hold no CK");
        prefetch["ck"]!.AsObject().ContainsKey("entry").Should().BeFalse("an empty searchset has no entry");
        var call = JsonNode.Parse(RecordHooks.Call(server, failedKey is null ? null : prefetch))!.AsObject();
        call.Remove("fhirAuthorization");
        call["context"]!["userId"] = SandboxUser;
        call["prefetch"]?.AsObject().Remove(failedKey!);
        server.Requests.Clear();
        server.Authorizations.Clear();

        var response = await client.PostHookAsync("imnm-assessment", call.ToJsonString());

        (await response.CardsAsync()).ToJsonString().Should().Be(full["cards"]!.ToJsonString(), "the sandbox's call says what the full call says");
        mapped.Sections.Statin!.Exposure.Should().Be(ImnmDecision.Engine.Cases.StatinExposure.Current, "Chung Haley's simvastatin order is active");
        server.Requests.Should().Contain(q => q.StartsWith("/fhir/MedicationRequest?", StringComparison.Ordinal), "the missing key is searched on the FHIR server");
        server.Authorizations.Should().OnlyContain(a => a == null, "without fhirAuthorization no Authorization header is sent");
    }

    // The draft as medication-reducers.js builds it for R4 once a medication is prescribable (its dispenseRequest
    // is always set, so intent and category are too).
    private static JsonObject SandboxDraft(string patientId, bool conditionChosen)
    {
        var draft = JsonNode.Parse($$"""
            {
              "resourceType": "MedicationRequest",
              "id": "request-123",
              "status": "draft",
              "subject": { "reference": "Patient/{{patientId}}" },
              "authoredOn": "2026-12-03",
              "dosageInstruction": [ {
                "timing": { "repeat": { "frequency": 1, "period": 1, "periodUnit": "d" } },
                "doseAndRate": [ { "doseQuantity": { "value": 1, "system": "http://unitsofmeasure.org", "code": "{pill}" } } ]
              } ],
              "dispenseRequest": { "expectedSupplyDuration": { "value": 30, "unit": "days", "system": "http://unitsofmeasure.org", "code": "d" } },
              "intent": "order",
              "category": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/medicationrequest-category", "code": "community" } ] },
              "medicationCodeableConcept": {
                "text": "Rosuvastatin calcium 20 MG Oral Tablet",
                "coding": [ { "display": "Rosuvastatin calcium 20 MG Oral Tablet", "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "859751" } ]
              }
            }
            """)!.AsObject();
        if (conditionChosen)
        {
            draft["reasonCode"] = JsonNode.Parse("""{ "coding": [ { "system": "http://snomed.info/sct", "code": "55822004", "display": "Hyperlipidemia" } ], "text": "Hyperlipidemia" }""");
        }

        return draft;
    }

    private static JsonObject EmptySearch(string type) => JsonNode.Parse($$"""
        { "resourceType": "Bundle", "id": "0f6b4e1c", "meta": { "lastUpdated": "2026-12-03T10:00:00.000+00:00" }, "type": "searchset", "total": 0,
          "link": [ { "relation": "self", "url": "https://r4.smarthealthit.org/{{type}}/_search" } ] }
        """)!.AsObject();

    // The positive anti-HMGCR result of the order-select fixture, re-pointed to the Synthea patient.
    private static JsonNode PositiveHmgcr(string patientId)
    {
        var bundle = CdsFixtures.Node("order-select-statin-hmgcr-positive.json")["prefetch"]!["myositisAntibodies"]!.DeepClone();
        foreach (var entry in bundle["entry"]!.AsArray())
        {
            entry!["resource"]!["subject"] = new JsonObject { ["reference"] = $"Patient/{patientId}" };
        }

        return bundle;
    }
}
