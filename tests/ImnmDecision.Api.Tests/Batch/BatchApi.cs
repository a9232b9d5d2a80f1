using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cohorts;

namespace ImnmDecision.Api.Tests.Batch;

/// <summary>Helpers for the batch endpoint: bodies in each format, and answers split into rows.</summary>
internal static class BatchApi
{
    public const string Path = "/api/v1/assessments/batch";

    public static string Cohorts { get; } = System.IO.Path.Combine(Infrastructure.RepositoryPaths.Root, "tests", "cohorts");

    public static HttpContent Body(string text, string mediaType) => new StringContent(text, Encoding.UTF8, mediaType);

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, HttpContent body, string? accept = null, string? query = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Path + query, UriKind.Relative)) { Content = body };
        if (accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public static List<JsonObject> NdjsonLines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];

    public static string Generate(BatchFormat format, int rows, int seed = 21, double invalidFraction = 0.01)
    {
        using var stream = new MemoryStream();
        CohortWriter.WriteAsync(stream, format, new CohortGenerator(seed, invalidFraction), rows).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
