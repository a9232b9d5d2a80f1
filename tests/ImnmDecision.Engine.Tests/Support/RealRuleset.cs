using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Tests.Support;

/// <summary>The repository's real ruleset, loaded once for all tests.</summary>
internal static class RealRuleset
{
    private static readonly Lazy<Ruleset> Loaded = new(() => RulesetLoader.Load(Repository.RulesFolder));

    public static Ruleset Ruleset => Loaded.Value;

    public static AssessmentEngine Engine { get; } = new(Ruleset);
}
