using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.CdsHooks.Http;
using ImnmDecision.CdsHooks.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// The CDS Hooks 2.0 routes: discovery, service calls and feedback, under <c>/cds-services</c>, outside
/// <c>/api/v1</c> and out of the v1 OpenAPI document. Errors are FHIR OperationOutcomes, as EHRs expect.
/// </summary>
internal static class CdsEndpoints
{
    /// <summary>The path of the discovery endpoint; every CDS route starts with it.</summary>
    public const string Prefix = "/cds-services";

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

    private static async Task<Results<JsonHttpResult<CdsResponse>, ContentHttpResult>> CallAsync(
        string serviceId, HttpContext http, CdsServiceCatalog catalog, FeedbackLedger ledger, ILoggerFactory loggers)
    {
        if (catalog.Find(serviceId) is not { } service)
        {
            return UnknownService();
        }

        var started = Stopwatch.GetTimestamp();
        var (document, refused) = await ReadJsonAsync(http, "the hook call");
        if (document is null)
        {
            return refused!;
        }

        var logger = loggers.CreateLogger("ImnmDecision.CdsHooks");
        using (document)
        {
            var (request, problem) = CdsRequestReader.Read(document);
            if (request is null)
            {
                return CdsOutcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required, problem!);
            }

            CdsServiceOutcome outcome;
            try
            {
                outcome = await service.HandleAsync(request, http.RequestAborted);
            }
            catch (Hl7.Fhir.Validation.CodedValidationException)
            {
                // A resource element that does not follow FHIR R4, read where no reading could skip it: refused, never a 500.
                logger.LogWarning("CDS hook {Hook} for {ServiceId}: 400, a FHIR resource holds an element that does not follow FHIR R4", request.Hook, serviceId);
                return CdsOutcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "A FHIR resource in the request holds an element that does not follow FHIR R4.");
            }

            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (outcome.MissingPrefetch is { } missing)
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation(
                        "CDS hook {Hook} for {ServiceId}: 412, prefetch {MissingKeys} missing and no FHIR server, in {ElapsedMs} ms",
                        request.Hook, serviceId, string.Join(",", missing), elapsedMs);
                }

                return CdsOutcomes.Error(
                    StatusCodes.Status412PreconditionFailed,
                    OperationOutcome.IssueType.Required,
                    outcome.ServerUnusable
                        ? $"Required data could not be obtained: the prefetch did not provide it and the FHIR server could not be used ({string.Join(", ", missing)})."
                        : $"Required prefetch data is missing and no fhirServer was given to fetch it: {string.Join(", ", missing)}.",
                    [.. missing.Select(k => $"prefetch.{k}")]);
            }

            if (outcome.Problem is { } bad)
            {
                return CdsOutcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, bad);
            }

            var response = outcome.Response!;
            var critical = response.Cards.Count(c => c.Indicator == CardIndicator.Critical);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "CDS hook {Hook} for {ServiceId} answered {CardCount} cards ({CriticalCount} critical) with {RulesetVersion} in {ElapsedMs} ms",
                    request.Hook, serviceId, response.Cards.Count, critical, outcome.RulesetTag, elapsedMs);
            }

            await ledger.CardsShownAsync(serviceId, response, outcome, CdsCaller.Issuer(http), elapsedMs, http.RequestAborted);
            return TypedResults.Json(response, CardJson.Options);
        }
    }

    /// <summary>What is kept of an override code the cards never offered.</summary>
    private const string NotOffered = "(not an offered code)";

    private static async Task<Results<Ok, ContentHttpResult>> FeedbackAsync(
        string serviceId, HttpContext http, CdsServiceCatalog catalog, FeedbackLedger ledger, CardSources sources, ILoggerFactory loggers)
    {
        if (catalog.Find(serviceId) is null)
        {
            return UnknownService();
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
                return CdsOutcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, problem!);
            }

            var logger = loggers.CreateLogger("ImnmDecision.CdsHooks.Feedback");
            foreach (var read in entries)
            {
                // An override code the cards never offered is free text from the caller and may hold anything, a
                // patient's name included: the store, the summary and the log keep only that it was not offered.
                var entry = read.ReasonCode is null || sources.IsOfferedReason(read.ReasonSystem, read.ReasonCode)
                    ? read
                    : read with { ReasonSystem = null, ReasonCode = NotOffered };
                var card = Guid.TryParse(entry.Card, out var uuid) ? uuid.ToString() : "(not a uuid)";
                if (!await ledger.TryRecordAsync(serviceId, entry, CdsCaller.Issuer(http), http.RequestAborted))
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
                        entry.ReasonCode ?? "none",
                        entry.HasUserComment);
                }
            }

            return TypedResults.Ok();
        }
    }

    /// <summary>The JSON body, or the OperationOutcome that refuses it (415 when it is not JSON, 400 when it does not parse, 408 when it trickles in too slowly).</summary>
    private static async Task<(JsonDocument? Document, ContentHttpResult? Refused)> ReadJsonAsync(HttpContext http, string what)
    {
        if (!Utf8MediaType.IsJson(Utf8MediaType.Of(http.Request)))
        {
            return (null, CdsOutcomes.Error(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported, $"Send {what} as JSON (Content-Type: application/json), uncompressed (no Content-Encoding, no Transfer-Encoding but chunked)."));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, DocumentOptions, http.RequestAborted);
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1})") : "";
            return (null, CdsOutcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                $"The body is not valid JSON, or nests deeper than {DocumentOptions.MaxDepth} levels{at}."));
        }
        catch (Exception e) when (e is RequestBodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return (null, TooLarge(http));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status400BadRequest)
        {
            return (null, CdsOutcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "The request body could not be read: its HTTP framing is malformed."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return (null, CdsOutcomes.Error(StatusCodes.Status408RequestTimeout, OperationOutcome.IssueType.Timeout, "The request body arrived too slowly (below the server's minimum data rate); nothing was read. Send it again."));
        }

        if (!JsonText.IsDecodable(document.RootElement))
        {
            document.Dispose();
            return (null, CdsOutcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "The body holds a string that is not valid Unicode (a lone surrogate escape)."));
        }

        return (document, null);
    }

    /// <summary>The OperationOutcome of a body over the hook call limit (also written by the body limit middleware).</summary>
    public static ContentHttpResult TooLarge(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        return CdsOutcomes.Error(
            StatusCodes.Status413PayloadTooLarge,
            OperationOutcome.IssueType.TooLong,
            limit is { } bytes ? $"The request body is larger than the {bytes} bytes this service accepts." : "The request body is larger than this service accepts.");
    }

    private static ContentHttpResult UnknownService() =>
        CdsOutcomes.Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, "There is no CDS service with this id; GET /cds-services lists them.");
}
