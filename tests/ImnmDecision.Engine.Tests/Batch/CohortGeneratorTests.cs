using System.Text;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cohorts;

namespace ImnmDecision.Engine.Tests.Batch;

public sealed class CohortGeneratorTests
{
    [Theory]
    [InlineData(BatchFormat.Csv)]
    [InlineData(BatchFormat.Ndjson)]
    [InlineData(BatchFormat.Json)]
    public void Generate_SameSeed_GivesTheSameBytes(BatchFormat format)
    {
        BatchHarness.Generate(format, 500, seed: 9).Should().Be(BatchHarness.Generate(format, 500, seed: 9));
        BatchHarness.Generate(format, 500, seed: 9).Should().NotBe(BatchHarness.Generate(format, 500, seed: 10));
    }

    [Fact]
    public void Next_ManyCases_CarriesDefectsAtAboutTheRequestedShare()
    {
        var generator = new CohortGenerator(seed: 1, invalidFraction: 0.1);
        var cells = new string?[CohortGenerator.Columns.Count];

        var defects = Enumerable.Range(0, 10_000).Select(_ => generator.Next(cells)).Where(d => d != CohortDefect.None).ToList();

        defects.Count.Should().BeInRange(850, 1150);
        defects.Distinct().Should().HaveCount(Enum.GetValues<CohortDefect>().Length - 1, "every kind of defect occurs");
    }

    [Fact]
    public void Write_Csv_HasEveryColumnAndNoIdentifier()
    {
        var header = BatchHarness.Generate(BatchFormat.Csv, 1).Split('\n')[0];

        header.Split(',').Should().Equal(CsvColumns.All);
        header.Split(',').Should().NotContain(name => IdentifierNames.IsIdentifierLike(name));
    }

    [Fact]
    public async Task Write_BrokenNdjsonRow_IsNotValidJson()
    {
        var generator = new CohortGenerator(seed: 2, invalidFraction: 1);
        using var stream = new MemoryStream();

        await CohortWriter.WriteAsync(stream, BatchFormat.Ndjson, generator, 300);

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Count(line => !FindingsJson.TryParse(Encoding.UTF8.GetBytes(line), out _, out _)).Should().BeGreaterThan(0);
    }
}
