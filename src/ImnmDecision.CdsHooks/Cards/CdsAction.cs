namespace ImnmDecision.CdsHooks.Cards;

/// <summary>A suggested change (here only: remove a draft order).</summary>
internal sealed record CdsAction
{
    /// <summary><c>create</c>, <c>update</c> or <c>delete</c>.</summary>
    public required string Type { get; init; }

    public required string Description { get; init; }

    /// <summary>The resource to delete, as a relative reference (<c>MedicationRequest/123</c>).</summary>
    public string? ResourceId { get; init; }
}
