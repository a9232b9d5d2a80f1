using System.Net;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// CDS Hooks 2.0 conformance: order-select selections (required; relative reference, absolute URL or fullUrl),
/// the statin warning's suggestions so that "accepted" feedback can name one, feedback "accepted" needing
/// acceptedSuggestions, 412 without data, and every error an OperationOutcome.
/// </summary>
public sealed class CdsConformanceTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Fixture = "order-select-statin-hmgcr-positive.json";

    [Fact]
    public async Task OrderSelect_WithoutSelections_Is400OperationOutcome()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Fixture, r => r["context"]!.AsObject().Remove("selections"));

        var response = await client.PostHookAsync("imnm-statin-order", body);

        await ShouldBeOutcomeAsync(response, HttpStatusCode.BadRequest, "context.selections is required");
    }

    [Theory]
    [InlineData("MedicationRequest/draft-rosuva-1", null)]
    [InlineData("https://ehr.example.org/fhir/R4/MedicationRequest/draft-rosuva-1", null)]
    [InlineData("urn:uuid:5a0f3c1e-7d61-4c1b-9f3e-2b8f6d7e9a01", "urn:uuid:5a0f3c1e-7d61-4c1b-9f3e-2b8f6d7e9a01")]
    public async Task OrderSelect_SelectionByRelativeAbsoluteOrFullUrl_FindsTheStatinAndSuggestsRemovingIt(string selection, string? fullUrl)
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Fixture, r =>
        {
            r["context"]!["selections"] = new JsonArray(selection);
            if (fullUrl is not null)
            {
                r["context"]!["draftOrders"]!["entry"]![0]!["fullUrl"] = fullUrl;
            }
        });

        var cards = await (await client.PostHookAsync("imnm-statin-order", body)).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!;
        card["indicator"]!.GetValue<string>().Should().Be("warning");
        var suggestions = card["suggestions"]!.AsArray();
        suggestions.Should().HaveCountGreaterThanOrEqualTo(2, "remove the draft order, and the non-statin alternative as text");
        var delete = suggestions[0]!["actions"]![0]!;
        delete["type"]!.GetValue<string>().Should().Be("delete");
        delete["resourceId"]!.GetValue<string>().Should().Be("MedicationRequest/draft-rosuva-1");
        suggestions[1]!["label"]!.GetValue<string>().Should().StartWith("Instead: ");
        card["selectionBehavior"]!.GetValue<string>().Should().Be("any");
    }

    [Fact]
    public async Task OrderSelect_SelectionOfTheNonStatinOnly_GivesNoCard()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Fixture, r => r["context"]!["selections"] = new JsonArray("MedicationRequest/draft-metformin-1"));

        var cards = await (await client.PostHookAsync("imnm-statin-order", body)).CardsAsync();

        cards.Should().BeEmpty();
    }

    [Fact]
    public async Task Feedback_AcceptedWithASuggestionOfTheWarning_IsTaken()
    {
        using var client = factory.CreateClient();
        var cards = await (await client.PostHookAsync("imnm-statin-order", CdsFixtures.Text(Fixture))).CardsAsync();
        var card = cards[0]!;
        var suggestion = card["suggestions"]![0]!["uuid"]!.GetValue<string>();
        var body = $$"""
            { "feedback": [ { "card": "{{card["uuid"]!.GetValue<string>()}}", "outcome": "accepted",
              "acceptedSuggestions": [ { "id": "{{suggestion}}" } ], "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }
            """;

        var response = await client.PostJsonAsync("/cds-services/imnm-statin-order/feedback", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("")]
    [InlineData(""", "acceptedSuggestions": [] """)]
    public async Task Feedback_AcceptedWithoutAcceptedSuggestions_Is400OperationOutcome(string suggestions)
    {
        using var client = factory.CreateClient();
        var body = $$"""
            { "feedback": [ { "card": "8d7d3c53-2a77-4a4e-9d9e-0f5b3c1f0a11", "outcome": "accepted"{{suggestions}},
              "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }
            """;

        var response = await client.PostJsonAsync("/cds-services/imnm-statin-order/feedback", body);

        await ShouldBeOutcomeAsync(response, HttpStatusCode.BadRequest, "acceptedSuggestions is required");
    }

    [Theory]
    [InlineData("/cds-services/no-such-service")]
    [InlineData("/cds-services/no-such-service/feedback")]
    public async Task UnknownService_Is404OperationOutcome(string path)
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(path, "{}");

        await ShouldBeOutcomeAsync(response, HttpStatusCode.NotFound, "no CDS service with this id");
    }

    [Fact]
    public async Task PatientView_NoPrefetchAndNoFhirServer_Is412OperationOutcomeNamingTheKeys()
    {
        using var client = factory.CreateClient();
        var body = """{ "hook": "patient-view", "hookInstance": "1", "context": { "userId": "Practitioner/1", "patientId": "p1" } }""";

        var response = await client.PostHookAsync("imnm-assessment", body);

        var outcome = await ShouldBeOutcomeAsync(response, HttpStatusCode.PreconditionFailed, "no fhirServer was given");
        outcome["issue"]![0]!["expression"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain("prefetch.ck");
    }

    private static async Task<JsonNode> ShouldBeOutcomeAsync(HttpResponseMessage response, HttpStatusCode status, string diagnostics)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var outcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        outcome["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        outcome["issue"]![0]!["severity"]!.GetValue<string>().Should().Be("error");
        outcome["issue"]![0]!["diagnostics"]!.GetValue<string>().Should().Contain(diagnostics);
        return outcome;
    }
}
