using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.CdsHooks.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Verifies a throw-away JWT (<see cref="JwtValidator.WarmUpAsync"/>), then sends a few CDS calls through the
/// application's own request pipeline in memory before the port opens (<see cref="CdsWarmUpServer"/>): discovery, and a patient-view call twice whose keys are all fetched with the
/// FHIR client (its HttpClient and SocketsHttpHandler, a read, searches and a second page) from a loopback
/// server inside this process (<see cref="WarmUpFhirServer"/>). So middleware, routing, the endpoint's binding,
/// JSON reading, the FHIR client's connection and parsing code, the engine and card writing are compiled before
/// the first EHR call. No external call is made, no JWT is checked and nothing is stored for these calls
/// (<see cref="CdsWarmUpScope"/>); a failure is logged and never stops start-up.
/// </summary>
internal sealed partial class CdsHttpWarmUp(IServiceProvider services, ILogger<CdsHttpWarmUp> logger)
{
    /// <summary>Runs the warm-up calls through <paramref name="application"/>.</summary>
    public async Task RunAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Resolved here, not when the server is: the validator needs the store, which opens after the host is built.
            var signed = await services.GetRequiredService<JwtValidator>().WarmUpAsync();
            var prefetch = (JsonObject)JsonNode.Parse(CdsWarmUp.Sample)!["prefetch"]!;
            await using var fhir = WarmUpFhirServer.Start(prefetch);
            var statuses = new List<int>();
            await CdsWarmUpScope.RunAsync(new FhirServerTarget(fhir.BaseUrl, AllowPrivateNetwork: true), async () =>
            {
                statuses.Add(await SendAsync(application, HttpMethods.Get, CdsEndpoints.Prefix, null, cancellationToken));
                var call = Encoding.UTF8.GetBytes(new JsonObject
                {
                    ["hookInstance"] = Guid.NewGuid().ToString(),
                    ["hook"] = AssessmentService.Hook,
                    ["fhirServer"] = fhir.BaseUrl.ToString(),
                    ["fhirAuthorization"] = new JsonObject { ["access_token"] = "warm-up", ["token_type"] = "Bearer", ["scope"] = "patient/*.read", ["subject"] = "warm-up" },
                    ["context"] = new JsonObject { ["userId"] = "Practitioner/warm-up", ["patientId"] = "warm-up" },
                }.ToJsonString());
                for (var round = 0; round < 2; round++)
                {
                    statuses.Add(await SendAsync(application, HttpMethods.Post, $"{CdsEndpoints.Prefix}/{AssessmentService.Id}", call, cancellationToken));
                }
            });
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var answered = string.Join(",", statuses);
            LogWarmedUp(elapsedMs, answered, signed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(exception.GetType().Name);
        }
    }

    // One request in memory through the pipeline, as a server would hand it over; returns the status code.
    private static async Task<int> SendAsync<TContext>(IHttpApplication<TContext> application, string method, string path, byte[]? body, CancellationToken cancellationToken)
        where TContext : notnull
    {
        IHeaderDictionary headers = new HeaderDictionary { ["Host"] = "localhost" };
        if (body is not null)
        {
            headers.ContentType = "application/json";
            headers.ContentLength = body.Length;
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = method, Scheme = "http", Protocol = "HTTP/1.1", Path = path, PathBase = "", QueryString = "", RawTarget = path,
            Headers = headers, Body = new MemoryStream(body ?? []),
        });
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        using var responseBody = new MemoryStream();
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Loopback, LocalIpAddress = IPAddress.Loopback, ConnectionId = "warm-up" });
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = "warm-up" });
        features.Set<IHttpMaxRequestBodySizeFeature>(new WarmUpBodySizeFeature());
        features.Set(CdsWarmUpRequest.Instance);

        var context = application.CreateContext(features);
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception exception)
        {
            application.DisposeContext(context, exception);
            throw;
        }

        application.DisposeContext(context, null);
        return response.StatusCode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS Hooks HTTP path warmed up (JWT verification, request pipeline, FHIR client on loopback, card writing) in {ElapsedMs} ms, statuses {Statuses}, throw-away JWT verified {JwtVerified}")]
    private partial void LogWarmedUp(long elapsedMs, string statuses, bool jwtVerified);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks HTTP warm-up failed ({ExceptionType}); the first calls will be slower")]
    private partial void LogFailed(string exceptionType);
}
