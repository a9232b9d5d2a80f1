using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>Small helpers for sending JSON text and reading JSON answers.</summary>
public static class Json
{
    public const string AssessmentsPath = "/api/v1/assessments";

    public static StringContent Body(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static Task<HttpResponseMessage> PostAssessmentAsync(this HttpClient client, string json) =>
        client.PostAsync(new Uri(AssessmentsPath, UriKind.Relative), Body(json));

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("The answer is JSON null.");

    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(expectedStatus, "the answer was {0}", text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(text)!.AsObject();
        problem["status"]!.GetValue<int>().Should().Be(expectedStatus);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        problem["type"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        problem["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        problem["traceId"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }

    public static string? RulesetHeader(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Ruleset-Version", out var values) ? values.Single() : null;

    public static MediaTypeHeaderValue? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
