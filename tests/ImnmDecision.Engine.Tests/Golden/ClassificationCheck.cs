using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>
/// Checks a golden case's <c>expect.classification</c>: the answer's score, probability and category, what unknown
/// items could reach, the subgroup and item statuses. The expected probabilities are also checked against the
/// published formula (1 / (1 + exp(5.33 - score)) without biopsy, 6.49 with), so a case's hand computation and the
/// engine must both agree with it to 1e-4.
/// </summary>
internal static class ClassificationCheck
{
    private const double Tolerance = 1e-4;

    public static void Check(Assessment answer, ClassificationExpectation expect, string because)
    {
        var actual = answer.Classification?.EularAcr2017;
        actual.Should().NotBeNull(because);
        actual!.BiopsyIncluded.Should().Be(expect.BiopsyIncluded, because);
        actual.Score.Should().BeApproximately(expect.Score, 1e-9, because);
        Published(expect.Score, expect.BiopsyIncluded).Should().BeApproximately(expect.Probability, Tolerance, $"the case's probability must follow the formula; {because}");
        actual.Probability.Should().BeApproximately(expect.Probability, Tolerance, because);
        JsonNames.Name(actual.Category).Should().Be(expect.Category, because);
        if (expect.MaxScore is { } maxScore)
        {
            actual.MaxScore.Should().BeApproximately(maxScore, 1e-9, because);
        }

        if (expect.MaxProbability is { } maxProbability)
        {
            Published(expect.MaxScore ?? actual.MaxScore, expect.BiopsyIncluded).Should().BeApproximately(maxProbability, Tolerance, $"the case's maxProbability must follow the formula; {because}");
            actual.MaxProbability.Should().BeApproximately(maxProbability, Tolerance, because);
        }

        if (expect.MaxCategory is not null)
        {
            JsonNames.Name(actual.MaxCategory).Should().Be(expect.MaxCategory, because);
        }

        if (expect.Subgroup is not null)
        {
            JsonNames.Name(actual.Subgroup.Code).Should().Be(expect.Subgroup, because);
        }

        var items = actual.Items.ToDictionary(i => i.Id, i => JsonNames.Name(i.Status), StringComparer.Ordinal);
        foreach (var (id, status) in expect.Items ?? new Dictionary<string, string>())
        {
            items.Should().ContainKey(id, because);
            items[id].Should().Be(status, $"item {id}; {because}");
        }

        foreach (var id in expect.ItemsAbsent ?? [])
        {
            items.Should().NotContainKey(id, because);
        }

        if (expect.Comparison is { } comparison)
        {
            (actual.Comparison is not null).Should().Be(comparison, because);
        }
    }

    private static double Published(double score, bool withBiopsy) => 1 / (1 + Math.Exp((withBiopsy ? 6.49 : 5.33) - score));
}
