using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Api.Tests.Batch;

/// <summary>The row limit (Batch:MaxRows), set low.</summary>
public sealed class BatchLimitTests : IDisposable
{
    private readonly BatchApiFactory factory = new(kestrel: false, new Dictionary<string, string?> { ["Batch:MaxRows"] = "5" });

    [Fact]
    public async Task Batch_MoreRowsThanTheLimitInOneGo_Answers413AndScoresNothing()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(BatchApi.Body(BatchApi.Generate(BatchFormat.Csv, 20), "text/csv"));

        var problem = await response.ReadProblemAsync(413);
        problem["detail"]!.GetValue<string>().Should().Contain("at most 5 rows");
    }

    [Fact]
    public async Task Batch_RowsUpToTheLimit_AreScored()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(BatchApi.Body(BatchApi.Generate(BatchFormat.Csv, 5, invalidFraction: 0), "text/csv"));

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain(",#summary,rows=5;scored=5;failed=0;truncated=false");
    }

    public void Dispose() => factory.Dispose();
}
