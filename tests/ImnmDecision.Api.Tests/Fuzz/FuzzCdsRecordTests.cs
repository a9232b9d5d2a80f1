using System.Net;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Hostile records found by the CDS fuzz round 5, through the hook endpoints: one FHIR element that does not
/// follow R4 (a boolean written as text) is skipped like any other, never a refusal of the whole call; a lab
/// interpretation that says positive and negative at once is not read as either; a date of death after today
/// is not used to count the age.
/// </summary>
public sealed class FuzzCdsRecordTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Exposed = "patient-view-anti-hmgcr-statin-exposed.json";

    [Theory]
    [InlineData("doNotPerform")]
    [InlineData("deceasedBoolean")]
    [InlineData("valueBoolean")]
    public async Task PatientView_BooleanWrittenAsText_IsSkippedAndTheCallAnswered(string element)
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Exposed, call =>
        {
            var prefetch = call["prefetch"]!.AsObject();
            switch (element)
            {
                case "doNotPerform":
                    prefetch["statinRequests"]!["entry"]![0]!["resource"]!["doNotPerform"] = "x";
                    break;
                case "deceasedBoolean":
                    prefetch["patient"]!["deceasedBoolean"] = "yes";
                    break;
                default:
                    prefetch["conditions"] = JsonNode.Parse("""
                        { "resourceType": "Bundle", "type": "searchset", "entry": [ { "resource": { "resourceType": "Observation", "id": "sign-1", "status": "final",
                          "code": { "text": "Heliotrope rash" },
                          "subject": { "reference": "Patient/pt-hmgcr-1" }, "effectiveDateTime": "2024-03-02", "valueBoolean": "sometimes" } } ] }
                        """);
                    break;
            }
        });

        var response = await client.PostHookAsync("imnm-assessment", body);

        var cards = await response.CardsAsync();
        cards.Should().NotBeEmpty();
        cards.ShouldKeepTheCardRules();
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("ck")]
    [InlineData("myositisAntibodies")]
    [InlineData("statinRequests")]
    public async Task PatientView_IdWrittenAsANumber_IsSkippedAndTheCallAnswered(string key)
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Exposed, call =>
        {
            var value = call["prefetch"]![key]!;
            (value["entry"]?[0]?["resource"] ?? value)["id"] = 5;
        });

        var response = await client.PostHookAsync("imnm-assessment", body);

        var cards = await response.CardsAsync();
        cards.Should().NotBeEmpty();
        cards.ShouldKeepTheCardRules();
    }

    [Fact]
    public async Task PatientView_ContainedMedicationWithANumericIdAndBiopsyReportsWithNumericIds_AreSkipped()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Exposed, call =>
        {
            var order = call["prefetch"]!["statinRequests"]!["entry"]![0]!["resource"]!.AsObject();
            order.Remove("medicationCodeableConcept");
            order["medicationReference"] = new JsonObject { ["reference"] = "#5" };
            order["contained"] = JsonNode.Parse("""[ { "resourceType": "Medication", "id": 5, "code": { "text": "atorvastatin" } } ]""");
            call["prefetch"]!["biopsy"] = JsonNode.Parse("""
                { "resourceType": "Bundle", "type": "searchset", "entry": [
                  { "resource": { "resourceType": "DiagnosticReport", "id": 1, "status": "final", "code": { "text": "Muscle biopsy" }, "subject": { "reference": "Patient/pt-hmgcr-1" }, "effectiveDateTime": "2024-01-01", "conclusion": "normal" } },
                  { "resource": { "resourceType": "DiagnosticReport", "id": 2, "status": "final", "code": { "text": "Muscle biopsy" }, "subject": { "reference": "Patient/pt-hmgcr-1" }, "effectiveDateTime": "2024-01-01", "conclusion": "normal" } } ] }
                """);
        });

        var response = await client.PostHookAsync("imnm-assessment", body);

        (await response.CardsAsync()).Should().NotBeEmpty();
    }

    [Fact]
    public async Task PatientView_DoNotPerformWrittenAsText_IsNotCountedAsExposure()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Exposed, call => call["prefetch"]!["statinRequests"]!["entry"]![0]!["resource"]!["doNotPerform"] = "x");

        var detail = (await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync())[0]!["detail"]!.GetValue<string>();

        detail.Should().NotContain("atorvastatin (active MedicationRequest", "an order that may be a do-not-perform order is not proof of exposure");
        detail.Should().Contain("simvastatin (stopped MedicationRequest");
    }

    [Fact]
    public async Task StatinOrder_DraftWithDoNotPerformWrittenAsText_StillWarns()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("order-select-statin-hmgcr-positive.json", call => call["context"]!["draftOrders"]!["entry"]![0]!["resource"]!["doNotPerform"] = "x");

        var cards = await (await client.PostHookAsync("imnm-statin-order", body)).CardsAsync();

        cards.Should().ContainSingle().Which!["indicator"]!.GetValue<string>().Should().Be("warning");
    }

    [Theory]
    [InlineData("""[ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "NEG" } ] }, { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "POS" } ] } ]""")]
    [InlineData("""[ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "NEG" }, { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "POS" } ] } ]""")]
    [InlineData("""[ { "text": "negative" }, { "text": "positive" } ]""")]
    public async Task PatientView_AntibodyInterpretationSayingPositiveAndNegative_IsNotRead(string interpretation)
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Exposed, call => call["prefetch"]!["myositisAntibodies"]!["entry"]![0]!["resource"]!["interpretation"] = JsonNode.Parse(interpretation));

        var detail = (await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync())[0]!["detail"]!.GetValue<string>();

        detail.Should().NotContain("Anti-HMGCR negative on").And.NotContain("Anti-HMGCR positive on");
        detail.Should().Contain("An Anti-HMGCR result (2024-03-05): its interpretation says both positive and negative; the result was not used.");
        detail.Should().Contain("`antibodies.hmgcr`", "the antibody is listed as missing");
    }

    [Fact]
    public async Task PatientView_CkOfNegativeZero_IsShownAsZero()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Exposed, call => call["prefetch"]!["ck"]!["entry"]![1]!["resource"]!["valueQuantity"]!["value"] = JsonNode.Parse("-0"));

        var detail = (await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync())[0]!["detail"]!.GetValue<string>();

        detail.Should().Contain("CK 0 U/L on 2024-03-02").And.NotContain("-0 U/L");
    }

    [Fact]
    public async Task PatientView_DateOfDeathAfterToday_IsNotUsedForTheAge()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Exposed, call => call["prefetch"]!["patient"]!["deceasedDateTime"] = "2090-01-01");

        var response = await client.PostHookAsync("imnm-assessment", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var detail = (await response.CardsAsync())[0]!["detail"]!.GetValue<string>();
        detail.Should().NotContain("at death on 2090-01-01");
        detail.Should().Contain("The date of death (2090-01-01) lies after today and was not used.");
    }
}
