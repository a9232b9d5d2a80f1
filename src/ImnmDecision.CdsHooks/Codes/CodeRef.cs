namespace ImnmDecision.CdsHooks.Codes;

/// <summary>A code in a code system, as a site configures it (for example LOINC <c>2157-6</c>).</summary>
internal sealed class CodeRef
{
    /// <summary>The code system URI, for example <c>http://loinc.org</c>.</summary>
    public string System { get; set; } = "";

    /// <summary>The code.</summary>
    public string Code { get; set; } = "";

    /// <summary>A readable name, for people editing the list; never used for matching.</summary>
    public string? Display { get; set; }
}
