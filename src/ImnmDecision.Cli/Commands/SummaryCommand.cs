using System.CommandLine;
using System.Text.Json;
using ImnmDecision.Cli.Output;

namespace ImnmDecision.Cli.Commands;

/// <summary>
/// <c>imnm summary merge &lt;results...&gt;</c>: adds the summaries of several result files (the shards of
/// <c>imnm score --shard K/N</c>, or several batch calls) into one, written as <c>{"summary": ...}</c>.
/// </summary>
internal static class SummaryCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("results")
        {
            Description = "Result files (csv, ndjson or json) of imnm score or the batch endpoint, each ending with its summary.",
            Arity = ArgumentArity.OneOrMore,
        };
        var merge = new Command("merge", "Add the summaries of several result files of one ruleset into one summary (JSON on standard output).") { files };
        merge.SetAction(parse => Merge(parse.GetValue(files)!, console));
        return new Command("summary", "Work with batch summaries.") { merge };
    }

    private static int Merge(string[] files, CliConsole console)
    {
        var parts = new List<SummaryFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = console.Resolve(file);
            if (!File.Exists(path))
            {
                console.Error.WriteLine($"The result file '{TerminalText.Of(file)}' {InputFile.Missing(path)}.");
                return ExitCodes.InputRefused;
            }

            if (!seen.Add(Identity(path)))
            {
                console.Error.WriteLine($"The result file '{TerminalText.Of(file)}' is named twice (the same file, perhaps through a link): its counts would be added twice.");
                return ExitCodes.InputRefused;
            }

            SummaryFile? summary;
            try
            {
                summary = SummaryFile.Read(path);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or OverflowException or KeyNotFoundException or NullReferenceException or InvalidOperationException)
            {
                summary = null;
            }

            if (summary is null)
            {
                console.Error.WriteLine($"'{TerminalText.Of(file)}' ends with no readable summary (was it written completely?).");
                return ExitCodes.InputRefused;
            }

            parts.Add(summary);
        }

        if (parts.Select(p => p.Sha256).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            console.Error.WriteLine("The summaries come from different rulesets; they do not add up: "
                + string.Join(", ", parts.Select(p => TerminalText.Of(p.RulesetTag)).Distinct(StringComparer.Ordinal)) + ".");
            return ExitCodes.RulesetInvalid;
        }

        SummaryFile sum;
        try
        {
            sum = SummaryFile.Add(parts);
        }
        catch (OverflowException)
        {
            console.Error.WriteLine("The summaries' counts are too large to add up; nothing was written.");
            return ExitCodes.InputRefused;
        }

        console.Out.WriteLine(sum.ToJson());
        return ExitCodes.Success;
    }

    /// <summary>The file's full path with every symbolic link on the way resolved: two names of one file give one identity.</summary>
    private static string Identity(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        var resolvedDirectory = directory is null ? null : new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory;
        var file = new FileInfo(resolvedDirectory is null ? full : Path.Combine(resolvedDirectory, Path.GetFileName(full)));
        return file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
    }
}
