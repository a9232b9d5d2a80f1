using System.Globalization;
using ImnmDecision.Engine.Batch;
using Spectre.Console;

namespace ImnmDecision.Cli.Output;

/// <summary>The summary of a scored cohort as a table on standard error: counts, subtypes, ruleset, speed.</summary>
internal static class SummaryTable
{
    public static void Write(CliConsole console, BatchSummary summary, TimeSpan elapsed)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = console.ErrorIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.ErrorIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(console.Error),
        });

        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Batch summary") };
        table.AddColumn("");
        table.AddColumn(new TableColumn("rows").RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        table.AddRow("rows read", Count(summary.Rows), "");
        table.AddRow("scored", Count(summary.Scored), Share(summary.Scored, summary.Rows));
        table.AddRow(summary.Failed > 0 ? "[red]failed[/]" : "failed", Count(summary.Failed), Share(summary.Failed, summary.Rows));
        table.AddEmptyRow();
        foreach (var (code, count) in summary.Subtypes)
        {
            table.AddRow(Markup.Escape(code), Count(count), Share(count, summary.Scored));
        }

        table.AddEmptyRow();
        table.AddRow("ruleset", Markup.Escape(summary.Ruleset.Tag), "");
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        table.AddRow("elapsed", string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s"), string.Create(CultureInfo.InvariantCulture, $"{summary.Rows / seconds:N0} rows/s"));
        if (summary.Truncated)
        {
            table.AddRow("[yellow]truncated[/]", "row limit", "");
        }

        ansi.Write(table);
        console.Error.WriteLine($"sha256 {summary.Ruleset.Sha256}");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(long part, long whole) =>
        whole == 0 ? "" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);
}
