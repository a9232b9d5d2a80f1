namespace ImnmDecision.Store;

/// <summary>
/// One audit entry: which ruleset answered which assessment, through which door, for which client, how fast.
/// No patient data. A batch is one entry whose <see cref="Cases"/> and <see cref="Errors"/> count its rows.
/// </summary>
/// <param name="AssessmentId">The assessment's id (a new id for a batch or a CDS call).</param>
/// <param name="At">When it was answered.</param>
/// <param name="Door"><c>single</c>, <c>batch</c>, <c>cds</c> or <c>cli</c>.</param>
/// <param name="ClientId">The calling client (token client id or EHR issuer), if known.</param>
/// <param name="RulesetTag">The ruleset's tag.</param>
/// <param name="Subtype">The subtype code (single assessments).</param>
/// <param name="Certainty">The certainty (single assessments).</param>
/// <param name="AlertIds">The alerts raised, comma-separated ids.</param>
/// <param name="DurationMs">Wall time in milliseconds.</param>
/// <param name="Cases">Cases assessed (1 for a single assessment).</param>
/// <param name="Errors">Cases that could not be assessed.</param>
public sealed record AuditRecord(
    Guid AssessmentId, DateTimeOffset At, string Door, string? ClientId, string RulesetTag, string? Subtype, string? Certainty,
    string? AlertIds, double DurationMs, long Cases, long Errors);
