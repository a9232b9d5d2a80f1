using System.Diagnostics;
using ImnmDecision.Api.Security;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
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
        return WriteAsync(AuditEntries.ForAssessment(
            assessment, AuditEntries.SingleDoor, ClientIdentity.ClaimedId(context.User), clock.GetUtcNow(), Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds));
    }

    /// <summary>Records a batch as one entry with its counts.</summary>
    public Task BatchAsync(HttpContext context, BatchSummary summary, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(summary);
        return WriteAsync(AuditEntries.ForBatch(summary, AuditEntries.BatchDoor, ClientIdentity.ClaimedId(context.User), clock.GetUtcNow(), elapsed.TotalMilliseconds));
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
