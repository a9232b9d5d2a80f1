using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Answers.Fast;

namespace ImnmDecision.Engine.Tests.Answers;

/// <summary>
/// The fragment writer's table of ruleset texts: a text written twice is written from its encoded copy, with the
/// same bytes; a text written once (a per-case text: a dose, a summary, a caseId) is never kept alive by it.
/// </summary>
public sealed class RulesetTextsTests
{
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("text");

    [Fact]
    public void A_text_written_once_is_not_kept_alive()
    {
        var texts = new RulesetTexts();

        var written = WriteNewTexts(texts, 2_000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        written.Count(w => w.IsAlive).Should().Be(0, "per-case texts must be garbage once their answer is written");
    }

    [Theory]
    [InlineData("A ruleset text that comes back in every answer, with \"quotes\" and <markup> & é.")]
    [InlineData("Plain reason text long enough to be remembered by the table")]
    public void A_text_written_again_gives_the_same_bytes(string text)
    {
        var texts = new RulesetTexts();

        var first = Write(texts, text);
        var second = Write(texts, text);
        var third = Write(texts, text);

        second.Should().Be(first);
        third.Should().Be(first, "the encoded copy writes what writing the text itself writes");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> WriteNewTexts(RulesetTexts texts, int count)
    {
        var references = new List<WeakReference>(count);
        for (var i = 0; i < count; i++)
        {
            var text = $"A per-case text, made for one answer only: number {i} of {count}.";
            _ = Write(texts, text);
            references.Add(new WeakReference(text));
        }

        return references;
    }

    private static string Write(RulesetTexts texts, string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            texts.Write(writer, Name, text);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
