namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>A prefetch template a service asks the EHR for.</summary>
/// <param name="Name">The prefetch key, for example <c>ck</c>.</param>
/// <param name="Template">The FHIR R4 read or search, with <c>{{context.patientId}}</c> tokens.</param>
/// <param name="Required">
/// Whether the service cannot work without it: a required key that is neither prefetched nor fetchable answers
/// 412. An optional key that is missing is reported on the card as not provided.
/// </param>
/// <param name="Description">What it holds, for cards and errors ("CK results").</param>
internal sealed record PrefetchKey(string Name, string Template, bool Required, string Description)
{
    private const string NewestFirst = "_sort=-date";

    /// <summary>
    /// Whether a page of this search already holds all it asks for: the template asks for the newest results only
    /// (<c>_sort=-date</c> with <c>_count</c>) and the page's <c>self</c> link shows that the server sorted them so.
    /// Its <c>next</c> link leads to older results and is not followed.
    /// </summary>
    public bool FirstPageSuffices(string? self) =>
        Template.Contains(NewestFirst, StringComparison.Ordinal)
        && Template.Contains("_count=", StringComparison.Ordinal)
        && self is not null
        && Uri.UnescapeDataString(self).Split('?', 2) is [_, var query]
        && query.Split('&').Any(p => p == NewestFirst || p.StartsWith(NewestFirst + ",", StringComparison.Ordinal));
}
