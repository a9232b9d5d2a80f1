using System.Text;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>Splitting a plain line finds every comma, whatever the line's length and wherever the commas fall.</summary>
public sealed class CsvSplitTests
{
    [Fact]
    public void SplitPlain_AnyLengthAndCommas_GivesTheFieldsOfANaiveSplit()
    {
        var random = new Random(29);
        for (var length = 0; length <= 140; length++)
        {
            for (var round = 0; round < 40; round++)
            {
                var bytes = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    bytes[i] = random.Next(4) == 0 ? (byte)',' : (byte)('a' + random.Next(26));
                }

                if (length > 0 && random.Next(5) == 0)
                {
                    bytes[^1] = (byte)'\r';
                }

                var text = Encoding.ASCII.GetString(bytes);
                var expected = text.TrimEnd('\r').Split(',');
                var sink = new Collect(bytes);

                var count = CsvTokenizer.SplitPlain(bytes, ref sink);

                count.Should().Be(expected.Length, text);
                sink.Fields.Should().Equal(expected, text);
            }
        }
    }

    private struct Collect(byte[] line) : CsvTokenizer.IFieldSink
    {
        public List<string> Fields { get; } = [];

        public readonly void Field(int index, int start, int length)
        {
            index.Should().Be(Fields.Count);
            Fields.Add(Encoding.ASCII.GetString(line, start, length));
        }
    }
}
