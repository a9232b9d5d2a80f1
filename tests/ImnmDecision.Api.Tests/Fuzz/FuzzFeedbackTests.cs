using System.Net;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// CDS feedback found by the third fuzz round: an override code the cards never offered is free text from the
/// caller (it may hold anything, a patient's name included). The log already kept it out; the durable store kept
/// it verbatim, of any length, and the feedback summary served it back.
/// </summary>
public sealed class FuzzFeedbackTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    [Fact]
    public async Task Feedback_WithAnOverrideCodeTheCardsNeverOffered_IsNotStoredOrSummarizedVerbatim()
    {
        using var client = factory.CreateClient();
        var code = "ZQPATIENT-SMITH-" + new string('x', 5000);
        var feedback = $$"""
            { "feedback": [ { "card": "{{Guid.NewGuid()}}", "outcome": "overridden",
                "overrideReason": { "reason": { "system": "urn:x", "code": "{{code}}" } },
                "outcomeTimestamp": "{{DateTimeOffset.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ssZ}}" } ] }
            """;

        using var posted = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback);
        posted.StatusCode.Should().Be(HttpStatusCode.OK);

        var summary = (await client.GetFromJsonNodeAsync("/api/v1/feedback/summary")).ToJsonString();
        summary.Should().NotContain("ZQPATIENT").And.Contain("(not an offered code)");
    }
}
