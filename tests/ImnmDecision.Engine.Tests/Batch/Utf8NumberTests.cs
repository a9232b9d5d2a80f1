using System.Globalization;
using System.Text;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>The direct reading of plain decimals gives the very double the general parser gives, and refuses what it refuses.</summary>
public sealed class Utf8NumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("00")]
    [InlineData("0.0")]
    [InlineData("7")]
    [InlineData("47.6")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData("123456789012345")]
    [InlineData("12345678.9012345")]
    [InlineData("0.00000000000001")]
    [InlineData("1234567890123456")]
    [InlineData("9007199254740993")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1e3")]
    [InlineData("1E-3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("abc")]
    public void TryParse_Text_AgreesWithDoubleTryParse(string text) => AssertAgrees(text);

    [Fact]
    public void TryParse_RandomDecimals_AgreeWithDoubleTryParseBitForBit()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 18);
            var builder = new StringBuilder();
            for (var d = 0; d < digits; d++)
            {
                builder.Append((char)('0' + random.Next(10)));
            }

            if (random.Next(3) > 0)
            {
                builder.Insert(random.Next(1, builder.Length + 1), '.');
            }

            AssertAgrees(builder.ToString());
        }
    }

    private static void AssertAgrees(string text)
    {
        var expected = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);

        var parsed = Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out var actual);

        parsed.Should().Be(expected, text);
        if (expected)
        {
            BitConverter.DoubleToInt64Bits(actual).Should().Be(BitConverter.DoubleToInt64Bits(value), text);
        }
    }
}
