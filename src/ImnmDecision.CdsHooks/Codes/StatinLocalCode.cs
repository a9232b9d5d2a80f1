namespace ImnmDecision.CdsHooks.Codes;

/// <summary>A site's own medication code that denotes a statin.</summary>
internal sealed class StatinLocalCode
{
    /// <summary>The code system URI.</summary>
    public string System { get; set; } = "";

    /// <summary>The code.</summary>
    public string Code { get; set; } = "";

    /// <summary>The ingredient's generic name, where known.</summary>
    public string? Ingredient { get; set; }
}
