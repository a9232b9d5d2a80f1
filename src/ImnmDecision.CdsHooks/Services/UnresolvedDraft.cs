namespace ImnmDecision.CdsHooks.Services;

/// <summary>A selected draft order whose <c>medicationReference</c> points outside the call.</summary>
/// <param name="Target">The <c>medicationReference.reference</c>.</param>
/// <param name="Display">The reference's <c>display</c>, if any.</param>
/// <param name="OrderReference">The draft order (<c>MedicationRequest/id</c> or its fullUrl).</param>
internal sealed record UnresolvedDraft(string Target, string? Display, string? OrderReference);
