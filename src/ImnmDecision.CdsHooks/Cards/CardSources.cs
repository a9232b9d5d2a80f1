using ImnmDecision.CdsHooks.Codes;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Cards;

/// <summary>The parts every card shares: its source (with the ruleset version) and the override reasons.</summary>
internal sealed class CardSources(IOptionsMonitor<CdsHooksOptions> options, CodeBook codes)
{
    public const string AssessmentTopic = "imnm-assessment";
    public const string RedFlagTopic = "imnm-red-flag";
    public const string StatinOrderTopic = "imnm-statin-order";
    public const string IncompleteTopic = "imnm-guidance-incomplete";

    public CdsCardSource Source(string rulesetTag, string topic, string topicDisplay)
    {
        var url = options.CurrentValue.SourceUrl;
        return new CdsCardSource
        {
            Label = $"ImnmDecision, ruleset {rulesetTag}",
            Url = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsoluteUri : null,
            Topic = new CdsCoding { System = options.CurrentValue.TopicSystem, Code = topic, Display = topicDisplay },
        };
    }

    public IReadOnlyList<CdsCoding>? AssessmentReasons => Reasons(codes.Lists.OverrideReasons.Assessment);

    public IReadOnlyList<CdsCoding>? StatinOrderReasons => Reasons(codes.Lists.OverrideReasons.StatinOrder);

    /// <summary>Whether a feedback's override reason is one the cards offer (only such a code may be logged).</summary>
    public bool IsOfferedReason(string? system, string? code) =>
        code is not null
        && (AssessmentReasons ?? []).Concat(StatinOrderReasons ?? [])
            .Any(r => string.Equals(r.Code, code, StringComparison.Ordinal) && (system is null || string.Equals(r.System, system, StringComparison.Ordinal)));

    private List<CdsCoding>? Reasons(IEnumerable<CodeRef> reasons)
    {
        var list = reasons
            .Select(r => new CdsCoding
            {
                System = string.IsNullOrWhiteSpace(r.System) ? codes.Lists.OverrideReasons.System : r.System,
                Code = r.Code,
                Display = r.Display,
            })
            .ToList();
        return list.Count == 0 ? null : list;
    }
}
