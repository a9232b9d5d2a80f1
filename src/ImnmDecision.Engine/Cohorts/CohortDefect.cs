namespace ImnmDecision.Engine.Cohorts;

/// <summary>A deliberate defect in a generated case, so that error rows are part of every measurement.</summary>
public enum CohortDefect
{
    /// <summary>A valid case.</summary>
    None,

    /// <summary><c>patient.ageYears</c> above 120 (a field rule).</summary>
    AgeOutOfRange,

    /// <summary><c>ck.value</c> below 0 (a field rule).</summary>
    NegativeCk,

    /// <summary><c>patient.pregnant</c> true with sex male (a field rule across fields).</summary>
    PregnantMale,

    /// <summary>A misspelt enum value in <c>antibodies.hmgcr</c>.</summary>
    UnknownValue,

    /// <summary>A number written with a decimal comma in <c>ck.value</c>.</summary>
    BadNumber,

    /// <summary>Nothing but a caseId.</summary>
    EmptyCase,

    /// <summary>A row that cannot be read: missing fields (CSV) or cut-off JSON (NDJSON; a misspelt value in a JSON array, where broken syntax would end the batch).</summary>
    BrokenRow,
}
