using System.CommandLine;
using System.Diagnostics;
using ImnmDecision.Cli.Output;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Reports;
using ImnmDecision.Store;

namespace ImnmDecision.Cli.Commands;

/// <summary><c>imnm explain &lt;case.json&gt;</c>: one assessment as a readable report.</summary>
internal static class ExplainCommand
{
    private static readonly FindingsValidator Validator = new();

    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("case")
        {
            Description = "One case as JSON (the body of POST /api/v1/assessments), or - for standard input.",
        };
        var rules = CommonOptions.Rules();
        var store = CommonOptions.Store();
        var format = new Option<string>("--format")
        {
            Description = "markdown (the default) or html: the same report the API gives for Accept: text/markdown or text/html.",
            DefaultValueFactory = _ => "markdown",
        };
        format.AcceptOnlyFromAmong("markdown", "html");
        var command = new Command("explain", "Assess one case and print a readable report: summary, alerts, subtype and why, checklist, treatment options, numbered citations.")
        {
            file, rules, format, store,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(file)!, parse.GetValue(rules), parse.GetValue(format) == "html" ? ReportFormat.Html : ReportFormat.Markdown, parse.GetValue(store), console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string file, string? rules, ReportFormat format, string? storeFile, CliConsole console, CancellationToken cancellationToken)
    {
        var json = await CaseFile.ReadAsync(file, console, cancellationToken);
        if (json is null)
        {
            return ExitCodes.InputRefused;
        }

        if (!FindingsJson.TryParse(json.Value.Span, out var findings, out var problem))
        {
            ProblemPrinter.Print(console.Error, problem with { Detail = "The case cannot be read; nothing was assessed." }, file);
            return ExitCodes.InputRefused;
        }

        var check = await Validator.ValidateAsync(findings, cancellationToken);
        if (!check.IsValid)
        {
            ProblemPrinter.Print(console.Error, new BatchProblem
            {
                Type = BatchProblemTypes.BadRequest,
                Title = BatchProblemTypes.ValidationTitle,
                Status = 400,
                Detail = "The case breaks the field rules of the v1 contract; nothing was assessed.",
                Errors = check.ToDictionary().AsReadOnly(),
            }, file);
            return ExitCodes.InputRefused;
        }

        var ruleset = RulesetLocator.Load(rules, console);
        if (ruleset is null)
        {
            return ExitCodes.RulesetInvalid;
        }

        await using var audit = await CliStore.OpenAsync(storeFile, console, cancellationToken);
        if (audit is null)
        {
            return ExitCodes.StoreUnavailable;
        }

        var started = Stopwatch.GetTimestamp();
        var assessment = new AssessmentEngine(ruleset).Assess(findings);
        await audit.RecordAsync(
            AuditEntries.ForAssessment(assessment, AuditEntries.CliDoor, null, DateTimeOffset.UtcNow, Stopwatch.GetElapsedTime(started).TotalMilliseconds), CancellationToken.None);
        await console.Out.WriteAsync(AssessmentReport.Render(assessment, format));
        await console.Out.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
