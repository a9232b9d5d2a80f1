using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// A small real FHIR R4 server for the fallback tests: Kestrel on 127.0.0.1 (a free port) answering the
/// prefetch searches from the fixture fhir-server-pt-fetch-1.json, and reads of the Medications a test gives it. It can be slow (sleeps beyond the budget) or
/// failing (HTTP 500), for everything or for one resource type, and it records what it was asked and with which
/// bearer token. It also serves a JWK Set for the JWT tests.
/// </summary>
internal sealed class FakeFhirServer : IAsyncDisposable
{
    public const string AccessToken = "opaque-ehr-access-token-7d1f";

    private readonly WebApplication app;
    private readonly JsonObject data = CdsFixtures.Node("fhir-server-pt-fetch-1.json");

    private FakeFhirServer(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The FHIR base URL, for example <c>http://127.0.0.1:41234/fhir/R4</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The server's root, for the JWK Set URL.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>How long to wait before answering (for the slow variant).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The status code to answer with instead of data (for the failing variant).</summary>
    public int? FailWith { get; set; }

    /// <summary>When set, only searches on this resource type are slow or failing.</summary>
    public string? OnlyFor { get; set; }

    /// <summary>
    /// A next-page link to add to Observation searches (to test that foreign links are not followed); <c>{page}</c>
    /// in it becomes the number of the page after the one asked for (<c>page=</c>, 1 when absent).
    /// </summary>
    public string? NextLink { get; set; }

    /// <summary>How long to wait before answering a later page (a query with <c>page=</c>).</summary>
    public TimeSpan PageDelay { get; set; }

    /// <summary>When set, every answer is a JSON body of this many MiB, streamed (a hostile server).</summary>
    public int? HugeBodyMiB { get; set; }

    /// <summary>The JWK Set served at /jwks.json.</summary>
    public string Jwks { get; set; } = """{"keys":[]}""";

    /// <summary>The Medications it serves at <c>Medication/{id}</c>, by id (any other id is a 404).</summary>
    public ConcurrentDictionary<string, JsonObject> Medications { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request: path and query, and the Authorization header.</summary>
    public ConcurrentQueue<(string PathAndQuery, string? Authorization)> Requests { get; } = new();

    /// <summary>Host settings that allow this server (http on loopback, allowed explicitly) with a fetch budget.</summary>
    public Dictionary<string, string?> Settings(int budgetMs) => new()
    {
        ["CdsHooks:FhirFetchBudgetMs"] = budgetMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CdsHooks:FhirServers:0:Url"] = BaseUrl.ToString(),
        ["CdsHooks:FhirServers:0:AllowHttp"] = "true",
        ["CdsHooks:FhirServers:0:AllowPrivateNetwork"] = "true",
    };

    public static async Task<FakeFhirServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeFhirServer(app);
        app.MapGet("/jwks.json", (HttpRequest request) =>
        {
            server.Requests.Enqueue((request.Path + request.QueryString, request.Headers.Authorization.FirstOrDefault()));
            return Results.Text(server.Jwks, "application/json");
        });
        app.MapGet("/fhir/R4/{type}/{id?}", server.AnswerAsync);
        app.MapGet("/fhir/R4", server.AnswerPage);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Root = new Uri(address + "/");
        server.BaseUrl = new Uri(address + "/fhir/R4");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> AnswerAsync(string type, string? id, HttpRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((request.Path + request.QueryString, request.Headers.Authorization.FirstOrDefault()));
        if (request.Headers.Authorization != $"Bearer {AccessToken}")
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (HugeBodyMiB is { } mib)
        {
            return new HugeBody(mib);
        }

        if (PageDelay > TimeSpan.Zero && request.Query.ContainsKey("page"))
        {
            try
            {
                await Task.Delay(PageDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }

        var affected = OnlyFor is null || OnlyFor == type;
        if (affected && Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }

        if (affected && FailWith is { } status)
        {
            return Results.Json(new { resourceType = "OperationOutcome", issue = new[] { new { severity = "error", code = "exception" } } }, statusCode: status, contentType: "application/fhir+json");
        }

        if (type == "Medication")
        {
            return id is not null && Medications.TryGetValue(id, out var medication)
                ? Results.Text(medication.ToJsonString(), "application/fhir+json")
                : Results.StatusCode(StatusCodes.Status404NotFound);
        }

        var key = type switch
        {
            "Patient" => "Patient",
            "Observation" when request.Query["code"].ToString().Contains("2157-6", StringComparison.Ordinal) => "ck",
            "Observation" when request.Query["code"].ToString().Contains("93493-5", StringComparison.Ordinal) => "myositisAntibodies",
            "Observation" when request.Query["code"].ToString().Contains("29463-7", StringComparison.Ordinal) => "weight",
            "Observation" when request.Query["code"].ToString().Contains("2532-0", StringComparison.Ordinal) => "labs",
            "Observation" when request.Query["code"].ToString().Contains("82810-3", StringComparison.Ordinal) => "pregnancy",
            _ => type,
        };
        if (type == "Patient" && id != "pt-fetch-1" || data[key] is not { } answer)
        {
            return Results.StatusCode(StatusCodes.Status404NotFound);
        }

        var copy = answer.DeepClone().AsObject();
        if (NextLink is { } next && type == "Observation")
        {
            var page = int.TryParse(request.Query["page"], out var asked) ? asked : 1;
            copy["link"] = new JsonArray(new JsonObject { ["relation"] = "next", ["url"] = next.Replace("{page}", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) });
        }

        return Results.Text(copy.ToJsonString(), "application/fhir+json");
    }

    // HAPI FHIR's paging links point at the base URL itself: {base}?_getpages=<search id>&_getpagesoffset=<n>&...
    // Such a page is answered with the CK search's Bundle.
    private IResult AnswerPage(HttpRequest request)
    {
        Requests.Enqueue((request.Path + request.QueryString, request.Headers.Authorization.FirstOrDefault()));
        if (request.Headers.Authorization != $"Bearer {AccessToken}")
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        return request.Query.ContainsKey("_getpages") && data["ck"] is { } page
            ? Results.Text(page.ToJsonString(), "application/fhir+json")
            : Results.StatusCode(StatusCodes.Status404NotFound);
    }

    // A Bundle whose one entry carries a huge string, written in 64 KiB chunks until the client stops reading.
    private sealed class HugeBody(int mib) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/fhir+json";
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            var head = System.Text.Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"");
            try
            {
                await httpContext.Response.Body.WriteAsync(head, httpContext.RequestAborted);
                for (var written = 0L; written < mib * 1024L * 1024L; written += chunk.Length)
                {
                    await httpContext.Response.Body.WriteAsync(chunk, httpContext.RequestAborted);
                }

                await httpContext.Response.Body.WriteAsync("\"}}]}"u8.ToArray(), httpContext.RequestAborted);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The client stopped reading: what a capped client does.
            }
        }
    }
}
