using System.Globalization;

namespace ImnmDecision.Engine.Cases;

/// <summary>One reason a case could not be read or accepted: the JSON path it is keyed by, and a fixed message that never repeats the value sent.</summary>
public readonly record struct FindingError(string Path, string Message)
{
    /// <summary>The error of a record or body that is JSON but not an object.</summary>
    public static FindingError NotAnObject { get; } = new("$", "Not a JSON object: send an object with the findings of one case.");

    /// <summary>The error of a record or body with text after the end of its object, at a zero-based line and byte.</summary>
    public static FindingError AfterTheObject(long? line, long? bytePosition) => new("$", string.Create(
        CultureInfo.InvariantCulture,
        $"Text after the end of the object (line {(line ?? 0) + 1}, byte {(bytePosition ?? 0) + 1}): send one object per case; in NDJSON one case per line, each line ended by LF or CRLF (a carriage return alone does not end a line)."));

    /// <summary>The error of a record or body that is not well-formed JSON, at a zero-based line and byte.</summary>
    public static FindingError Syntax(long? line, long? bytePosition, string path = "$") => new(path, string.Create(
        CultureInfo.InvariantCulture,
        $"Not well-formed JSON (line {(line ?? 0) + 1}, byte {(bytePosition ?? 0) + 1}): send an object with the findings of one case."));

    /// <summary>The error of a record or body nested deeper than any case is (well-formed or not), at a zero-based line and byte.</summary>
    public static FindingError TooDeep(long? line, long? bytePosition) => new("$", string.Create(
        CultureInfo.InvariantCulture,
        $"Nested too deeply (line {(line ?? 0) + 1}, byte {(bytePosition ?? 0) + 1}): the findings of a case are a few levels deep; send an object with the findings of one case."));
}
