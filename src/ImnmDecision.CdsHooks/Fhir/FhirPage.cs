namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>
/// One prefetch value or one search answer, read with Firely's parser: its resources, the Bundle's
/// <c>next</c> link, whether it reports a failed search, and how many resources could not be read.
/// </summary>
internal sealed record FhirPage
{
    /// <summary>
    /// The most Bundle entries read from one page: reading is per resource and costs time, and a body within the
    /// size limits can hold tens of thousands of small resources. Entries beyond it are counted, not read.
    /// </summary>
    public const int MaxEntries = 1000;

    /// <summary>A truncation that says a page held more than <see cref="MaxEntries"/> entries.</summary>
    public static string OverLimit => $"more than {MaxEntries} results; the rest were not read";

    /// <summary>The resources (OperationOutcome entries left out).</summary>
    public required IReadOnlyList<FhirEntry> Entries { get; init; }

    /// <summary>The Bundle's <c>next</c> link, or <c>null</c>.</summary>
    public string? Next { get; init; }

    /// <summary>
    /// The Bundle's <c>self</c> link: the search as the server ran it (FHIR R4 3.1.1.3: it lists the parameters
    /// the server actually applied), or <c>null</c>.
    /// </summary>
    public string? Self { get; init; }

    /// <summary>An OperationOutcome, or a Bundle of only failing OperationOutcomes, or not a FHIR resource at all.</summary>
    public bool Failed { get; init; }

    /// <summary>Resources whose JSON does not follow FHIR R4 far enough to be read; skipped one by one.</summary>
    public int Unreadable { get; init; }

    /// <summary>Resources read with some elements left out because they did not follow FHIR R4.</summary>
    public int Partial { get; init; }

    /// <summary>Entries beyond <see cref="MaxEntries"/>, not read.</summary>
    public int Dropped { get; init; }

    /// <summary>A page that reports a failed search.</summary>
    public static FhirPage Failure { get; } = new() { Entries = [], Failed = true };
}
