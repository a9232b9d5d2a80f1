using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>A record that cannot be decoded (lone surrogate escape, invalid UTF-8) or repeats a property is one error row; the batch goes on.</summary>
public sealed class UndecodableRecordTests
{
    private const string Good = """{"caseId":"g","ck":{"value":8400,"upperLimitOfNormal":200},"antibodies":{"hmgcr":"positive"}}""";

    public static TheoryData<byte[], string, string> BadRecords => new()
    {
        { Encoding.UTF8.GetBytes("""{"caseId":"\ud800"}"""), "caseId", "lone surrogate" },
        { Encoding.UTF8.GetBytes("""{"statin":{"drug":"a\udc00b"}}"""), "statin.drug", "lone surrogate" },
        { [.. "{\"caseId\":\"a"u8, 0xFF, 0xFE, .. "\"}"u8], "caseId", "invalid UTF-8" },
        { Encoding.UTF8.GetBytes("""{"\ud800":1}"""), "$", "lone surrogate" },
        { Encoding.UTF8.GetBytes("""{"clinical":{"dysphagia":true},"clinical":{"rash":false}}"""), "clinical", "more than once" },
        { Encoding.UTF8.GetBytes("""{"ck":{"value":1,"value":2}}"""), "ck.value", "more than once" },
        { Encoding.UTF8.GetBytes("""{"CaseId":"x"}"""), "CaseId", "case-sensitive" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task Run_NdjsonWithABadRecordInTheMiddle_MakesItOneErrorRowWithItsLine(byte[] bad, string path, string reason)
    {
        byte[] input = [.. Encoding.UTF8.GetBytes(Good + "\n"), .. bad, (byte)'\n', .. Encoding.UTF8.GetBytes(Good + "\n")];

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Ndjson);

        var lines = BatchHarness.Lines(output);
        lines.Should().HaveCount(4);
        lines[0]["subtype"].Should().NotBeNull();
        lines[1]["line"]!.GetValue<long>().Should().Be(2);
        var errors = lines[1]["error"]!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Equal(path);
        errors[path]![0]!.GetValue<string>().Should().Contain(reason);
        lines[2]["subtype"].Should().NotBeNull();
        summary.Rows.Should().Be(3);
        summary.Failed.Should().Be(1);
        summary.Aborted.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task Run_NdjsonStartingWithABadRecord_MakesItOneErrorRow(byte[] bad, string path, string reason)
    {
        byte[] input = [.. bad, (byte)'\n', .. Encoding.UTF8.GetBytes(Good + "\n")];

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Ndjson);

        var lines = BatchHarness.Lines(output);
        lines.Should().HaveCount(3);
        lines[0]["error"]!["errors"]![path]![0]!.GetValue<string>().Should().Contain(reason);
        summary.Failed.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task Run_JsonArrayWithABadElement_MakesItOneErrorRow(byte[] bad, string path, string reason)
    {
        byte[] input = [.. Encoding.UTF8.GetBytes("[" + Good + ",\n"), .. bad, .. Encoding.UTF8.GetBytes(",\n" + Good + "]")];

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Json);

        var array = JsonNode.Parse(output)!.AsArray();
        array.Should().HaveCount(4);
        array[1]!["error"]!["errors"]![path]![0]!.GetValue<string>().Should().Contain(reason);
        array[1]!["line"]!.GetValue<long>().Should().Be(2);
        summary.Failed.Should().Be(1);
    }

    [Fact]
    public async Task Run_CsvRowWithInvalidUtf8_IsOneErrorRow()
    {
        byte[] input = [.. "caseId,ck.value\na,5000\nb"u8, 0xC3, 0x28, .. ",5000\nc,5000\n"u8];

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv);

        var rows = BatchHarness.CsvRows(output);
        rows.Should().HaveCount(5);
        rows[2][0].Should().Be("3");
        rows[2][9].Should().Contain("not valid UTF-8");
        rows[3][1].Should().Be("c");
        summary.Failed.Should().Be(1);
    }
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Run_CsvWithValidAndInvalidUtf8AmongManyRows_FailsExactlyTheInvalidRows(int chunkBytes)
    {
        // Plain ASCII rows, rows with valid non-ASCII text (a drug name with an accent, a Greek letter) and, far
        // apart, rows with bytes that are no UTF-8: only those fail, however the input arrives.
        var input = new List<byte>("caseId,ck.value,statin.drug\n"u8.ToArray());
        var invalid = new HashSet<int> { 3, 700, 701, 1999 };
        for (var i = 0; i < 2000; i++)
        {
            input.AddRange(Encoding.UTF8.GetBytes($"r{i},5000,"));
            input.AddRange(invalid.Contains(i) ? [0x61, 0xC3, 0x28, 0x62] : i % 97 == 0 ? Encoding.UTF8.GetBytes("atorvastatiné") : i % 101 == 0 ? Encoding.UTF8.GetBytes("βstatin") : "simvastatin"u8.ToArray());
            input.Add((byte)'\n');
        }

        var (output, summary) = await BatchHarness.RunAsync([.. input], BatchFormat.Csv, chunkBytes: chunkBytes);

        var rows = BatchHarness.CsvRows(output);
        var failedLines = rows.Skip(1).Where(r => r[9].Contains("not valid UTF-8", StringComparison.Ordinal)).Select(r => r[0]).ToList();
        failedLines.Should().Equal(invalid.Order().Select(i => (i + 2).ToString(CultureInfo.InvariantCulture)), "row i is on line i + 2");
        summary.Failed.Should().Be(invalid.Count);
        summary.Scored.Should().Be(2000 - invalid.Count);
    }
}
