namespace ImnmDecision.CdsHooks.Codes;

/// <summary>The shipped RxNorm statin ingredient closure (<c>statin-rxnorm-closure.json</c>), with its provenance.</summary>
internal sealed class StatinClosureFile
{
    public string? Description { get; set; }

    /// <summary>Where the concepts came from.</summary>
    public string? Source { get; set; }

    /// <summary>When the file was generated (YYYY-MM-DD).</summary>
    public string? Generated { get; set; }

    /// <summary>The code system of the concepts (RxNorm).</summary>
    public string? System { get; set; }

    /// <summary>How many concepts of each term type.</summary>
    public Dictionary<string, int> Counts { get; set; } = [];

    public List<StatinProduct> Concepts { get; set; } = [];
}
