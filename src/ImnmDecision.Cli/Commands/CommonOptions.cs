using System.CommandLine;
using ImnmDecision.Cli.Output;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Cli.Commands;

/// <summary>Options more than one command takes.</summary>
internal static class CommonOptions
{
    public static Option<string?> Store() => new("--store")
    {
        Description = "Write an audit entry (ids, counts, ruleset, duration; no patient data) to this SQLite store file. "
            + "Default: the PostgreSQL store in the environment variable Store__ConnectionString, else the SQLite file in Store__SqlitePath, else no audit.",
        HelpName = "file",
    };

    /// <summary>
    /// A batch format option: <c>csv</c>, <c>ndjson</c> or <c>json</c> in any case; anything else is a usage error that
    /// lists them as they are typed (the parser's own message would name the .NET enum).
    /// </summary>
    public static Option<BatchFormat?> Format(string name, string description, params string[] aliases)
    {
        var option = new Option<BatchFormat?>(name, aliases) { Description = description, HelpName = "csv|ndjson|json" };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            BatchFormat? format = text.ToUpperInvariant() switch
            {
                "CSV" => BatchFormat.Csv,
                "NDJSON" => BatchFormat.Ndjson,
                "JSON" => BatchFormat.Json,
                _ => null,
            };
            if (format is null)
            {
                result.AddError($"{name} must be csv, ndjson or json, not '{TerminalText.Of(text)}'.");
            }

            return format;
        };
        return option;
    }

    public static Option<string?> Rules() => new("--rules")
    {
        Description = "The rules folder (default: rules/ beside imnm, else the nearest rules/ with a ruleset.json above the working directory).",
        HelpName = "folder",
    };
}
