using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Store;

/// <summary>
/// The audit entry of an answer, made the same way by every door (API single and batch, CDS Hooks, the CLI):
/// ids, codes, counts and a duration, never a finding, a caseId or a patient id.
/// </summary>
public static class AuditEntries
{
    /// <summary>The door of a single assessment over HTTP.</summary>
    public const string SingleDoor = "single";

    /// <summary>The door of the batch endpoint.</summary>
    public const string BatchDoor = "batch";

    /// <summary>The door of the CDS Hooks services.</summary>
    public const string CdsDoor = "cds";

    /// <summary>The door of the <c>imnm</c> command line (score and explain).</summary>
    public const string CliDoor = "cli";

    /// <summary>One assessment: its id, ruleset, subtype code, certainty and alert ids.</summary>
    public static AuditRecord ForAssessment(Assessment assessment, string door, string? clientId, DateTimeOffset at, double durationMs)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(door);
        return new AuditRecord(
            assessment.AssessmentId, at, door, clientId, assessment.Ruleset.Tag,
            JsonNames.Name(assessment.Subtype.Code), JsonNames.Name(assessment.Subtype.Certainty),
            string.Join(',', assessment.Alerts.Select(a => JsonNames.Name(a.Id))),
            durationMs, 1, 0);
    }

    /// <summary>A batch, as one entry with its counts (rows read, rows that failed).</summary>
    public static AuditRecord ForBatch(BatchSummary summary, string door, string? clientId, DateTimeOffset at, double durationMs)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(door);
        return new AuditRecord(Guid.NewGuid(), at, door, clientId, summary.Ruleset.Tag, null, null, null, durationMs, summary.Rows, summary.Failed);
    }

    /// <summary>A call that answered without assessing (no myositis data, nothing to warn about): its ruleset and duration only.</summary>
    public static AuditRecord WithoutAssessment(string rulesetTag, string door, string? clientId, DateTimeOffset at, double durationMs) =>
        new(Guid.NewGuid(), at, door, clientId, rulesetTag, null, null, null, durationMs, 1, 0);
}
