using System.Collections.Frozen;
using System.Text.Json;
using ImnmDecision.Api.Contracts;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Api.Hosting;

/// <summary>The read-only views of the loaded ruleset that the rules, citations and ruleset endpoints serve, built once.</summary>
internal sealed class RuleCatalog
{
    private readonly FrozenDictionary<string, RuleView> ruleById;
    private readonly FrozenDictionary<string, Citation> citationById;

    public RuleCatalog(Ruleset ruleset)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        citationById = ruleset.Citations.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);

        // JsonElement, unlike a shared JsonNode, is safe to read from many requests at once.
        Rules = ruleset.Rules.Select(rule => new RuleView
        {
            Id = rule.Id,
            Kind = rule.Kind,
            File = rule.File,
            When = rule.When.Describe(),
            Condition = JsonSerializer.SerializeToElement(rule.WhenJson),
            Then = JsonSerializer.SerializeToElement(rule.ThenJson),
            Rationale = rule.Rationale,
            Citations = [.. rule.Citations.Select(id => citationById.GetValueOrDefault(id)).OfType<Citation>()],
        }).ToArray();
        ruleById = Rules.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

        var identity = ruleset.Identity;
        Info = new RulesetInfo
        {
            Id = identity.Id,
            Version = identity.Version,
            Sha256 = identity.Sha256,
            Tag = identity.Tag,
            Title = ruleset.Title,
            RuleCount = ruleset.Rules.Count,
            RuleCountByKind = Enum.GetValues<RuleKind>().ToDictionary(JsonNames.Name, kind => ruleset.Rules.Count(r => r.Kind == kind), StringComparer.Ordinal),
            CitationCount = ruleset.Citations.Count,
            Files = ruleset.Files,
            LoadedAt = ruleset.LoadedAt,
            Disclaimer = ruleset.Disclaimer,
            Parameters = ruleset.Parameters,
        };
        Citations = ruleset.Citations;
    }

    public RulesetInfo Info { get; }

    public IReadOnlyList<RuleView> Rules { get; }

    public IReadOnlyList<Citation> Citations { get; }

    public RuleView? FindRule(string id) => ruleById.GetValueOrDefault(id);

    public Citation? FindCitation(string id) => citationById.GetValueOrDefault(id);
}
