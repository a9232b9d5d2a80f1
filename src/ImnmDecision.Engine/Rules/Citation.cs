namespace ImnmDecision.Engine.Rules;

/// <summary>A source in <c>rules/citations.json</c>.</summary>
public sealed record Citation
{
    /// <summary>The id rules cite, for example <c>enmc-2018</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Authors, or the organisation; absent when not recorded (the DOI then names them).</summary>
    public string? Authors { get; init; }

    /// <summary>Year of publication.</summary>
    public int? Year { get; init; }

    /// <summary>Journal with volume and pages, or the publisher or website.</summary>
    public required string Container { get; init; }

    /// <summary>DOI, where there is one.</summary>
    public string? Doi { get; init; }

    /// <summary>Link: the DOI resolver or the page.</summary>
    public string? Url { get; init; }

    /// <summary><c>consensus</c>, <c>cohort-study</c>, <c>review</c>, <c>lab-catalogue</c> or <c>patient-education</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>What it is cited for, or a caveat.</summary>
    public string? Note { get; init; }
}
