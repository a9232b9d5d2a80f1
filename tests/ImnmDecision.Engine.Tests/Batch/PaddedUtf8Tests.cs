using System.Text;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>A padded text writes exactly its bytes wherever it lands, with room to spare or none.</summary>
public sealed class PaddedUtf8Tests
{
    [Theory]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("],\"workup\":[")]
    [InlineData("alternative-diagnosis-likely")]
    [InlineData("0123456789abcdef")]
    [InlineData("comorbidities.interstitialLungDisease")]
    [InlineData("µkat/L and more than forty-eight bytes of text, to need four blocks")]
    public void Write_AnyRoomLeft_WritesTheTextAndMovesOnByItsLength(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var padded = new PaddedUtf8(bytes);
        padded.Length.Should().Be(bytes.Length);

        // From lots of room down to exactly none: the fast path, then the careful one near the end.
        for (var room = bytes.Length + 80; room >= bytes.Length; room--)
        {
            var destination = Enumerable.Repeat((byte)'#', 5 + room).ToArray();
            var position = 5;

            padded.Write(destination, ref position);

            position.Should().Be(5 + bytes.Length);
            destination[5..position].Should().Equal(bytes);
            destination[..5].Should().OnlyContain(b => b == (byte)'#', "nothing before the position is touched");
        }
    }

    [Fact]
    public void Write_TooLittleRoom_Throws()
    {
        var padded = new PaddedUtf8("treatment"u8);
        var destination = new byte[12];
        var position = 4;

        var act = () => padded.Write(destination, ref position);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Write_InSequence_GivesTheTextsJoined()
    {
        var parts = new PaddedUtf8[] { new(",\"subtype\":"u8), new("\"anti-srp\""u8), new(",\"certainty\":"u8), new("\"probable\""u8) };
        var destination = new byte[64];
        var position = 0;

        foreach (var part in parts)
        {
            part.Write(destination, ref position);
        }

        Encoding.UTF8.GetString(destination, 0, position).Should().Be(",\"subtype\":\"anti-srp\",\"certainty\":\"probable\"");
    }
}
