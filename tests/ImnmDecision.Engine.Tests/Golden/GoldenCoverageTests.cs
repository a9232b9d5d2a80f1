using System.Text.Json;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>
/// Every rule in rules/ must decide something in at least one golden case, so a rule cannot be added (or
/// broken into silence) without a clinical case that shows it working. When this fails, add a case to
/// tests/cases/ for the rules it names.
/// </summary>
public sealed class GoldenCoverageTests
{
    [Fact]
    public void GoldenCases_TogetherFireEveryRule()
    {
        var fired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Repository.CasesFolder, "*.json"))
        {
            var golden = JsonSerializer.Deserialize<GoldenCase>(File.ReadAllText(file), ImnmJson.Options)!;
            var answer = RealRuleset.Engine.Assess(golden.ReadFindings());
            fired.UnionWith(answer.Subtype.Because.Select(b => b.RuleId));
            fired.UnionWith(answer.Alerts.Select(a => a.RuleId));
            fired.UnionWith(answer.Workup.Select(w => w.RuleId));
            fired.UnionWith(answer.Treatment.Select(t => t.RuleId));
        }

        RealRuleset.Ruleset.Rules.Select(r => r.Id).Where(id => !fired.Contains(id))
            .Should().BeEmpty("every rule needs a golden case in tests/cases that shows it deciding something");
    }
}
