namespace ImnmDecision.Api.Security;

/// <summary>The authorization policies of <c>/api/v1</c>; each is "anyone" when authentication is off.</summary>
internal static class ApiPolicies
{
    /// <summary>Any valid token: the ruleset, rules and citations.</summary>
    public const string Read = "imnm.read";

    /// <summary>A token with the assess scope.</summary>
    public const string Assess = "imnm.assess";

    /// <summary>A token with the batch scope.</summary>
    public const string Batch = "imnm.batch";

    /// <summary>A token with the summaries scope.</summary>
    public const string Summaries = "imnm.summaries";
}
