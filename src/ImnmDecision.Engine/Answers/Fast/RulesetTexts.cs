using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// Texts that come from the ruleset (labels, rationales, reasons, rule and citation ids, fact names), encoded for
/// JSON once. An answer holds the ruleset's own string instances for them, while the texts built for one case (the
/// summary, dose texts, a caseId) are new instances every time; so a string instance seen in two answers is a
/// ruleset text, and only those are kept, by reference (no hashing of their characters). A text seen once is
/// remembered only by its identity hash code in a fixed table, never by reference: per-case texts stay garbage as
/// soon as their answer is written (kept alive, they would outlive young collections and make every collection
/// slower). Two instances sharing both an identity hash code and the hash code of their characters would make a
/// per-case text look like a ruleset text: it is then kept, encoded correctly, among at most <see cref="MaxEncoded"/> texts.
/// </summary>
internal sealed class RulesetTexts
{
    /// <summary>Encoded texts kept at most (a ruleset has a few thousand).</summary>
    private const int MaxEncoded = 16_384;

    /// <summary>Slots of the table of texts seen once (a power of two).</summary>
    private const int SeenSlots = 4096;

    /// <summary>Shorter texts (ids, codes) are written as they come: encoding them costs no more than looking them up.</summary>
    private const int MinLength = 24;

    private readonly ConcurrentDictionary<string, JsonEncodedText> encoded = new(ReferenceEqualityComparer.Instance);
    private readonly long[] seen = new long[SeenSlots];
    private int encodedCount;

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
        // The identity hash code tells instances apart, the characters' hash code the rare two instances that share
        // one (identity hash codes come from a per-thread sequence whose top bits repeat more often than chance).
        var identity = RuntimeHelpers.GetHashCode(text);
        var hash = ((long)identity << 32) | (uint)string.GetHashCode(text, StringComparison.Ordinal);
        ref var slot = ref seen[identity & (SeenSlots - 1)];
        if (hash != 0 && Volatile.Read(ref slot) == hash)
        {
            if (Volatile.Read(ref encodedCount) < MaxEncoded && encoded.TryAdd(text, JsonEncodedText.Encode(text)))
            {
                Interlocked.Increment(ref encodedCount);
            }

            return;
        }

        Volatile.Write(ref slot, hash);
    }
}
