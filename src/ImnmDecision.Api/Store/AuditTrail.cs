using System.Diagnostics;
using ImnmDecision.Api.Security;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Store;

namespace ImnmDecision.Api.Store;

/// <summary>
/// Writes the audit entry of each answer (single, batch; CDS calls through the feedback ledger): assessment id,
/// door, client, ruleset, subtype, certainty, alert ids, duration; never patient data. A failing store is logged
/// and does not fail the clinical answer, which has already been computed. The entry is queued
/// (<see cref="AuditQueue"/>) and written off the request path, so an answer never waits for the disk.
/// </summary>
internal sealed class AuditTrail(AuditQueue queue, TimeProvider clock)
{
    /// <summary>Records a single assessment.</summary>
    public void Single(HttpContext context, Assessment assessment, long startedTimestamp)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(assessment);
        queue.Enqueue(AuditEntries.ForAssessment(
            assessment, AuditEntries.SingleDoor, ClientIdentity.ClaimedId(context.User), clock.GetUtcNow(), Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds));
    }

    /// <summary>Records a batch as one entry with its counts.</summary>
    public void Batch(HttpContext context, BatchSummary summary, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(summary);
        queue.Enqueue(AuditEntries.ForBatch(summary, AuditEntries.BatchDoor, ClientIdentity.ClaimedId(context.User), clock.GetUtcNow(), elapsed.TotalMilliseconds));
    }
}
