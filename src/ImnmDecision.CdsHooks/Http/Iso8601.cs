using System.Globalization;
using System.Text.RegularExpressions;

namespace ImnmDecision.CdsHooks.Http;

/// <summary>
/// Dates and date-times as ISO 8601 (RFC 3339) spells them: <c>2026-01-01</c>, <c>2026-01-01T10:00</c>,
/// <c>2026-01-01T10:00:00.123Z</c>, <c>2026-01-01T10:00:00+01:00</c>; without an offset, UTC. Nothing that a
/// culture would have to guess at is read (<c>1/2</c>, <c>1,2</c>, <c>Jan 1, 2026</c>, a leading space, other
/// digits than 0 to 9), and nothing outside the calendar (<c>2026-02-30</c>, an offset past 14 hours).
/// </summary>
public static partial class Iso8601
{
    /// <summary>The instant the text names, or false when it is not an ISO 8601 date or date-time the calendar holds.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || Shape().Match(text) is not { Success: true } match)
        {
            return false;
        }

        // A leap second (23:59:60 UTC, RFC 3339 section 5.7; FHIR's instant allows it) is the next minute's start.
        var leap = match.Groups["second"] is { Success: true, Value: "60" } second && match.Groups["minute"].Value == "59";
        var readable = leap ? string.Concat(text.AsSpan(0, match.Groups["second"].Index), "59", text.AsSpan(match.Groups["second"].Index + 2)) : text;
        if (!DateTimeOffset.TryParse(readable, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return false;
        }

        if (leap)
        {
            value = value.AddTicks(TimeSpan.TicksPerSecond - (value.Ticks % TimeSpan.TicksPerSecond));
        }

        return true;
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:(?<minute>[0-9]{2})(?::(?<second>[0-9]{2})(?:\.[0-9]{1,7})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
