using System.Text.Json;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>One prefetch key after resolution: its state and the resources it holds.</summary>
internal sealed record PrefetchSlot(PrefetchKey Key, PrefetchState State, IReadOnlyList<JsonElement> Resources, string? Problem = null)
{
    /// <summary>Whether the data for this key could not be obtained (the guidance is then incomplete).</summary>
    public bool Failed => State is PrefetchState.EhrSearchFailed or PrefetchState.FetchFailed;
}
