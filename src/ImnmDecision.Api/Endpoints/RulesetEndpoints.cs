using ImnmDecision.Api.Contracts;
using ImnmDecision.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Endpoints;

/// <summary>GET /api/v1/ruleset: which ruleset answers.</summary>
internal static class RulesetEndpoints
{
    public static RouteGroupBuilder MapRuleset(this RouteGroupBuilder v1)
    {
        v1.MapGet("/ruleset", GetRuleset)
            .WithName("GetRuleset")
            .WithTags("Ruleset");
        return v1;
    }

    /// <summary>The loaded ruleset: id, version, sha256, rule counts, files, load time and parameters</summary>
    /// <remarks>
    /// The ruleset is the reviewed data (rules/ in the repository) that every answer comes from. Its
    /// <c>tag</c> is what every /api/v1 answer sends in <c>X-Ruleset-Version</c>; send it back in that
    /// header to make sure a result was produced by exactly this ruleset.
    /// </remarks>
    /// <param name="catalog">The loaded ruleset's views.</param>
    /// <response code="200">The ruleset's identity and contents.</response>
    /// <response code="409">The request pinned another ruleset with <c>X-Ruleset-Version</c>.</response>
    /// <response code="500">The server failed; the answer holds a traceId.</response>
    private static Ok<RulesetInfo> GetRuleset(RuleCatalog catalog) => TypedResults.Ok(catalog.Info);
}
