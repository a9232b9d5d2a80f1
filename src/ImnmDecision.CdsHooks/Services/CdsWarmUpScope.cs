using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Marks the start-up warm-up's own calls (an async-local value, set only by <see cref="CdsHttpWarmUp"/> in this
/// process before the port opens, so no request from the network can carry it): for them the JWT check is not
/// made, the warm-up's loopback FHIR server is allowed, and nothing is written to the store.
/// </summary>
internal static class CdsWarmUpScope
{
    private static readonly AsyncLocal<FhirServerTarget?> Current = new();

    /// <summary>Whether the code runs inside the warm-up.</summary>
    public static bool IsActive => Current.Value is not null;

    /// <summary>
    /// Whether a request is one of the warm-up's own calls: inside the warm-up and carrying the feature that only
    /// the warm-up puts on the requests it builds (<see cref="CdsWarmUpRequest"/>).
    /// </summary>
    public static bool IsWarmUpCall(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return IsActive && ReferenceEquals(http.Features.Get<CdsWarmUpRequest>(), CdsWarmUpRequest.Instance);
    }

    /// <summary>The warm-up's loopback FHIR server, allowed only inside the warm-up.</summary>
    public static FhirServerTarget? Server => Current.Value;

    /// <summary>Runs the warm-up's calls with its loopback FHIR server; the scope ends with the returned task.</summary>
    public static async Task RunAsync(FhirServerTarget server, Func<Task> calls)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(calls);
        Current.Value = server;
        await calls();
    }
}
