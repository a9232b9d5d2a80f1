using System.CommandLine;

namespace ImnmDecision.Cli.Commands;

/// <summary>Options more than one command takes.</summary>
internal static class CommonOptions
{
    public static Option<string?> Rules() => new("--rules")
    {
        Description = "The rules folder (default: the nearest rules/ with a ruleset.json, walking up from the working directory).",
        HelpName = "folder",
    };
}
