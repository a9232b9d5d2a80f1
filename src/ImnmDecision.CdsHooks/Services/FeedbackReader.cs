using System.Text.Json;
using ImnmDecision.CdsHooks.Http;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Reads <c>{"feedback":[...]}</c> as CDS Hooks 2.0 defines it, and also the older shape in which
/// <c>overrideReason</c> is a bare Coding. The free-text <c>userComment</c> is noted as present, never read.
/// </summary>
internal static class FeedbackReader
{
    private const int MaxItems = 100;
    private const int MaxIdLength = 128;

    public static (IReadOnlyList<FeedbackEntry>? Entries, string? Problem) Read(JsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("feedback", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return (null, "The body must be an object with a feedback array.");
        }

        var entries = new List<FeedbackEntry>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (index >= MaxItems)
            {
                return (null, $"At most {MaxItems} feedback items per request.");
            }

            var (entry, problem) = ReadItem(item);
            if (entry is null)
            {
                return (null, $"feedback[{index}]: {problem}");
            }

            entries.Add(entry);
            index++;
        }

        return entries.Count == 0 ? (null, "The feedback array is empty.") : (entries, null);
    }

    private static (FeedbackEntry? Entry, string? Problem) ReadItem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, "each item must be an object.");
        }

        if (String(item, "card") is not { Length: > 0 and <= MaxIdLength } card)
        {
            return (null, "card (the card's uuid) is required.");
        }

        var outcome = String(item, "outcome");
        if (outcome is not ("accepted" or "overridden"))
        {
            return (null, "outcome must be accepted or overridden.");
        }

        if (!Iso8601.TryParse(String(item, "outcomeTimestamp"), out var timestamp))
        {
            return (null, "outcomeTimestamp must be an ISO 8601 timestamp.");
        }

        var accepted = new List<string>();
        if (item.TryGetProperty("acceptedSuggestions", out var suggestions))
        {
            if (suggestions.ValueKind != JsonValueKind.Array)
            {
                return (null, "acceptedSuggestions must be an array.");
            }

            foreach (var suggestion in suggestions.EnumerateArray())
            {
                if (suggestion.ValueKind != JsonValueKind.Object || String(suggestion, "id") is not { Length: > 0 and <= MaxIdLength } id)
                {
                    return (null, "each accepted suggestion needs an id.");
                }

                accepted.Add(id);
            }
        }

        if (outcome == "accepted" && accepted.Count == 0)
        {
            return (null, "acceptedSuggestions is required when outcome is accepted (CDS Hooks 2.0).");
        }

        string? system = null;
        string? code = null;
        var hasComment = false;
        if (item.TryGetProperty("overrideReason", out var reason) && reason.ValueKind != JsonValueKind.Null)
        {
            if (reason.ValueKind != JsonValueKind.Object)
            {
                return (null, "overrideReason must be an object.");
            }

            // CDS Hooks 2.0: { reason: Coding, userComment }. Earlier drafts sent the Coding itself.
            var nested = reason.TryGetProperty("reason", out var inner) && inner.ValueKind != JsonValueKind.Null;
            if (nested && inner.ValueKind != JsonValueKind.Object)
            {
                return (null, "overrideReason.reason must be a Coding (an object).");
            }

            var coding = nested ? inner : reason;
            var path = nested ? "overrideReason.reason" : "overrideReason";
            if ((WrongType(coding, "system", path) ?? WrongType(coding, "code", path) ?? WrongType(reason, "userComment", "overrideReason")) is { } wrong)
            {
                return (null, wrong);
            }

            system = String(coding, "system");
            code = String(coding, "code");
            hasComment = String(reason, "userComment") is { Length: > 0 };
        }

        return (new FeedbackEntry(card, outcome, timestamp, accepted, system, code, hasComment), null);
    }

    /// <summary>A problem when member <paramref name="name"/> is present but neither a string nor null.</summary>
    private static string? WrongType(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)
            ? $"{path}.{name} must be a string."
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
