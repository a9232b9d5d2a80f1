using System.Globalization;
using System.Text;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>The direct decimal writer gives exactly the general formatter's shortest round-trip text.</summary>
public sealed class DecimalTextTests
{
    [Theory]
    [InlineData(0.0, 4, "0")]
    [InlineData(1.0, 4, "1")]
    [InlineData(0.5, 4, "0.5")]
    [InlineData(0.0061, 4, "0.0061")]
    [InlineData(0.9999, 4, "0.9999")]
    [InlineData(12.25, 2, "12.25")]
    [InlineData(-3.5, 2, "-3.5")]
    [InlineData(-0.0, 4, "-0")]
    public void Write_KnownValues_GivesTheShortestText(double value, int decimals, string expected)
    {
        Written(value, decimals).Should().Be(expected);
    }

    [Fact]
    public void Write_ManyRoundedValues_MatchesTheGeneralFormatterByteForByte()
    {
        var random = new Random(20261202);
        for (var i = 0; i < 200_000; i++)
        {
            var decimals = i % 2 == 0 ? 4 : 2;
            var raw = (i % 5) switch
            {
                0 => random.NextDouble(),
                1 => 1 / (1 + Math.Exp(5.33 - (random.NextDouble() * 40))),
                2 => random.Next(0, 400) / 10.0,
                3 => (random.NextDouble() - 0.5) * 1e6,
                _ => random.NextDouble() * Math.Pow(10, random.Next(-8, 14)),
            };
            var value = ClassificationBuilder.Rounded(raw, decimals);

            Written(value, decimals).Should().Be(value.ToString(CultureInfo.InvariantCulture), $"value {raw:R} rounded to {decimals}");
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e15)]
    [InlineData(0.123456789)]
    public void Write_ValuesItCannotProve_FallBackToTheGeneralFormatter(double value)
    {
        Written(value, 4).Should().Be(value.ToString(CultureInfo.InvariantCulture));
    }

    private static string Written(double value, int decimals)
    {
        var buffer = new byte[64];
        var p = 0;
        DecimalText.Write(buffer, ref p, value, decimals);
        return Encoding.UTF8.GetString(buffer, 0, p);
    }
}
