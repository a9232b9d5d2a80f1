namespace ImnmDecision.Store;

/// <summary>One CDS Hooks feedback entry as stored: codes and counts only, no free text, no patient id.</summary>
/// <param name="Identity">The feedback's identity (a hash of service, card, outcome, time, reason and suggestions).</param>
/// <param name="ServiceId">The CDS service.</param>
/// <param name="CardId">The card's uuid.</param>
/// <param name="Outcome"><c>accepted</c> or <c>overridden</c>.</param>
/// <param name="OverrideReason">The override reason's code, if one was given.</param>
/// <param name="AcceptedSuggestions">How many suggestions were accepted.</param>
/// <param name="At">When the outcome happened (the EHR's timestamp).</param>
/// <param name="ClientId">The calling EHR (the JWT issuer), if known.</param>
public sealed record FeedbackRecord(
    string Identity, string ServiceId, string CardId, string Outcome, string? OverrideReason, int AcceptedSuggestions, DateTimeOffset At, string? ClientId);
