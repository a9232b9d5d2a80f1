using System.Net;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>Feedback in the spec's shape and the older bare-Coding shape, idempotent, logged without free text.</summary>
public sealed class CdsFeedbackTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Card = "8d7d3c53-2a77-4a4e-9d9e-0f5b3c1f0a11";

    [Fact]
    public async Task Feedback_SpecShapeWithCommentAndRepeated_IsAcceptedEachTimeLoggedOnceAndTheCommentNeverLogged()
    {
        var sink = new CapturingSink();
        using var host = factory.With(new Dictionary<string, string?>(), sink);
        using var client = host.CreateClient();
        var body = $$"""
            { "feedback": [ {
                "card": "{{Card}}", "outcome": "overridden",
                "overrideReason": { "reason": { "system": "urn:imnm-decision:cds-override-reason", "code": "already-addressed" },
                                    "userComment": "Pt Jane Doe MRN 4711 seen by Dr X yesterday" },
                "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }
            """;

        var first = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", body);
        var second = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", body);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var feedbackLines = sink.Events.Where(e => e.MessageTemplate.Text.StartsWith("CDS feedback", StringComparison.Ordinal)).ToList();
        feedbackLines.Should().ContainSingle();
        feedbackLines[0].Properties["ReasonCode"].ToString().Should().Be("\"already-addressed\"");
        feedbackLines[0].Properties["HasComment"].ToString().Should().Be("True");
        var log = sink.Render();
        log.Should().NotContain("Jane").And.NotContain("4711").And.NotContain("Dr X");
    }

    [Theory]
    [InlineData("""{ "system": "urn:imnm-decision:cds-override-reason", "code": "not-applicable", "display": "Not applicable" }""")]
    [InlineData("""{ "userComment": "free text only" }""")]
    [InlineData("""{ "reason": null, "userComment": null }""")]
    public async Task Feedback_OlderBareCodingOrCommentOnly_IsAccepted(string overrideReason)
    {
        using var client = factory.CreateClient();
        var body = $$"""{ "feedback": [ { "card": "{{Card}}", "outcome": "overridden", "overrideReason": {{overrideReason}}, "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""";

        var response = await client.PostJsonAsync("/cds-services/imnm-statin-order/feedback", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Feedback_AcceptedSuggestion_IsAccepted()
    {
        using var client = factory.CreateClient();
        var body = $$"""{ "feedback": [ { "card": "{{Card}}", "outcome": "accepted", "acceptedSuggestions": [ { "id": "e56e1945-20b3-4393-8503-a1a20fd73152" } ], "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""";

        (await client.PostJsonAsync("/cds-services/imnm-statin-order/feedback", body)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2016-12-31T23:59:60.5Z")]
    [InlineData("2017-01-01T08:59:60+09:00")]
    public async Task Feedback_LeapSecondTimestamp_IsAccepted(string timestamp)
    {
        using var client = factory.CreateClient();
        var body = $$"""{ "feedback": [ { "card": "{{Card}}", "outcome": "overridden", "outcomeTimestamp": "{{timestamp}}" } ] }""";

        var response = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("2016-12-31T23:58:60Z")]
    [InlineData("2016-12-31T23:59:61Z")]
    public async Task Feedback_SecondsPastTheLeapSecond_Is400(string timestamp)
    {
        using var client = factory.CreateClient();
        var body = $$"""{ "feedback": [ { "card": "{{Card}}", "outcome": "overridden", "outcomeTimestamp": "{{timestamp}}" } ] }""";

        var response = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["issue"]![0]!["diagnostics"]!.GetValue<string>().Should().Contain("outcomeTimestamp");
    }

    [Theory]
    [InlineData("""{ "feedback": [ { "card": "x", "outcome": "ignored", "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""", "outcome must be accepted or overridden")]
    [InlineData("""{ "feedback": [ { "outcome": "accepted", "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""", "card (the card's uuid) is required")]
    [InlineData("""{ "feedback": [ { "card": "x", "outcome": "accepted", "outcomeTimestamp": "yesterday" } ] }""", "outcomeTimestamp must be an ISO 8601 timestamp")]
    [InlineData("""{ "feedback": [ { "card": "x", "outcome": "overridden", "overrideReason": 5, "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""", "overrideReason must be an object")]
    [InlineData("""{ "feedback": [ { "card": "x", "outcome": "overridden", "overrideReason": { "reason": "x" }, "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""", "overrideReason.reason must be a Coding")]
    [InlineData("""{ "feedback": [ { "card": "x", "outcome": "overridden", "overrideReason": { "reason": { "code": 5 } }, "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""", "overrideReason.reason.code must be a string")]
    [InlineData("""{ "feedback": [ { "card": "x", "outcome": "overridden", "overrideReason": { "reason": { "code": "x", "system": [] } }, "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""", "overrideReason.reason.system must be a string")]
    [InlineData("""{ "feedback": [ { "card": "x", "outcome": "overridden", "overrideReason": { "code": true }, "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""", "overrideReason.code must be a string")]
    [InlineData("""{ "feedback": [ { "card": "x", "outcome": "overridden", "overrideReason": { "userComment": 7 }, "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""", "overrideReason.userComment must be a string")]
    [InlineData("""{ "feedback": [] }""", "empty")]
    [InlineData("""{ "cards": [] }""", "feedback array")]
    public async Task Feedback_Invalid_Is400WithAnOperationOutcome(string body, string diagnostics)
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["issue"]![0]!["diagnostics"]!.GetValue<string>().Should().Contain(diagnostics);
    }

    [Fact]
    public async Task Feedback_UnknownService_Is404()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/cds-services/nope/feedback", $$"""{ "feedback": [ { "card": "{{Card}}", "outcome": "accepted", "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
