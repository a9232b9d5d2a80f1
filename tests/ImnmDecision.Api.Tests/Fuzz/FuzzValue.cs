namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>How a generated value stands against the contract.</summary>
internal enum FuzzVerdict
{
    /// <summary>The contract accepts it.</summary>
    Valid,

    /// <summary>Refused while the JSON is read (wrong type, unknown spelling, repeated item, invalid text): always named by its path.</summary>
    Unreadable,

    /// <summary>Of the right type but outside the field's bounds or length: named by its path when nothing is unreadable.</summary>
    OutOfRange,

    /// <summary>Not well-formed JSON: the whole body is refused (path <c>$</c>).</summary>
    Malformed,
}

/// <summary>
/// One generated value: its JSON text, the same value written as a CSV cell (null when CSV has no spelling that
/// means the same), its plain spelling (numbers in round-trip form; what an odd spelling must answer like) and
/// how the contract judges it.
/// </summary>
internal sealed record FuzzValue(string Json, string? Csv, string Plain, FuzzVerdict Verdict)
{
    public static FuzzValue Valid(string json, string? csv) => new(json, csv, json, FuzzVerdict.Valid);
}
