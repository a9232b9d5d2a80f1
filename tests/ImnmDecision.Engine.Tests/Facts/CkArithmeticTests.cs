using ImnmDecision.Engine.Facts;

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
}
