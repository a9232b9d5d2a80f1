namespace ImnmDecision.CdsHooks.Services;

/// <summary>What the selected draft orders of an <c>order-select</c> call hold.</summary>
/// <param name="Statin">The first selected statin draft (its ingredient and reference), or <c>null</c>.</param>
/// <param name="Unresolved">The selected drafts whose Medication is neither contained nor among the draft orders.</param>
internal sealed record SelectedDrafts((string? Drug, string? Reference)? Statin, IReadOnlyList<UnresolvedDraft> Unresolved);
