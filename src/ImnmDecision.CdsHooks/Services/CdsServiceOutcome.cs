using ImnmDecision.CdsHooks.Cards;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>What a service call produced: cards, a 412 (required prefetch missing), or a 400.</summary>
internal sealed record CdsServiceOutcome
{
    public CdsResponse? Response { get; private init; }

    /// <summary>Required prefetch keys that were missing with no FHIR server to fetch them from.</summary>
    public IReadOnlyList<string>? MissingPrefetch { get; private init; }

    /// <summary>Whether the missing data could not be obtained because the FHIR server could not be used.</summary>
    public bool ServerUnusable { get; private init; }

    /// <summary>What is wrong with the request (never echoing its data).</summary>
    public string? Problem { get; private init; }

    /// <summary>Which ruleset answered, for the log line.</summary>
    public string? RulesetTag { get; private init; }

    /// <summary>The assessment behind the cards, for the audit entry (subtype, certainty, alert ids); null when none was made.</summary>
    public ImnmDecision.Engine.Assessments.Assessment? Assessment { get; private init; }

    public static CdsServiceOutcome Cards(CdsResponse response, string rulesetTag, ImnmDecision.Engine.Assessments.Assessment? assessment = null) =>
        new() { Response = response, RulesetTag = rulesetTag, Assessment = assessment };

    public static CdsServiceOutcome PreconditionFailed(IReadOnlyList<string> missing) => new() { MissingPrefetch = missing };

    /// <summary>The 412 for a resolution that lacks required data (missing with no server, or not obtainable from it); <c>null</c> otherwise.</summary>
    public static CdsServiceOutcome? PreconditionFailed(Prefetch.PrefetchResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        return resolution.MissingRequired.Count > 0 ? new() { MissingPrefetch = resolution.MissingRequired }
            : resolution.Unobtainable.Count > 0 ? new() { MissingPrefetch = resolution.Unobtainable, ServerUnusable = true }
            : null;
    }

    public static CdsServiceOutcome BadRequest(string problem) => new() { Problem = problem };
}
