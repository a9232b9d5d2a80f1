using Hl7.Fhir.Model;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>One Medication a draft order refers to, as read from the FHIR server: the Medication, or why it could not be read.</summary>
/// <param name="Reference">The reference as the draft order gives it.</param>
/// <param name="Medication">The Medication read, or <c>null</c>.</param>
/// <param name="Problem">Why it could not be read (for the card, without the reference or the server's answer), or <c>null</c>.</param>
internal sealed record DraftMedicationRead(string Reference, Medication? Medication, string? Problem);
