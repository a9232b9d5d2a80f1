using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// One result of a batch, in input order: the case's line, the caseId as sent, and either the scored result
/// (subtype, certainty and the ids of alerts, outstanding workup, treatment options and missing fields, as
/// the single-case answer lists them) or an <c>error</c>. Findings are never echoed. The CSV answer has the
/// same columns, the classification as four: <c>line,caseId,subtype,certainty,alerts,workup,treatment,avoid,missing,error,eularAcr.probability,eularAcr.category,eularAcr.subgroup,eularAcr.maxProbability</c>,
/// lists separated by <c>;</c>, and <c>error</c> as <c>path: message</c> pairs separated by <c>; </c>.
/// </summary>
public sealed record BatchResultRow
{
    /// <summary>The line of the input where the case starts (the CSV header is line 1).</summary>
    public required long Line { get; init; }

    /// <summary>The caseId as sent (left out when absent, or when longer than 64 characters).</summary>
    public string? CaseId { get; init; }

    /// <summary>The suggested subtype (absent on an error row).</summary>
    public SubtypeCode? Subtype { get; init; }

    /// <summary>Its certainty (absent on an error row).</summary>
    public Certainty? Certainty { get; init; }

    /// <summary>Alert ids, most severe first.</summary>
    public IReadOnlyList<AlertId>? Alerts { get; init; }

    /// <summary>Ids of the workup items still outstanding, highest priority first.</summary>
    public IReadOnlyList<WorkupId>? Workup { get; init; }

    /// <summary>Ids of the treatment options listed, in plan order (including those to avoid).</summary>
    public IReadOnlyList<TreatmentId>? Treatment { get; init; }

    /// <summary>The listed treatment options this patient should not get (<c>avoid: true</c> in the full answer).</summary>
    public IReadOnlyList<TreatmentId>? Avoid { get; init; }

    /// <summary>Absent input fields that would change the answer.</summary>
    public IReadOnlyList<string>? Missing { get; init; }

    /// <summary>
    /// The classifications scored beside the subtype (the 2017 EULAR/ACR criteria), as the single-case answer gives them
    /// without the texts that are the same on every row (labels, findings and citations); absent on an error row. The CSV
    /// answer appends <c>eularAcr.probability,eularAcr.category,eularAcr.subgroup,eularAcr.maxProbability</c>.
    /// </summary>
    public Classifications? Classification { get; init; }

    /// <summary>Why this row could not be scored; the other rows are not affected.</summary>
    public BatchProblem? Error { get; init; }
}
