namespace ImnmDecision.Engine.Assessments;

/// <summary>A source cited in an answer.</summary>
public sealed record CitationEntry
{
    /// <summary>The citation id.</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Authors, journal or publisher, as a reference line.</summary>
    public required string Source { get; init; }

    /// <summary>Year of publication, where known.</summary>
    public int? Year { get; init; }

    /// <summary>DOI link or URL.</summary>
    public string? Url { get; init; }

    /// <summary><c>consensus</c>, <c>cohort-study</c>, <c>review</c>, <c>lab-catalogue</c>, <c>guideline</c> or <c>patient-education</c>.</summary>
    public required string Kind { get; init; }
}
