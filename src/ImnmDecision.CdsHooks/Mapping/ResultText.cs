using System.Globalization;
using System.Text.RegularExpressions;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Reads a number written as text, as labs send it in <c>valueString</c> or <c>referenceRange.text</c>:
/// <c>&lt;20 CU</c>, <c>&gt; 80 U/mL</c>, <c>3.5</c>, and a range's upper limit from <c>&lt;20</c>,
/// <c>&lt;=19 CU</c> or <c>0-19 CU</c>. Only a text that is one such expression and nothing else is read.
/// </summary>
internal static partial class ResultText
{
    /// <summary>A comparator, a number and a unit from a text like <c>&lt;20 CU</c>; <c>null</c> when the text is anything else.</summary>
    public static (string? Comparator, double Value, string? Unit)? Quantity(string? text)
    {
        var match = text is null ? null : QuantityPattern().Match(text);
        if (match is not { Success: true } || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var comparator = match.Groups["cmp"].Value.Replace(" ", "", StringComparison.Ordinal).Replace("≤", "<=", StringComparison.Ordinal).Replace("≥", ">=", StringComparison.Ordinal);
        var unit = match.Groups["unit"].Value.Trim();
        return (comparator.Length == 0 ? null : comparator, value, unit.Length == 0 ? null : unit);
    }

    /// <summary>The upper limit of a normal range written as text (<c>&lt;20</c>, <c>&lt;=19</c>, <c>0-19</c>), with its unit and whether it is included.</summary>
    public static (double High, string? Unit, bool Inclusive)? UpperLimit(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (Quantity(text) is { Comparator: "<" or "<=" } below)
        {
            return (below.Value, below.Unit, below.Comparator == "<=");
        }

        var range = RangePattern().Match(text);
        return range.Success && double.TryParse(range.Groups["high"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
            ? (high, range.Groups["unit"].Value.Trim() is { Length: > 0 } unit ? unit : null, true)
            : null;
    }

    [GeneratedRegex(@"^\s*(?<cmp><\s*=?|>\s*=?|≤|≥)?\s*(?<value>\d{1,9}(?:\.\d{1,6})?)\s*(?<unit>[A-Za-z%/\[\]µμ.]{0,20})\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"^\s*\d{1,9}(?:\.\d{1,6})?\s*[-–]\s*(?<high>\d{1,9}(?:\.\d{1,6})?)\s*(?<unit>[A-Za-z%/\[\]µμ.]{0,20})\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex RangePattern();
}
