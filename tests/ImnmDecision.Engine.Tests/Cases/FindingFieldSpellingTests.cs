using System.Text;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Tests.Cases;

/// <summary>
/// Reading a choice from UTF-8 bytes (the CSV reader's way) finds the same ordinal as reading it from a string, for
/// every accepted spelling of every field and for near misses of each: one byte changed, one dropped or added, a
/// prefix, the wrong case.
/// </summary>
public sealed class FindingFieldSpellingTests
{
    public static TheoryData<string> ChoiceFields =>
        [.. FindingsSchema.Fields.Where(f => f.Kind is FindingKind.Choice or FindingKind.ChoiceSet).Select(f => f.Path)];

    [Theory]
    [MemberData(nameof(ChoiceFields))]
    public void Utf8Reading_AgreesWithStringReading(string path)
    {
        var field = FindingsSchema.Field(path);
        field.AcceptedSpellings.Should().NotBeEmpty();
        var spellings = field.AcceptedSpellings.ToArray();
        foreach (var spelling in spellings)
        {
            field.OrdinalOf(Encoding.UTF8.GetBytes(spelling)).Should().Be(field.OrdinalOf(spelling)).And.BeGreaterThanOrEqualTo(0, spelling);
            foreach (var miss in NearMisses(spelling).Where(m => !spellings.Contains(m, StringComparer.Ordinal)))
            {
                field.OrdinalOf(Encoding.UTF8.GetBytes(miss)).Should().Be(-1, "'{0}' is no spelling of {1}", miss, path);
                field.OrdinalOf(miss).Should().Be(-1);
            }
        }

        field.OrdinalOf(ReadOnlySpan<byte>.Empty).Should().Be(-1);
    }

    [Fact]
    public void EveryLength_IsReadExactly()
    {
        // Texts of 1 to 20 bytes, the lengths the reader handles in different ways (under 4, 4 to 7, 8 and more).
        var choices = Enumerable.Range(1, 20).Select(n => new string((char)('a' + (n % 26)), n - 1) + "z").ToArray();
        var field = FindingField.Choice("test.choice", "A test field.", choices);
        for (var i = 0; i < choices.Length; i++)
        {
            field.OrdinalOf(Encoding.UTF8.GetBytes(choices[i])).Should().Be(i);
            field.OrdinalOf(Encoding.UTF8.GetBytes(choices[i] + "\0")).Should().Be(-1);
            field.OrdinalOf(Encoding.UTF8.GetBytes("\0" + choices[i])).Should().Be(-1);
            field.OrdinalOf(Encoding.UTF8.GetBytes(choices[i][..^1] + "y")).Should().Be(-1);
        }
    }

    private static IEnumerable<string> NearMisses(string spelling)
    {
        yield return spelling.ToUpperInvariant();
        yield return spelling + "x";
        yield return "x" + spelling;
        yield return spelling[..^1];
        yield return spelling.Length > 4 ? spelling[..4] : spelling + spelling;
        for (var i = 0; i < spelling.Length; i++)
        {
            yield return spelling[..i] + (char)(spelling[i] ^ 1) + spelling[(i + 1)..];
        }
    }
}
