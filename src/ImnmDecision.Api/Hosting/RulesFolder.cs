using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Hosting;

/// <summary>
/// Finds the rules folder: <c>Rules:Folder</c> when configured (relative to the content root); otherwise
/// <c>rules/</c> beside the application (where <c>dotnet publish</c> and the container put it); otherwise the
/// nearest folder named <c>rules</c> holding a <c>ruleset.json</c>, walking up from the content root and from the
/// application's own folder, so that <c>dotnet run</c> and the test host both find the repository's rules.
/// </summary>
internal static class RulesFolder
{
    /// <summary>The configuration key of the rules folder.</summary>
    public const string ConfigurationKey = "Rules:Folder";

    public static string Resolve(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "rules");
        if (File.Exists(Path.Combine(beside, RulesetLoader.RulesetFile)))
        {
            return beside;
        }

        return RulesetLoader.FindFolder(contentRoot, AppContext.BaseDirectory)
            ?? throw new RulesetLoadException(
                $"No rules folder was found beside the application or above the content root. Set {ConfigurationKey} "
                + $"(for example --{ConfigurationKey}=/path/to/rules or the environment variable Rules__Folder).");
    }
}
