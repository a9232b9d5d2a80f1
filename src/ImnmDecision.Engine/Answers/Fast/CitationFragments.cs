using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// The JSON of each citation entry, written once and then copied: an answer's <c>citations</c> are entries of
/// the ruleset's catalogue, the same for every answer that cites them. Keyed by id and kept only while the entry
/// is equal to the one written (a reloaded ruleset that changes a citation gets it written anew).
/// </summary>
internal sealed class CitationFragments
{
    /// <summary>Entries kept at most (a ruleset has dozens).</summary>
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, (CitationEntry Entry, byte[] Json)> fragments = new(StringComparer.Ordinal);

    public ReadOnlySpan<byte> Of(CitationEntry entry)
    {
        if (fragments.TryGetValue(entry.Id, out var cached) && cached.Entry == entry)
        {
            return cached.Json;
        }

        var output = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, entry);
        }

        var json = output.WrittenSpan.ToArray();
        if (fragments.Count < MaxEntries)
        {
            fragments[entry.Id] = (entry, json);
        }

        return json;
    }

    private static void Write(Utf8JsonWriter writer, CitationEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString(AnswerNames.Id, entry.Id);
        writer.WriteString(AnswerNames.Title, entry.Title);
        writer.WriteString(AnswerNames.Source, entry.Source);
        if (entry.Year is { } year)
        {
            writer.WriteNumber(AnswerNames.Year, year);
        }

        if (entry.Url is { } url)
        {
            writer.WriteString(AnswerNames.Url, url);
        }

        writer.WriteString(AnswerNames.Kind, entry.Kind);
        writer.WriteEndObject();
    }
}
