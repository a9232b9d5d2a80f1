using System.CommandLine;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Cli.Output;

namespace ImnmDecision.Cli.Commands;

/// <summary><c>imnm rules check [folder]</c>: loads and validates a ruleset and prints every defect with its file and JSON path.</summary>
internal static class RulesCommand
{
    public static Command Create(CliConsole console)
    {
        var folder = new Argument<string?>("folder")
        {
            Description = "The rules folder (default: rules/ beside imnm, else the nearest rules/ with a ruleset.json above the working directory).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var check = new Command("check", "Load and validate a ruleset; print every defect with its file and JSON path (exit code 2 when invalid).") { folder };
        check.SetAction(parse => Check(parse.GetValue(folder), console));
        return new Command("rules", "Work with the ruleset.") { check };
    }

    private static int Check(string? given, CliConsole console)
    {
        var folder = RulesetLocator.Resolve(given, console);
        if (folder is null)
        {
            console.Error.WriteLine("No rules folder found: none was given, and no rules/ruleset.json lies above the working directory.");
            return ExitCodes.RulesetInvalid;
        }

        var (ruleset, errors) = RulesetLoader.Check(folder);
        if (ruleset is null)
        {
            foreach (var error in errors)
            {
                console.Out.WriteLine(TerminalText.Of(error.ToString()));
            }

            console.Out.WriteLine($"{TerminalText.Of(folder)}: {errors.Count} defect(s); the ruleset does not load.");
            return ExitCodes.RulesetInvalid;
        }

        var identity = ruleset.Identity;
        var kinds = string.Join(", ", Enum.GetValues<RuleKind>().Select(kind => $"{ruleset.Rules.Count(r => r.Kind == kind)} {JsonNames.Name(kind)}"));
        console.Out.WriteLine($"{TerminalText.Of(folder)}: valid.");
        console.Out.WriteLine($"  ruleset   {identity.Id} {identity.Version} ({ruleset.Title})");
        console.Out.WriteLine($"  rules     {ruleset.Rules.Count} ({kinds})");
        console.Out.WriteLine($"  citations {ruleset.Citations.Count}");
        console.Out.WriteLine($"  files     {string.Join(", ", ruleset.Files)}");
        console.Out.WriteLine($"  sha256    {identity.Sha256}");
        console.Out.WriteLine($"  tag       {identity.Tag}");
        return ExitCodes.Success;
    }
}
