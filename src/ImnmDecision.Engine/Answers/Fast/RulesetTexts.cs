using System.Collections.Concurrent;
using System.Text.Json;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// Texts that come from the ruleset (labels, rationales, reasons, rule and citation ids, fact names), encoded for
/// JSON once. An answer holds the ruleset's own string instances for them, while the texts built for one case (the
/// summary, dose texts, a caseId) are new instances every time; so a string instance seen in two answers is a
/// ruleset text, and only those are kept, by reference (no hashing of their characters). The texts seen once are
/// forgotten in bulk when too many have gathered, so a stream of per-case texts never grows the tables.
/// </summary>
internal sealed class RulesetTexts
{
    /// <summary>Encoded texts kept at most (a ruleset has a few thousand).</summary>
    private const int MaxEncoded = 16_384;

    /// <summary>Texts seen once, kept at most before they are forgotten.</summary>
    private const int MaxSeen = 4096;

    /// <summary>Shorter texts (ids, codes) are written as they come: encoding them costs no more than looking them up.</summary>
    private const int MinLength = 24;

    private readonly ConcurrentDictionary<string, JsonEncodedText> encoded = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, byte> seen = new(ReferenceEqualityComparer.Instance);
    private int encodedCount;
    private int seenCount;

    /// <summary>Writes a text property, from the encoded copy where the text is a ruleset text.</summary>
    public void Write(Utf8JsonWriter writer, JsonEncodedText name, string text)
    {
        if (text.Length < MinLength)
        {
            writer.WriteString(name, text);
            return;
        }

        if (encoded.TryGetValue(text, out var json))
        {
            writer.WriteString(name, json);
            return;
        }

        Remember(text);
        writer.WriteString(name, text);
    }

    /// <summary>Writes a text value (in an array), from the encoded copy where the text is a ruleset text.</summary>
    public void Write(Utf8JsonWriter writer, string text)
    {
        if (text.Length < MinLength)
        {
            writer.WriteStringValue(text);
            return;
        }

        if (encoded.TryGetValue(text, out var json))
        {
            writer.WriteStringValue(json);
            return;
        }

        Remember(text);
        writer.WriteStringValue(text);
    }

    private void Remember(string text)
    {
        if (seen.TryRemove(text, out _))
        {
            if (Volatile.Read(ref encodedCount) < MaxEncoded && encoded.TryAdd(text, JsonEncodedText.Encode(text)))
            {
                Interlocked.Increment(ref encodedCount);
            }

            return;
        }

        if (Interlocked.Increment(ref seenCount) > MaxSeen)
        {
            seen.Clear();
            Volatile.Write(ref seenCount, 0);
        }

        seen.TryAdd(text, 0);
    }
}
