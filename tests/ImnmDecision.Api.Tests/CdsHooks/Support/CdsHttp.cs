using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>Calling the CDS endpoints as an EHR does.</summary>
internal static class CdsHttp
{
    public static Task<HttpResponseMessage> PostHookAsync(this HttpClient client, string serviceId, string body, string? jwt = null) =>
        client.PostJsonAsync($"/cds-services/{serviceId}", body, jwt);

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string body, string? jwt = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (jwt is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<JsonArray> CardsAsync(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync())["cards"]!.AsArray();
    }

    /// <summary>A fixture's request with changes (remove prefetch keys, add fhirServer...).</summary>
    public static string Edit(string fixture, Action<JsonObject> change)
    {
        var node = CdsFixtures.Node(fixture);
        change(node);
        return node.ToJsonString();
    }
}
