using System.Diagnostics;
using ImnmDecision.Api.Security;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Store;

namespace ImnmDecision.Api.Store;

/// <summary>
/// Writes the audit entry of each answer (single, batch; CDS calls through the feedback ledger): assessment id,
/// door, client, ruleset, subtype, certainty, alert ids, duration; never patient data. A failing store is logged
/// and does not fail the clinical answer, which has already been computed.
/// </summary>
internal sealed partial class AuditTrail(DecisionStore store, TimeProvider clock, ILogger<AuditTrail> logger)
{
    /// <summary>Records a single assessment.</summary>
    public Task SingleAsync(HttpContext context, Assessment assessment, long startedTimestamp)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(assessment);
        return WriteAsync(new AuditRecord(
            assessment.AssessmentId, clock.GetUtcNow(), "single", ClientIdentity.ClaimedId(context.User), assessment.Ruleset.Tag,
            JsonNames.Name(assessment.Subtype.Code), JsonNames.Name(assessment.Subtype.Certainty),
            string.Join(',', assessment.Alerts.Select(a => JsonNames.Name(a.Id))),
            Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, 1, 0));
    }

    /// <summary>Records a batch as one entry with its counts.</summary>
    public Task BatchAsync(HttpContext context, BatchSummary summary, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(summary);
        return WriteAsync(new AuditRecord(
            Guid.NewGuid(), clock.GetUtcNow(), "batch", ClientIdentity.ClaimedId(context.User), summary.Ruleset.Tag,
            null, null, null, elapsed.TotalMilliseconds, summary.Rows, summary.Failed));
    }

    private async Task WriteAsync(AuditRecord entry)
    {
        try
        {
            await store.RecordAuditAsync(entry, CancellationToken.None);
        }
        catch (System.Data.Common.DbException exception)
        {
            LogWriteFailed(entry.Door, entry.AssessmentId, exception.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry for {Door} assessment {AssessmentId} not written ({ExceptionType})")]
    private partial void LogWriteFailed(string door, Guid assessmentId, string exceptionType);
}
