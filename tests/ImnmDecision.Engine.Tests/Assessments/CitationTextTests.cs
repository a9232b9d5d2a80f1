using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Assessments;

/// <summary>Every citation of the real ruleset reads cleanly, as every door shows it.</summary>
public sealed class CitationTextTests
{
    public static TheoryData<string> CitationIds() => [.. RealRuleset.Ruleset.Citations.Select(c => c.Id)];

    private static CitationEntry Entry(string id)
    {
        var citation = RealRuleset.Ruleset.FindCitation(id)!;
        return new CitationEntry
        {
            Id = citation.Id,
            Title = citation.Title,
            Source = CitationText.Source(citation.Authors, citation.Container),
            Year = citation.Year,
            Url = citation.Url,
            Kind = citation.Kind,
        };
    }

    [Theory]
    [MemberData(nameof(CitationIds))]
    public void Reference_EveryCitation_HasNoDoubledPunctuationNamesOrInternalNotes(string id)
    {
        var citation = RealRuleset.Ruleset.FindCitation(id)!;
        var reference = CitationText.Reference(Entry(id));

        reference.Should().NotContain("..").And.NotContain(". .").And.NotContain(",.").And.NotContain("  ");
        reference.Should().NotContainEquivalentOf("not recorded").And.NotContainEquivalentOf("not checked");
        reference.Should().StartWith(citation.Authors is { Length: > 0 } authors && !citation.Container.Contains(authors, StringComparison.OrdinalIgnoreCase) ? authors : citation.Container);
        foreach (var name in new[] { citation.Authors, citation.Container }.OfType<string>().Where(n => n.Length > 0))
        {
            var source = CitationText.SourceWithYear(Entry(id));
            Occurrences(source, name).Should().BeLessThanOrEqualTo(1, $"'{name}' is said once in '{source}'");
        }

        reference.Should().Contain(CitationText.Title(Entry(id))).And.EndWith(citation.Url is null ? "." : citation.Url);
        if (citation.Year is { } year)
        {
            Occurrences(reference.Replace(citation.Url ?? "\u0000", "", StringComparison.Ordinal), year.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Should().BeGreaterThanOrEqualTo(1);
        }
    }

    [Theory]
    [InlineData("Watanabe Y et al.", "Journal of Neurology 2016;87(10):1038-1044", "Watanabe Y et al. Journal of Neurology 2016;87(10):1038-1044")]
    [InlineData("Dalil Medical", "Dalil Medical", "Dalil Medical")]
    [InlineData("Mayo Clinic Laboratories", "Mayo Clinic Laboratories test catalogue", "Mayo Clinic Laboratories test catalogue")]
    [InlineData("Allenbach Y, Mammen AL", "Neuromuscular Disorders 2018", "Allenbach Y, Mammen AL. Neuromuscular Disorders 2018")]
    [InlineData(null, "BMC Musculoskeletal Disorders 2022", "BMC Musculoskeletal Disorders 2022")]
    public void Source_JoinsAuthorsAndContainerOnce(string? authors, string container, string expected) =>
        CitationText.Source(authors, container).Should().Be(expected);

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }
}
