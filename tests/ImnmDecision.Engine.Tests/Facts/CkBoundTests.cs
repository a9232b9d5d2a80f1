using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Tests.Facts;

/// <summary>
/// CK reported as a bound (ck.comparator): what the bound settles is known, what it leaves open is unknown, and a
/// bound is never read as the value itself (thresholds 1x, 10x and 50x; defaults 200 U/L for women, 300 U/L otherwise).
/// </summary>
public sealed class CkBoundTests
{
    private static readonly CkArithmetic Ck = new(200, 300, [50, 1, 10]);

    [Theory]
    [InlineData(1400, CkComparator.GreaterThan)] // over 7x: under or over 10x
    [InlineData(1400, CkComparator.AtLeast)]
    [InlineData(3000, CkComparator.LessThan)] // under 15x: under or over 10x
    public void Read_ABoundThatLeavesAThresholdOpen_HasNoMultiple(double value, CkComparator comparator)
    {
        var reading = Ck.Read(value, 200, microkatal: false, female: null, comparator);

        reading.TimesUpperLimit.Should().Be(double.NaN);
    }

    [Fact]
    public void Read_ALowerBoundOverEveryThreshold_IsSettledAndRaised()
    {
        var reading = Ck.Read(15000, 200, microkatal: false, female: null, CkComparator.GreaterThan);

        reading.TimesUpperLimit.Should().Be(75);
        reading.Elevated.Should().Be(1);
        reading.UnitsPerLitre.Should().Be(15000);
    }

    [Fact]
    public void Read_AnUpperBoundUnderEveryThresholdButOne_IsNotRaisedAndSettled()
    {
        var reading = Ck.Read(150, 200, microkatal: false, female: null, CkComparator.LessThan);

        reading.Elevated.Should().Be(0);
        reading.TimesUpperLimit.Should().BeLessThan(1);
    }

    [Theory]
    [InlineData(CkComparator.GreaterThan, 10.000000000000002)] // above 10x exactly: over 10
    [InlineData(CkComparator.AtLeast, double.NaN)] // 10x or more: 10 itself may be the value
    [InlineData(CkComparator.LessThan, 9.999999999999998)] // below 10x: under 10
    [InlineData(CkComparator.AtMost, double.NaN)]
    public void Read_ABoundOnAThreshold_SettlesItOnlyWhenTheBoundIsExcluded(CkComparator comparator, double expected)
    {
        var onlyTenTimes = new CkArithmetic(200, 300, [10]);

        var reading = onlyTenTimes.Read(2000, 200, microkatal: false, female: null, comparator);

        reading.TimesUpperLimit.Should().Be(expected);
    }

    [Theory]
    [InlineData(200, CkComparator.GreaterThan, 1.0)] // above the limit: raised
    [InlineData(200, CkComparator.AtLeast, double.NaN)] // the limit itself is not raised
    [InlineData(250, CkComparator.GreaterThan, double.NaN)] // without sex or lab limit, 300 may apply
    [InlineData(300, CkComparator.GreaterThan, 1.0)]
    [InlineData(200, CkComparator.AtMost, 0.0)]
    [InlineData(250, CkComparator.LessThan, double.NaN)] // 200 may apply
    public void Read_RaisedFromABound_HoldsAgainstEveryLimitThatMayApply(double value, CkComparator comparator, double expected)
    {
        var labUln = value == 200 ? 200 : (double?)null;

        Ck.Read(value, labUln, microkatal: false, female: null, comparator).Elevated.Should().Be(expected);
    }

    [Fact]
    public void Read_ABoundInMicrokatal_IsComparedInUnitsPerLitre()
    {
        // >250 ukat/L is >15,000 U/L: over 50x a lab limit of 5 ukat/L (300 U/L).
        var reading = Ck.Read(250, 5, microkatal: true, female: null, CkComparator.GreaterThan);

        reading.TimesUpperLimit.Should().Be(50.000000000000007);
        reading.Elevated.Should().Be(1);
    }
}
