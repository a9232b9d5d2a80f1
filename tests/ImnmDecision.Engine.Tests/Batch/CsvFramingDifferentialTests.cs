using System.IO.Pipelines;
using System.Text;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>
/// CSV framing does not depend on how the input is cut: the same file read whole (as the CLI reads a file) and
/// in pieces of any size (as HTTP delivers a body) gives the same rows, byte for byte: huge quoted cells with
/// line breaks, CRLF, LF, mixed line ends, blank lines, broken quotes.
/// </summary>
public sealed class CsvFramingDifferentialTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    /// <summary>A cohort with hostile framing, reproducible from its seed.</summary>
    public static string Generate(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("caseId,ck.value,antibodies.hmgcr,statin.drug\r\n");
        for (var row = 0; row < 60; row++)
        {
            var end = random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\n" };
            var drug = random.Next(10) switch
            {
                0 => "\"" + HugeCell(random, 128 * 1024 + random.Next(64 * 1024)) + "\"",
                1 => "\"with \"\"quotes\"\" and,comma\r\nand a line break\"",
                2 => "\"broken\"quote",
                3 => "\"" + HugeCell(random, 20_000) + "\"",
                4 => new string('p', 70_000),
                _ => "atorvastatin",
            };
            text.Append(random.Next(20) == 0 ? end : string.Empty);
            text.Append($"c{row},{random.Next(100, 20000)},positive,{drug}{end}");
        }

        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Run_SameFileCutDifferently_GivesTheSameRows(int seed)
    {
        var input = Generate(seed);
        var whole = await RunLikeTheCliAsync(Encoding.UTF8.GetBytes(input));

        foreach (var chunk in new[] { 13, 4096, 65_536, 100_003 })
        {
            var (pieces, _) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Csv, chunkBytes: chunk);
            pieces.Should().Be(whole, "seed {0} cut in pieces of {1} bytes must frame as the whole file does", seed, chunk);
        }

        var rows = BatchHarness.CsvRows(whole);
        rows.Skip(1).SkipLast(1).Select(r => r[1]).Where(c => c.Length > 0).Should().OnlyContain(c => c.StartsWith('c'), "no caseId may come from inside a cell");
        rows.Count.Should().Be(62, "60 rows, the header and the summary: no phantom rows, none lost");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20_000)]
    [InlineData(200_000)]
    public async Task Run_QuoteNeverClosed_FramesTheSameWholeOrInPieces(int rowsAfterBytes)
    {
        // A stray quote on line 3; what follows is either short enough to be read again from line 4, or longer
        // than a row may be (the row is then answered as too large, as it must be when the bytes arrive in parts).
        var after = new StringBuilder();
        for (var i = 0; after.Length <= rowsAfterBytes; i++)
        {
            after.Append($"r{i},{1000 + i},negative,none\n");
        }

        var input = "caseId,ck.value,antibodies.hmgcr,statin.drug\na,5000,positive,none\nb,\"6000,positive,none\n" + (rowsAfterBytes == 0 ? string.Empty : after.ToString());
        var whole = await RunLikeTheCliAsync(Encoding.UTF8.GetBytes(input));

        foreach (var chunk in new[] { 7, 4096, 65_536 })
        {
            var (pieces, _) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Csv, chunkBytes: chunk);
            pieces.Should().Be(whole, "a quote never closed, cut in pieces of {0} bytes, must frame as the whole file does", chunk);
        }

        var rows = BatchHarness.CsvRows(whole);
        var readAgain = rowsAfterBytes is > 0 and < 64 * 1024 ? after.ToString().Count(c => c == '\n') : 0;
        rows.Count.Should().Be(2 + readAgain + 2, "the header, rows a and b, the rows read again after b, and the summary");
        rows[2][0].Should().Be("3", "the row with the stray quote is answered on its own line");
    }

    [Theory]
    [InlineData("caseId,ck.value\rP-SENTINEL,5000\rQ-SENTINEL,6000\r")]
    [InlineData("P-SENTINEL,5000,positive\nQ-SENTINEL,6000,negative\n")]
    public async Task Run_CrOnlyOrHeaderless_IsRefusedTheSameWayWholeOrInPiecesWithoutEchoingARow(string input)
    {
        var whole = await Refusal(() => RunLikeTheCliAsync(Encoding.UTF8.GetBytes(input)));
        var pieces = await Refusal(() => BatchHarness.RunAsync(input, BatchFormat.Csv, chunkBytes: 3));

        pieces.Should().BeEquivalentTo(whole);
        var text = $"{whole.Title} {whole.Detail} {string.Join(' ', whole.Errors?.SelectMany(e => e.Value.Prepend(e.Key)) ?? [])}";
        text.Should().NotContain("SENTINEL").And.NotContain("5000");
    }

    private static async Task<BatchProblem> Refusal(Func<Task> run)
    {
        var act = run;
        return (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem;
    }

    /// <summary>As imnm score reads a file: 256 KiB reads, large flushes, no row limit.</summary>
    private static async Task<string> RunLikeTheCliAsync(byte[] bytes)
    {
        var output = new MemoryStream();
        var reader = PipeReader.Create(new MemoryStream(bytes), new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 64 * 1024));
        await new BatchRunner(RealRuleset.Engine, new BatchOptions { FlushBytes = 256 * 1024, MaxRows = long.MaxValue })
            .RunAsync(reader, BatchFormat.Csv, output, BatchFormat.Csv);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string HugeCell(Random random, int length)
    {
        var cell = new StringBuilder(length);
        while (cell.Length < length)
        {
            cell.Append(random.Next(4) switch
            {
                0 => "\n9,1,positive,x\n",
                1 => "\r\nz,2,negative,y\r\n",
                2 => "\"\"",
                _ => "lorem ipsum ",
            });
        }

        return cell.ToString();
    }
}
