using System.Globalization;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// An RFC 9457 problem document for one row of a batch (or for the whole batch when it is refused).
/// Errors are keyed by the JSON path or CSV column of the field; no message repeats a value that was sent.
/// </summary>
public sealed record BatchProblem
{
    /// <summary>A URI identifying the kind of problem.</summary>
    public required string Type { get; init; }

    /// <summary>A short summary of the kind of problem.</summary>
    public required string Title { get; init; }

    /// <summary>The HTTP status this problem would have on its own: 400 for a bad row, 413 for a row or batch too large.</summary>
    public required int Status { get; init; }

    /// <summary>What went wrong with this row.</summary>
    public string? Detail { get; init; }

    /// <summary>The line of the input where the row starts (the CSV header is line 1).</summary>
    public long? Line { get; init; }

    /// <summary>Messages keyed by JSON path (<c>ck.value</c>; <c>$</c> for the row as a whole).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>A row that could not be read (bad CSV, JSON or a value of the wrong kind).</summary>
    internal static BatchProblem Unreadable(long line, IReadOnlyDictionary<string, string[]> errors) =>
        Bad(line, string.Create(CultureInfo.InvariantCulture, $"The row on line {line} cannot be read; it was not scored."), errors);

    /// <summary>A CSV row that opens a quoted field which the rest of the input never closes: only its own line is taken as the row.</summary>
    internal static BatchProblem QuoteNeverClosed(long line) =>
        Bad(
            line,
            string.Create(CultureInfo.InvariantCulture, $"The row on line {line} opens a quoted field that is never closed; it was not scored, and the rows after it were read from line {line + 1}."),
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["$"] = ["A quoted field is never closed: end it with a quote (a quote inside a field is written twice)."] });

    /// <summary>
    /// A CSV row that opens a quoted field the input never closes: every line to the end of the input was read
    /// into it, so the batch cannot go on (the rows in those lines are not lost silently: this says which).
    /// </summary>
    internal static BatchProblem UnclosedQuote(long line, long lastLine) =>
        Bad(
            line,
            string.Create(CultureInfo.InvariantCulture, $"The row on line {line} opens a quoted field that is never closed, so lines {line} to {lastLine}, the rest of the input, were read as that one row: none of them was scored."),
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["$"] = ["A quoted field is never closed: end it with a quote (a quote inside a field is written twice) and send the rows again."] });

    /// <summary>A case that was read but breaks the field rules of the contract.</summary>
    internal static BatchProblem Invalid(long line, IReadOnlyDictionary<string, string[]> errors) =>
        Bad(line, string.Create(CultureInfo.InvariantCulture, $"The case on line {line} is not valid; it was not scored."), errors);

    private static BatchProblem Bad(long line, string detail, IReadOnlyDictionary<string, string[]> errors) => new()
    {
        Type = BatchProblemTypes.BadRequest,
        Title = BatchProblemTypes.ValidationTitle,
        Status = 400,
        Detail = detail,
        Line = line,
        Errors = errors,
    };
}
