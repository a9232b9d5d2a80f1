namespace ImnmDecision.CdsHooks.Services;

/// <summary>One service in the discovery document.</summary>
internal sealed record CdsServiceDescriptor
{
    public required string Hook { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string Id { get; init; }

    /// <summary>Prefetch key to FHIR R4 query template.</summary>
    public required IReadOnlyDictionary<string, string> Prefetch { get; init; }

    /// <summary>What an EHR must provide (CDS Hooks 2.0 <c>usageRequirements</c>).</summary>
    public string? UsageRequirements { get; init; }

    /// <summary>A service's entry, its prefetch taken from its keys.</summary>
    public static CdsServiceDescriptor For(string hook, string id, IEnumerable<Prefetch.PrefetchKey> keys, string title, string description, string usageRequirements) => new()
    {
        Hook = hook,
        Id = id,
        Title = title,
        Description = description,
        Prefetch = keys.ToDictionary(k => k.Name, k => k.Template, StringComparer.Ordinal),
        UsageRequirements = usageRequirements,
    };
}
