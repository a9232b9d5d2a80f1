using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Services;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// Turns a hook call's prefetch into resolved slots: a missing key means "not attempted", <c>null</c> means
/// "searched, nothing found", an OperationOutcome means "the EHR's search failed". Missing keys are fetched
/// from <c>fhirServer</c> in parallel within the time budget; what does not arrive in time is reported as
/// failed, never waited for.
/// </summary>
internal sealed partial class PrefetchResolver(FhirServerClient client, IOptionsMonitor<CdsHooksOptions> options, ILogger<PrefetchResolver> logger)
{
    public async Task<PrefetchResolution> ResolveAsync(CdsServiceRequest request, IReadOnlyList<PrefetchKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        var slots = new Dictionary<string, PrefetchSlot>(StringComparer.Ordinal);
        var missing = new List<PrefetchKey>();
        foreach (var key in keys)
        {
            if (request.Prefetch.TryGetValue(key.Name, out var value))
            {
                slots[key.Name] = FromPrefetch(key, value);
            }
            else
            {
                missing.Add(key);
            }
        }

        var server = AllowedServer(request.FhirServer);
        if (missing.Count == 0)
        {
            return new PrefetchResolution { Slots = slots, MissingRequired = [] };
        }

        if (server is null)
        {
            foreach (var key in missing.Where(k => !k.Required))
            {
                slots[key.Name] = new PrefetchSlot(key, PrefetchState.NotProvided, [], "not provided by the EHR");
            }

            return new PrefetchResolution { Slots = slots, MissingRequired = [.. missing.Where(k => k.Required).Select(k => k.Name)] };
        }

        var budgetMs = Math.Max(1, options.CurrentValue.FhirFetchBudgetMs);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(budgetMs);
        var started = Stopwatch.GetTimestamp();
        var fetches = missing.Select(key => FetchAsync(server, request, key, budgetMs, budget.Token, cancellationToken)).ToList();
        var failed = 0;
        foreach (var slot in await Task.WhenAll(fetches))
        {
            slots[slot.Key.Name] = slot;
            failed += slot.Failed ? 1 : 0;
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Fetched {KeyCount} prefetch keys from the FHIR server in {ElapsedMs} ms: {FailedCount} failed",
                missing.Count, elapsedMs, failed);
        }

        return new PrefetchResolution { Slots = slots, MissingRequired = [], FetchAttempts = missing.Count };
    }

    /// <summary>Classifies a prefetch value the EHR sent.</summary>
    public static PrefetchSlot FromPrefetch(PrefetchKey key, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return new PrefetchSlot(key, PrefetchState.Empty, []);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return new PrefetchSlot(key, PrefetchState.EhrSearchFailed, [], "the EHR sent a value that is not a FHIR resource");
        }

        if (FhirJson.IsFailure(value))
        {
            return new PrefetchSlot(key, PrefetchState.EhrSearchFailed, [], "the EHR reported that its search failed");
        }

        var resources = FhirJson.Resources(value).Where(r => FhirJson.ResourceType(r) is not "OperationOutcome").ToList();
        return new PrefetchSlot(key, resources.Count == 0 ? PrefetchState.Empty : PrefetchState.Provided, resources);
    }

    /// <summary>Replaces <c>{{context.x}}</c> tokens with the (URL-encoded) context values; <c>null</c> when one is absent.</summary>
    public static string? Render(string template, CdsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        var complete = true;
        var rendered = Token().Replace(template, match =>
        {
            var value = request.ContextValue(match.Groups[1].Value);
            if (string.IsNullOrEmpty(value))
            {
                complete = false;
                return "";
            }

            return Uri.EscapeDataString(value);
        });
        return complete ? rendered : null;
    }

    private async Task<PrefetchSlot> FetchAsync(
        Uri server, CdsServiceRequest request, PrefetchKey key, int budgetMs, CancellationToken budget, CancellationToken caller)
    {
        if (Render(key.Template, request) is not { } query)
        {
            return new PrefetchSlot(key, PrefetchState.FetchFailed, [], "the hook context lacks a value this search needs");
        }

        try
        {
            var result = await client.FetchAsync(server, query, request.FhirAuthorization?.AccessToken, budget);
            return result.Succeeded
                ? new PrefetchSlot(key, PrefetchState.Fetched, result.Resources)
                : new PrefetchSlot(key, PrefetchState.FetchFailed, [], result.Problem);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return new PrefetchSlot(key, PrefetchState.FetchFailed, [], $"the FHIR server did not answer within {budgetMs} ms");
        }
        catch (HttpRequestException exception)
        {
            return new PrefetchSlot(key, PrefetchState.FetchFailed, [], exception.StatusCode is { } status
                ? $"the FHIR server answered HTTP {(int)status}"
                : "the FHIR server could not be reached");
        }
    }

    private Uri? AllowedServer(Uri? server)
    {
        if (server is null)
        {
            return null;
        }

        var allowed = options.CurrentValue.AllowedFhirServers.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var ok = allowed.Count > 0
            ? allowed.Any(prefix => (server.AbsoluteUri.TrimEnd('/') + "/").StartsWith(prefix.Trim().TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))
            : server.Scheme == Uri.UriSchemeHttps || IsLoopback(server);
        if (!ok)
        {
            logger.LogWarning("The hook call names a FHIR server that is not allowed (CdsHooks:AllowedFhirServers); it is not called");
        }

        return ok ? server : null;
    }

    private static bool IsLoopback(Uri server) =>
        server.IsLoopback || (IPAddress.TryParse(server.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex(@"\{\{context\.([A-Za-z0-9_]+)\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Token();
}
