using ImnmDecision.CdsHooks.Cards;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>What a service call produced: cards, a 412 (required prefetch missing), or a 400.</summary>
internal sealed record CdsServiceOutcome
{
    public CdsResponse? Response { get; private init; }

    /// <summary>Required prefetch keys that were missing with no FHIR server to fetch them from.</summary>
    public IReadOnlyList<string>? MissingPrefetch { get; private init; }

    /// <summary>What is wrong with the request (never echoing its data).</summary>
    public string? Problem { get; private init; }

    /// <summary>Which ruleset answered, for the log line.</summary>
    public string? RulesetTag { get; private init; }

    public static CdsServiceOutcome Cards(CdsResponse response, string rulesetTag) => new() { Response = response, RulesetTag = rulesetTag };

    public static CdsServiceOutcome PreconditionFailed(IReadOnlyList<string> missing) => new() { MissingPrefetch = missing };

    public static CdsServiceOutcome BadRequest(string problem) => new() { Problem = problem };
}
