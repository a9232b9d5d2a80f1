using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Tests.Facts;

public sealed class CkArithmeticTests
{
    private static readonly CkArithmetic Ck = new(200, 300, [50, 1, 10, 10]);

    [Fact]
    public void Thresholds_AreEachOnceAscending()
    {
        Ck.Thresholds.Should().Equal(1, 10, 50);
    }

    [Theory]
    [InlineData("49.999999999999999999999999")]
    [InlineData("9.9999999999999999999999")]
    [InlineData("0.99999999999999999999999")]
    public void Comparable_JustBelowAThreshold_StaysBelowIt(string text)
    {
        var ratio = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var threshold = Math.Round((double)ratio);

        var stored = Ck.Comparable(ratio);

        ((double)ratio).Should().Be(threshold, "the nearest double is the threshold itself");
        stored.Should().BeLessThan(threshold);
        stored.Should().BeApproximately(threshold, 1e-12);
    }

    [Theory]
    [InlineData("50.000000000000000000000001")]
    [InlineData("1.0000000000000000000000001")]
    public void Comparable_JustAboveAThreshold_StaysAboveIt(string text)
    {
        var ratio = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Ck.Comparable(ratio).Should().BeGreaterThan(Math.Round((double)ratio));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(10)]
    [InlineData(1)]
    [InlineData(27.5)]
    public void Comparable_ExactValues_AreStoredAsThemselves(double value)
    {
        Ck.Comparable((decimal)value).Should().Be(value);
    }

    [Fact]
    public void Read_ValuesBeyondAnyLabRange_FallBackToBinaryArithmetic()
    {
        var reading = Ck.Read(1e30, 1e-30, microkatal: false, female: null);

        reading.TimesUpperLimit.Should().Be(1e60);
        reading.Elevated.Should().Be(1);
    }

    [Fact]
    public void Read_NoValue_KeepsTheUlnOfTheSexAndLeavesTheRestUnknown()
    {
        var reading = Ck.Read(null, null, microkatal: false, female: true);

        reading.UpperLimitUnitsPerLitre.Should().Be(200);
        double.IsNaN(reading.TimesUpperLimit).Should().BeTrue();
        double.IsNaN(reading.Elevated).Should().BeTrue();
    }

    [Fact]
    public void Read_WholeNumbersInUnitsPerLitre_DecideAndShowAsTheDecimalRatioDoes()
    {
        // The whole-number path (a double quotient, thresholds compared in whole numbers) against the decimal
        // ratio: the same side of every threshold, the same figure at two decimals, a few steps apart at most (the
        // decimal's conversion to double is not always the nearest double; the quotient of two whole numbers is).
        var ck = new CkArithmetic(200, 300, [50, 1, 10, 1.5, 2.25, 0.001]);
        var random = new Random(20261202);
        var pairs = Enumerable.Range(0, 200_000).Select(_ => (Ck: (double)random.Next(0, 200_000), Uln: (double)random.Next(1, 5_000)))
            .Concat(from uln in Enumerable.Range(1, 400)
                    from threshold in new[] { 50, 1, 10, 1.5, 2.25, 0.001 }
                    from step in new[] { -1, 0, 1 }
                    select (Ck: Math.Max(0, Math.Round(uln * threshold) + step), Uln: (double)uln));
        foreach (var (value, uln) in pairs)
        {
            var reading = ck.Read(value, uln, microkatal: false, female: null);
            var ratio = (decimal)value / (decimal)uln;
            var expected = ck.Comparable(ratio);

            foreach (var threshold in ck.Thresholds)
            {
                reading.TimesUpperLimit.CompareTo(threshold).Should().Be(ratio.CompareTo((decimal)threshold), $"{value} / {uln} against {threshold}");
            }

            Math.Round(reading.TimesUpperLimit, 2).Should().Be(Math.Round(expected, 2), $"{value} / {uln}");
            Math.Abs(reading.TimesUpperLimit - expected).Should().BeLessThanOrEqualTo(4 * (Math.BitIncrement(expected) - expected), $"{value} / {uln}");
            if (!ck.Thresholds.Any(t => Math.Abs(t - (value / uln)) <= 2 * (Math.BitIncrement(t) - t)))
            {
                reading.TimesUpperLimit.Should().Be(value / uln, "away from the thresholds the stored ratio is the nearest double to the exact one");
            }
            reading.Elevated.Should().Be(ratio > 1 ? 1 : 0);
            reading.UnitsPerLitre.Should().Be(value);
            reading.UpperLimitUnitsPerLitre.Should().Be(uln);
        }
    }

    [Theory]
    [InlineData(15000, 50)] // 50x against 300, 75x against 200: extreme (>= 50) either way
    [InlineData(2000, 6.67)] // 6.7x against 300, exactly 10x against 200: row 7 (<= 10) either way
    [InlineData(1800, 6)]
    public void Read_BothDefaults_MultipleIsKnownWhenEveryComparisonHoldsAlikeAtBothEnds(double value, double shown)
    {
        var ck = new CkArithmetic(200, 300, [], [(LeafOperator.Gte, 50), (LeafOperator.Lte, 10)]);

        var reading = ck.Read(value, null, microkatal: false, female: null);

        reading.TimesUpperLimit.Should().BeApproximately(shown, 0.01);
        (reading.TimesUpperLimit >= 50).Should().Be(value / 200 >= 50 && value / 300 >= 50);
        (reading.TimesUpperLimit <= 10).Should().Be(value / 200 <= 10 && value / 300 <= 10);
    }

    [Theory]
    [InlineData(3000)] // 10x against 300 but 15x against 200: row 7 differs
    [InlineData(10000)] // 33x against 300 but exactly 50x against 200: extreme CK differs
    [InlineData(12000)]
    public void Read_BothDefaults_MultipleIsUnknownWhenAComparisonDiffersBetweenTheEnds(double value)
    {
        var ck = new CkArithmetic(200, 300, [], [(LeafOperator.Gte, 50), (LeafOperator.Lte, 10)]);

        double.IsNaN(ck.Read(value, null, microkatal: false, female: null).TimesUpperLimit).Should().BeTrue();
    }

    [Theory]
    [InlineData(LeafOperator.Gt, 15000, false)] // 50 > 50 is false, 75 > 50 true
    [InlineData(LeafOperator.Lt, 15000, true)] // 50 < 50 and 75 < 50 both false
    [InlineData(LeafOperator.Eq, 15000, false)]
    [InlineData(LeafOperator.Gte, 10000, false)] // 33 >= 50 false, 50 >= 50 true
    [InlineData(LeafOperator.Gt, 10000, true)] // 33 > 50 and 50 > 50 both false
    public void Read_BothDefaults_AThresholdAtAnEndCountsOnlyWhereItsOperatorDecidesDifferently(LeafOperator op, double value, bool known)
    {
        var ck = new CkArithmetic(200, 300, [], [(op, 50)]);

        double.IsNaN(ck.Read(value, null, microkatal: false, female: null).TimesUpperLimit).Should().Be(!known);
    }

    [Fact]
    public void Read_BothDefaultsWithoutOperators_AThresholdAtEitherEndLeavesTheMultipleUnknown()
    {
        var ck = new CkArithmetic(200, 300, [50, 10]);

        double.IsNaN(ck.Read(15000, null, microkatal: false, female: null).TimesUpperLimit).Should().BeTrue();
        double.IsNaN(ck.Read(2000, null, microkatal: false, female: null).TimesUpperLimit).Should().BeTrue();
    }

    [Fact]
    public void Thresholds_IncludeTheValuesOfTheComparisons()
    {
        new CkArithmetic(200, 300, [1], [(LeafOperator.Gte, 50), (LeafOperator.Lte, 10)]).Thresholds.Should().Equal(1, 10, 50);
    }
}
