using System.Text.Json;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>
/// <see cref="BatchResultRow"/> is the batch answer's row as the OpenAPI document describes it; the writers
/// format rows themselves, for speed. Every row they write must be exactly one of these, so the document
/// cannot drift from the rows.
/// </summary>
public sealed class BatchResultRowTests
{
    [Fact]
    public async Task NdjsonRows_GeneratedCohortWithInvalidRows_EachIsExactlyABatchResultRow()
    {
        var input = BatchHarness.Generate(BatchFormat.Ndjson, 3000, seed: 11, invalidFraction: 0.05);
        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Ndjson);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var rows = lines[..^1].Select(line => (Line: line, Row: JsonSerializer.Deserialize<BatchResultRow>(line, ImnmJson.Options)!)).ToList();

        rows.Should().HaveCount((int)summary.Rows);
        rows.Should().Contain(r => r.Row.Error != null, "the cohort must hold rows that cannot be scored")
            .And.Contain(r => r.Row.Subtype != null && r.Row.Alerts!.Count > 0 && r.Row.Missing!.Count > 0);
        foreach (var (line, row) in rows)
        {
            JsonSerializer.Serialize(row, ImnmJson.Options).Should().Be(line, "the row type holds every property of the row, in order");
        }
    }
}
