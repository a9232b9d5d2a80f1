using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Services;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// Turns a hook call's prefetch into resolved slots: a missing key means "not attempted", <c>null</c> means
/// "searched, nothing found", an OperationOutcome means "the EHR's search failed". Within one time budget and
/// in parallel: missing keys are fetched from <c>fhirServer</c>, the <c>next</c> pages of prefetched Bundles are
/// read from it, and Medications that orders refer to but nobody sent are read. Whatever arrived is kept; what
/// did not arrive in time is reported, never waited for.
/// </summary>
internal sealed partial class PrefetchResolver(
    FhirServerClient client, FhirServerPolicy policy, MedicationFollowUp medications, IOptionsMonitor<CdsHooksOptions> options, ILogger<PrefetchResolver> logger)
{
    /// <summary>What the card says about the FHIR server whatever went wrong (the reason is only logged).</summary>
    public const string ServerUnusable = "the FHIR server could not be used";

    public Task<PrefetchResolution> ResolveAsync(CdsServiceRequest request, IReadOnlyList<PrefetchKey> keys, CancellationToken cancellationToken) =>
        ResolveAsync(request, keys, NewAllowance(), cancellationToken);

    /// <summary>Resolves the keys, reading from the FHIR server within <paramref name="allowance"/>, shared with the hook's other reads.</summary>
    public async Task<PrefetchResolution> ResolveAsync(CdsServiceRequest request, IReadOnlyList<PrefetchKey> keys, FetchAllowance allowance, CancellationToken cancellationToken)
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

        var server = policy.Allow(request.FhirServer);
        var paged = slots.Values.Where(s => s.Next is not null).ToList();
        if (server is null)
        {
            foreach (var slot in paged)
            {
                slots[slot.Key.Name] = slot with { Truncation = "the EHR sent only the first page of results, and more pages could not be read without a usable FHIR server" };
            }

            foreach (var key in missing.Where(k => !k.Required))
            {
                slots[key.Name] = new PrefetchSlot(key, PrefetchState.NotProvided, [], request.FhirServer is null ? "not provided by the EHR" : ServerUnusable);
            }

            var notFetchable = missing.Where(k => k.Required).Select(k => k.Name).ToList();
            return request.FhirServer is null || notFetchable.Count == 0
                ? new PrefetchResolution { Slots = slots, MissingRequired = notFetchable }
                : Unobtained(slots, missing, notFetchable);
        }

        var settings = options.CurrentValue;
        var budgetMs = Math.Max(1, settings.FhirFetchBudgetMs);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(budgetMs);
        var token = request.FhirAuthorization?.AccessToken;
        var started = Stopwatch.GetTimestamp();
        var fetches = missing.Select(key => FetchAsync(server, request, key, token, allowance, budget.Token, cancellationToken))
            .Concat(paged.Select(slot => ContinueAsync(server, slot, token, allowance, budget.Token, cancellationToken)))
            .ToList();
        foreach (var slot in await Task.WhenAll(fetches))
        {
            slots[slot.Key.Name] = slot;
        }

        if (await medications.FetchAsync(server, slots, token, allowance, budget.Token, cancellationToken) is { } followUp)
        {
            slots[followUp.Key.Name] = followUp;
        }

        var failed = slots.Values.Count(s => s.Failed);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Fetched {KeyCount} prefetch keys and {PagedCount} further pages from the FHIR server in {ElapsedMs} ms: {FailedCount} failed",
                missing.Count, paged.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed);
        }

        var unobtained = missing.Where(k => k.Required && slots[k.Name].Failed).Select(k => k.Name).ToList();
        return unobtained.Count > 0 && !slots.Values.Any(s => s.Answered)
            ? Unobtained(slots, missing, unobtained)
            : new PrefetchResolution { Slots = slots, MissingRequired = [], FetchAttempts = missing.Count };
    }

    /// <summary>The bytes one hook call may read from the FHIR server (<c>CdsHooks:FhirMaxBytesPerHook</c>), for all its reads together.</summary>
    public FetchAllowance NewAllowance() => new(options.CurrentValue.FhirMaxBytesPerHook);

    /// <summary>Classifies a prefetch value the EHR sent, reading its resources with Firely.</summary>
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

        var page = FhirParsing.Page(value);
        if (page.Failed)
        {
            return new PrefetchSlot(key, PrefetchState.EhrSearchFailed, [], "the EHR reported that its search failed");
        }

        var state = page.Entries.Count == 0 && page.Next is null ? PrefetchState.Empty : PrefetchState.Provided;
        var next = key.FirstPageSuffices(page.Self) || page.Dropped > 0 ? null : page.Next;
        return new PrefetchSlot(key, state, page.Entries)
        {
            Next = next,
            Unreadable = page.Unreadable,
            Partial = page.Partial,
            Truncation = page.Dropped > 0 ? FhirPage.OverLimit : null,
        };
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

    private static PrefetchResolution Unobtained(Dictionary<string, PrefetchSlot> slots, List<PrefetchKey> missing, IReadOnlyList<string> keys)
    {
        foreach (var key in missing.Where(k => !slots.ContainsKey(k.Name)))
        {
            slots[key.Name] = new PrefetchSlot(key, PrefetchState.FetchFailed, [], ServerUnusable);
        }

        return new PrefetchResolution { Slots = slots, MissingRequired = [], Unobtainable = keys, FetchAttempts = missing.Count };
    }

    private async Task<PrefetchSlot> FetchAsync(
        FhirServerTarget server, CdsServiceRequest request, PrefetchKey key, string? token, FetchAllowance allowance, CancellationToken budget, CancellationToken caller)
    {
        if (Render(key.Template, request) is not { } query)
        {
            return new PrefetchSlot(key, PrefetchState.FetchFailed, [], "the hook context lacks a value this search needs");
        }

        var result = await client.FetchAsync(server, query, token, allowance, budget, caller, key);
        return result.Succeeded
            ? new PrefetchSlot(key, PrefetchState.Fetched, result.Entries) { Truncation = result.Truncation, Unreadable = result.Unreadable, Partial = result.Partial }
            : new PrefetchSlot(key, PrefetchState.FetchFailed, [], ServerUnusable);
    }

    private async Task<PrefetchSlot> ContinueAsync(
        FhirServerTarget server, PrefetchSlot slot, string? token, FetchAllowance allowance, CancellationToken budget, CancellationToken caller)
    {
        if (!Uri.TryCreate(slot.Next, UriKind.Absolute, out var next) || !server.Contains(next))
        {
            return slot with { Next = null, Truncation = "the EHR sent only the first page of results; its link to more points outside the FHIR server and was not followed" };
        }

        var result = await client.ContinueAsync(server, next, 1, token, allowance, budget, caller);
        var truncation = result.Truncation
            ?? (result.Succeeded ? null : "only the first page of results arrived; " + ServerUnusable + " for the rest");
        return slot with
        {
            Resources = [.. slot.Resources, .. result.Entries],
            Next = null,
            Truncation = truncation,
            Unreadable = slot.Unreadable + result.Unreadable,
            Partial = slot.Partial + result.Partial,
        };
    }

    [GeneratedRegex(@"\{\{context\.([A-Za-z0-9_]+)\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Token();
}
