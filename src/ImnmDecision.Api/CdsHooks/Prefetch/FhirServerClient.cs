using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ImnmDecision.Api.CdsHooks.Fhir;
using ImnmDecision.Api.Http;

namespace ImnmDecision.Api.CdsHooks.Prefetch;

/// <summary>
/// Reads and searches the EHR's FHIR server with the bearer token the EHR handed over. The token goes only to
/// that server: redirects are not followed and paging links that leave the server's base URL are not
/// followed either. Neither the token nor the URLs (they carry the patient id) are logged.
/// </summary>
internal sealed class FhirServerClient(HttpClient http)
{
    /// <summary>The most search pages read for one key.</summary>
    public const int MaxPages = 5;

    /// <summary>Runs one prefetch query against the server; never throws for server failures.</summary>
    public async Task<FhirFetchResult> FetchAsync(Uri fhirServer, string relativeQuery, string? accessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fhirServer);
        ArgumentNullException.ThrowIfNull(relativeQuery);
        var baseUrl = fhirServer.AbsoluteUri.TrimEnd('/') + "/";
        var url = new Uri(baseUrl + relativeQuery.TrimStart('/'));
        var resources = new List<JsonElement>();
        for (var page = 0; page < MaxPages && url is not null; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
            if (!string.IsNullOrEmpty(accessToken))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (page == 0 && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone && !relativeQuery.Contains('?', StringComparison.Ordinal))
            {
                // A read of a resource that does not exist: nothing found, like a null prefetch.
                return new FhirFetchResult([], null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new FhirFetchResult(resources, $"the FHIR server answered HTTP {(int)response.StatusCode}");
            }

            JsonElement root;
            try
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return new FhirFetchResult(resources, "the FHIR server answered with unreadable JSON");
            }

            if (!JsonText.IsDecodable(root))
            {
                return new FhirFetchResult(resources, "the FHIR server answered with unreadable JSON");
            }

            if (FhirJson.IsFailure(root))
            {
                return new FhirFetchResult(resources, "the FHIR server reported a failed search (OperationOutcome)");
            }

            resources.AddRange(FhirJson.Resources(root).Where(r => FhirJson.ResourceType(r) is not "OperationOutcome"));
            url = FhirJson.NextLink(root) is { } next
                && Uri.TryCreate(next, UriKind.Absolute, out var nextUrl)
                && nextUrl.AbsoluteUri.StartsWith(baseUrl, StringComparison.OrdinalIgnoreCase)
                    ? nextUrl
                    : null;
        }

        return new FhirFetchResult(resources, null);
    }
}
