using System.Diagnostics;
using System.Text.Json;
using ImnmDecision.Api.CdsHooks.Cards;
using ImnmDecision.Api.CdsHooks.Fhir;
using ImnmDecision.Api.CdsHooks.Security;
using ImnmDecision.Api.Http;
using ImnmDecision.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.CdsHooks.Services;

/// <summary>
/// The CDS Hooks 2.0 routes: discovery, service calls and feedback, under <c>/cds-services</c>, outside
/// <c>/api/v1</c> and out of the v1 OpenAPI document. Errors are FHIR OperationOutcomes, as EHRs expect.
/// </summary>
internal static class CdsEndpoints
{
    /// <summary>The path of the discovery endpoint; every CDS route starts with it.</summary>
    public const string Prefix = "/cds-services";

    private const string FhirJsonContentType = "application/fhir+json";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static RouteGroupBuilder MapCdsEndpoints(this IEndpointRouteBuilder app, long maxBodyBytes)
    {
        var cds = app.MapGroup(Prefix)
            .ExcludeFromDescription()
            .RequireCors(CdsHooksSetup.CorsPolicy)
            .WithMetadata(new CdsBodyTooLargeAnswer())
            .AddEndpointFilter<CdsJwtFilter>();
        cds.MapGet("", Discover).WithName("CdsDiscovery");
        cds.MapPost("/{serviceId}", CallAsync).WithName("CdsServiceCall").WithMetadata(new CdsRequestSizeLimit(maxBodyBytes));
        cds.MapPost("/{serviceId}/feedback", FeedbackAsync).WithName("CdsFeedback");
        return cds;
    }

    private static JsonHttpResult<CdsDiscovery> Discover(CdsServiceCatalog catalog) =>
        TypedResults.Json(catalog.Discovery(), CardJson.Options);

    private static async Task<Results<JsonHttpResult<CdsResponse>, JsonHttpResult<FhirOperationOutcome>, NotFound>> CallAsync(
        string serviceId, HttpContext http, CdsServiceCatalog catalog, ILoggerFactory loggers)
    {
        if (catalog.Find(serviceId) is not { } service)
        {
            return TypedResults.NotFound();
        }

        var started = Stopwatch.GetTimestamp();
        var (document, refused) = await ReadJsonAsync(http, "the hook call");
        if (document is null)
        {
            return refused!;
        }

        var logger = loggers.CreateLogger("ImnmDecision.Api.CdsHooks");
        using (document)
        {
            var (request, problem) = CdsRequestReader.Read(document);
            if (request is null)
            {
                return Outcome(StatusCodes.Status400BadRequest, "required", problem!);
            }

            var outcome = await service.HandleAsync(request, http.RequestAborted);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (outcome.MissingPrefetch is { } missing)
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation(
                        "CDS hook {Hook} for {ServiceId}: 412, prefetch {MissingKeys} missing and no FHIR server, in {ElapsedMs} ms",
                        request.Hook, serviceId, string.Join(",", missing), elapsedMs);
                }

                return Outcome(
                    StatusCodes.Status412PreconditionFailed,
                    "required",
                    $"Required prefetch data is missing and no fhirServer was given to fetch it: {string.Join(", ", missing)}.",
                    [.. missing.Select(k => $"prefetch.{k}")]);
            }

            if (outcome.Problem is { } bad)
            {
                return Outcome(StatusCodes.Status400BadRequest, "invalid", bad);
            }

            var response = outcome.Response!;
            var critical = response.Cards.Count(c => c.Indicator == CardIndicator.Critical);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "CDS hook {Hook} for {ServiceId} answered {CardCount} cards ({CriticalCount} critical) with {RulesetVersion} in {ElapsedMs} ms",
                    request.Hook, serviceId, response.Cards.Count, critical, outcome.RulesetTag, elapsedMs);
            }

            return TypedResults.Json(response, CardJson.Options);
        }
    }

    private static async Task<Results<Ok, JsonHttpResult<FhirOperationOutcome>, NotFound>> FeedbackAsync(
        string serviceId, HttpContext http, CdsServiceCatalog catalog, FeedbackLedger ledger, CardSources sources, ILoggerFactory loggers)
    {
        if (catalog.Find(serviceId) is null)
        {
            return TypedResults.NotFound();
        }

        var (document, refused) = await ReadJsonAsync(http, "feedback");
        if (document is null)
        {
            return refused!;
        }

        using (document)
        {
            var (entries, problem) = FeedbackReader.Read(document);
            if (entries is null)
            {
                return Outcome(StatusCodes.Status400BadRequest, "invalid", problem!);
            }

            var logger = loggers.CreateLogger("ImnmDecision.Api.CdsHooks.Feedback");
            foreach (var entry in entries)
            {
                var card = Guid.TryParse(entry.Card, out var uuid) ? uuid.ToString() : "(not a uuid)";
                if (!ledger.TryRecord(entry.Key(serviceId)))
                {
                    if (logger.IsEnabled(LogLevel.Debug))
                    {
                        logger.LogDebug("Repeated CDS feedback for {ServiceId} card {CardUuid} ignored", serviceId, card);
                    }

                    continue;
                }

                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation(
                        "CDS feedback for {ServiceId}: card {CardUuid} {Outcome}, {AcceptedCount} suggestions accepted, reason {ReasonCode}, comment given {HasComment}",
                        serviceId, card, entry.Outcome, entry.AcceptedSuggestions.Count,
                        entry.ReasonCode is null ? "none" : sources.IsOfferedReason(entry.ReasonSystem, entry.ReasonCode) ? entry.ReasonCode : "(not an offered code)",
                        entry.HasUserComment);
                }
            }

            return TypedResults.Ok();
        }
    }

    /// <summary>
    /// The JSON body, or the OperationOutcome that refuses it: 415 when it is not JSON in UTF-8, 413 when it is
    /// over the limit, 400 when it does not parse or holds text that is not Unicode (a lone surrogate escape).
    /// </summary>
    private static async Task<(JsonDocument? Document, JsonHttpResult<FhirOperationOutcome>? Refused)> ReadJsonAsync(HttpContext http, string what)
    {
        if (!Utf8MediaType.IsJson(Utf8MediaType.Of(http.Request)))
        {
            return (null, Outcome(StatusCodes.Status415UnsupportedMediaType, "not-supported", $"Send {what} as JSON in UTF-8 (Content-Type: application/json)."));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, DocumentOptions, http.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, Outcome(StatusCodes.Status400BadRequest, "structure", "The body is not valid JSON."));
        }
        catch (Exception e) when (e is RequestBodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return (null, TooLarge(http));
        }

        if (!JsonText.IsDecodable(document.RootElement))
        {
            document.Dispose();
            return (null, Outcome(StatusCodes.Status400BadRequest, "structure", "The body holds a string that is not valid Unicode (a lone surrogate escape)."));
        }

        return (document, null);
    }

    /// <summary>The OperationOutcome of a body over the hook call limit (also written by the body limit middleware).</summary>
    public static JsonHttpResult<FhirOperationOutcome> TooLarge(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        return Outcome(
            StatusCodes.Status413PayloadTooLarge,
            "too-long",
            limit is { } bytes ? $"The request body is larger than the {bytes} bytes this service accepts." : "The request body is larger than this service accepts.");
    }

    private static JsonHttpResult<FhirOperationOutcome> Outcome(int status, string code, string diagnostics, IReadOnlyList<string>? expression = null) =>
        TypedResults.Json(
            new FhirOperationOutcome { Issue = [new FhirIssue { Severity = "error", Code = code, Diagnostics = diagnostics, Expression = expression }] },
            CardJson.Options,
            FhirJsonContentType,
            status);
}
