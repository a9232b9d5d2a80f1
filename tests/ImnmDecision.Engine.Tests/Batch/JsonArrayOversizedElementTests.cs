using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>
/// An element of a JSON array over the row size limit is that row's 413 error and the batch goes on, however the
/// bytes arrive (a whole body at once, or in pieces smaller than the element): no row after it is lost.
/// </summary>
public sealed class JsonArrayOversizedElementTests
{
    private const string Hmgcr = """{"caseId":"h1","ck":{"value":8400,"upperLimitOfNormal":200},"antibodies":{"hmgcr":"positive","srp":"negative"},"statin":{"exposure":"current"},"clinical":{"proximalWeakness":"moderate"}}""";
    private const string Normal = """{"caseId":"n1","ck":{"value":150,"upperLimitOfNormal":200},"antibodies":{"hmgcr":"negative","srp":"negative"},"clinical":{"proximalWeakness":"none"}}""";

    public static TheoryData<string, int> Cases()
    {
        // A long drug name whose text holds brackets, braces, commas and escaped quotes: none of them ends the element.
        var tricky = string.Concat(Enumerable.Repeat("""x]}{[,\"\\""", 20_000));
        var data = new TheoryData<string, int>();
        foreach (var chunk in new[] { 0, 4096, 70_000 })
        {
            data.Add("{\"caseId\":\"big\",\"statin\":{\"exposure\":\"past\",\"drug\":\"" + new string('d', 200_000) + "\"}}", chunk);
            data.Add("{\"caseId\":\"big\",\"statin\":{\"drug\":\"" + tricky + "\"},\"x\":[[[{}]]]}", chunk);
            data.Add("[" + string.Join(",", Enumerable.Repeat("[1,{\"a\":\"]\"}]", 10_000)) + "]", chunk);
            data.Add(new string('7', 100_000), chunk);
            data.Add($"\"{new string('s', 100_000)}\"", chunk);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_ElementOverTheRowLimit_IsOneErrorRowAndTheRowsAfterItAreScored(string big, int chunkBytes)
    {
        var input = $"[\n{Hmgcr},\n{big} ,\n{Normal},\n{Hmgcr}\n]";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Json, BatchFormat.Ndjson, chunkBytes: chunkBytes);

        var lines = BatchHarness.Lines(output);
        summary.Aborted.Should().BeFalse(summary.AbortReason);
        summary.Rows.Should().Be(4);
        summary.Scored.Should().Be(3);
        summary.Failed.Should().Be(1);
        lines.Select(l => l["line"]?.GetValue<long>()).Should().Equal(2L, 3L, 4L, 5L, null);
        lines[1]["error"]!["status"]!.GetValue<int>().Should().Be(413);
        lines[1]["error"]!["detail"]!.GetValue<string>().Should().Contain("line 3").And.NotContain("ddd").And.NotContain("sss");
        lines[2]["caseId"]!.GetValue<string>().Should().Be("n1");
        lines[3]["caseId"]!.GetValue<string>().Should().Be("h1");
    }

    [Fact]
    public async Task Run_ArrayThatEndsInsideAnOversizedElement_EndsWithItsErrorRow()
    {
        var input = $"[{Hmgcr},\n{{\"caseId\":\"big\",\"statin\":{{\"drug\":\"{new string('d', 100_000)}";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Json, BatchFormat.Ndjson, chunkBytes: 4096);

        var lines = BatchHarness.Lines(output);
        summary.Rows.Should().Be(2);
        summary.Scored.Should().Be(1);
        summary.Aborted.Should().BeTrue();
        lines[1]["line"]!.GetValue<long>().Should().Be(2);
        lines[1]["error"]!["title"]!.GetValue<string>().Should().Be("The JSON array cannot be read further.");
        lines[1]["error"]!["detail"]!.GetValue<string>().Should().NotContain("ddd");
    }

    [Fact]
    public async Task Run_BrokenSyntaxAfterAnOversizedElement_StillEndsTheBatchThere()
    {
        var input = $"[{Hmgcr},\n\"{new string('s', 100_000)}\"\n{Normal}]";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Json, BatchFormat.Ndjson, chunkBytes: 4096);

        var lines = BatchHarness.Lines(output);
        summary.Rows.Should().Be(3);
        summary.Aborted.Should().BeTrue();
        lines[1]["error"]!["status"]!.GetValue<int>().Should().Be(413);
        lines[2]["error"]!["errors"]!["$"]![0]!.GetValue<string>().Should().Contain("Expected ',' or ']'");
        lines[2]["line"]!.GetValue<long>().Should().Be(3);
    }
}
