using System.IO.Pipelines;
using System.Text;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Batch;

public sealed class BatchRunnerTests
{
    [Fact]
    public async Task Run_GeneratedCohort_ListsExactlyWhatTheSingleCaseAnswerLists()
    {
        var input = BatchHarness.Generate(BatchFormat.Ndjson, 2000, invalidFraction: 0);
        var (output, _) = await BatchHarness.RunAsync(input, BatchFormat.Ndjson);

        var cases = input.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = BatchHarness.Lines(output);
        for (var i = 0; i < cases.Length; i++)
        {
            FindingsJson.TryParse(Encoding.UTF8.GetBytes(cases[i]), out var findings, out _).Should().BeTrue();
            var assessment = RealRuleset.Engine.Assess(findings!);
            var row = rows[i];
            if (row["error"] is not null)
            {
                continue;
            }

            string[] Ids(string name) => [.. row[name]!.AsArray().Select(n => n!.GetValue<string>())];
            row["subtype"]!.GetValue<string>().Should().Be(JsonNames.Name(assessment.Subtype.Code));
            row["certainty"]!.GetValue<string>().Should().Be(JsonNames.Name(assessment.Subtype.Certainty));
            Ids("alerts").Should().Equal(assessment.Alerts.Select(a => JsonNames.Name(a.Id)).Distinct());
            Ids("workup").Should().Equal(assessment.Workup.Where(w => w.Status == WorkupStatus.Outstanding).Select(w => JsonNames.Name(w.Id)));
            Ids("treatment").Should().Equal(assessment.Treatment.Select(t => JsonNames.Name(t.Id)));
            Ids("avoid").Should().Equal(assessment.Treatment.Where(t => t.Avoid).Select(t => JsonNames.Name(t.Id)));
            Ids("missing").Should().Equal(assessment.Missing.Select(m => m.Field));
        }
    }

    [Fact]
    public async Task Run_Summary_CountsRowsFailuresAndEverySubtype()
    {
        var input = BatchHarness.Generate(BatchFormat.Csv, 3000, seed: 11, invalidFraction: 0.05);

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Ndjson);

        var rows = BatchHarness.Lines(output);
        var results = rows.Take(rows.Count - 1).ToList();
        summary.Rows.Should().Be(3000);
        summary.Failed.Should().Be(results.Count(r => r["error"] is not null)).And.BeGreaterThan(0);
        summary.Scored.Should().Be(summary.Rows - summary.Failed);
        foreach (var (code, count) in summary.Subtypes)
        {
            count.Should().Be(results.Count(r => r["subtype"]?.GetValue<string>() == code), code);
        }

        summary.Subtypes.Values.Should().OnlyContain(count => count > 0, "a cohort of 3,000 generated cases holds every subtype");
        summary.Ruleset.Should().Be(RealRuleset.Ruleset.Identity);
    }

    [Theory]
    [InlineData(BatchFormat.Csv)]
    [InlineData(BatchFormat.Ndjson)]
    [InlineData(BatchFormat.Json)]
    public async Task Run_SeveralWorkers_WriteTheSameAnswerInInputOrderAsOne(BatchFormat outputFormat)
    {
        // Many batches of 512 rows, scored by whichever worker is free, must come out as one worker writes them.
        var input = BatchHarness.Generate(BatchFormat.Csv, 5000, seed: 5, invalidFraction: 0.05);

        var (one, oneSummary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, outputFormat, new BatchOptions { Workers = 1 });
        var (four, fourSummary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, outputFormat, new BatchOptions { Workers = 4 });

        four.Should().Be(one);
        fourSummary.Should().BeEquivalentTo(oneSummary);
        oneSummary.Rows.Should().Be(5000);
        if (outputFormat == BatchFormat.Json)
        {
            System.Text.Json.Nodes.JsonNode.Parse(four)!.AsArray().Should().HaveCount(5001, "every row, then the summary");
        }
    }

    [Fact]
    public async Task Run_MoreRowsThanTheLimitBeforeAnythingWasWritten_IsRefusedWith413()
    {
        var input = BatchHarness.Generate(BatchFormat.Ndjson, 20);

        var act = () => BatchHarness.RunAsync(input, BatchFormat.Ndjson, options: new BatchOptions { MaxRows = 5 });

        var problem = (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem;
        problem.Status.Should().Be(413);
        problem.Detail.Should().Contain("at most 5 rows");
    }

    [Fact]
    public async Task Run_MoreRowsThanTheLimitAfterResultsLeft_EndsWithA413RowAndATruncatedSummary()
    {
        var lines = BatchHarness.Generate(BatchFormat.Ndjson, 10, invalidFraction: 0).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pipe = new Pipe();
        var output = new MemoryStream();
        var running = new BatchRunner(RealRuleset.Engine, new BatchOptions { MaxRows = 3 })
            .RunAsync(pipe.Reader, BatchFormat.Ndjson, output, BatchFormat.Ndjson);

        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(lines[0] + "\n"));
        await WaitUntilAsync(() => output.Length > 0);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines.Skip(1)) + "\n"));
        var summary = await running;

        var rows = BatchHarness.Lines(Encoding.UTF8.GetString(output.ToArray()));
        rows.Should().HaveCount(5, "three results, the 413 row and the summary");
        rows[3]["error"]!["status"]!.GetValue<int>().Should().Be(413);
        rows[3]["line"]!.GetValue<long>().Should().Be(4);
        rows[4]["summary"]!["truncated"]!.GetValue<bool>().Should().BeTrue();
        summary.Truncated.Should().BeTrue();
        summary.Scored.Should().Be(3);
    }

    [Fact]
    public async Task Run_FirstResult_LeavesBeforeTheInputEnds()
    {
        var lines = BatchHarness.Generate(BatchFormat.Ndjson, 3, invalidFraction: 0).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pipe = new Pipe();
        var output = new MemoryStream();
        var running = new BatchRunner(RealRuleset.Engine).RunAsync(pipe.Reader, BatchFormat.Ndjson, output, BatchFormat.Ndjson);

        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(lines[0] + "\n"));
        await WaitUntilAsync(() => output.Length > 0);

        running.IsCompleted.Should().BeFalse();
        Encoding.UTF8.GetString(output.ToArray()).Should().Contain("case-0000001").And.NotContain("summary");
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(lines[1] + "\n" + lines[2] + "\n"));
        await pipe.Writer.CompleteAsync();
        (await running).Rows.Should().Be(3);
    }

    [Fact]
    public async Task Run_Cancelled_StopsReadingAndScoring()
    {
        var pipe = new Pipe();
        using var cancel = new CancellationTokenSource();
        var running = new BatchRunner(RealRuleset.Engine).RunAsync(pipe.Reader, BatchFormat.Csv, Stream.Null, BatchFormat.Csv, cancellationToken: cancel.Token);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("caseId,ck.value\nx,3000\n"));

        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => running).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Run_Progress_CountsEveryRow()
    {
        var progress = new BatchProgress();
        var input = Encoding.UTF8.GetBytes(BatchHarness.Generate(BatchFormat.Csv, 5000));

        await new BatchRunner(RealRuleset.Engine).RunAsync(PipeReader.Create(new MemoryStream(input)), BatchFormat.Csv, Stream.Null, BatchFormat.Csv, progress);

        progress.Rows.Should().Be(5000);
        progress.BytesRead.Should().Be(input.Length);
    }

    [Fact]
    public async Task Run_SameInputTwice_GivesByteIdenticalOutput()
    {
        var input = BatchHarness.Generate(BatchFormat.Csv, 1000);

        var first = await BatchHarness.RunAsync(input, BatchFormat.Csv);
        var second = await BatchHarness.RunAsync(input, BatchFormat.Csv);

        second.Output.Should().Be(first.Output, "results carry no timestamps or random ids, so a cohort rescored with the same ruleset is reproducible");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // A condition, not a fixed pause: on a loaded CI machine (tests of other classes running beside it, methods
        // still compiling) the first result can take seconds to leave, so the bound is generous.
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue("the condition should hold within thirty seconds");
    }
}
