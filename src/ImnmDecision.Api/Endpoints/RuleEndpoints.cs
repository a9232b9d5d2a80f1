using ImnmDecision.Api.Contracts;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Endpoints;

/// <summary>GET /api/v1/rules and /api/v1/rules/{ruleId}: the rules as loaded, readable and cited.</summary>
internal static class RuleEndpoints
{
    public static RouteGroupBuilder MapRules(this RouteGroupBuilder v1) =>
        v1.MapCatalogue("/rules", ListRules, "/rules/{ruleId}", GetRule, "Rules");

    /// <summary>Every rule, in evaluation order, with its condition in readable form and its sources</summary>
    /// <remarks>
    /// Subtype rules are tried in order and the first that holds decides; certainty rules grade the subtype;
    /// alert, workup and treatment rules each add an item when they hold. A condition on a fact that is not
    /// known is "unknown", never false, and such unknowns become the answer's <c>missing</c> list.
    /// </remarks>
    /// <param name="catalog">The loaded ruleset's views.</param>
    /// <response code="200">The rules.</response>
    /// <response code="409">The request pinned another ruleset with <c>X-Ruleset-Version</c>.</response>
    /// <response code="500">The server failed; the answer holds a traceId.</response>
    private static Ok<IReadOnlyList<RuleView>> ListRules(RuleCatalog catalog) => TypedResults.Ok(catalog.Rules);

    /// <summary>One rule by id, with its condition in readable form and its sources</summary>
    /// <remarks>Rule ids appear in every answer (<c>subtype.because[].ruleId</c>, <c>workup[].ruleId</c>, ...).</remarks>
    /// <param name="ruleId">The rule's id, for example <c>subtype.anti-srp</c>.</param>
    /// <param name="catalog">The loaded ruleset's views.</param>
    /// <param name="context">The request.</param>
    /// <response code="200">The rule.</response>
    /// <response code="404">No rule has this id.</response>
    /// <response code="409">The request pinned another ruleset with <c>X-Ruleset-Version</c>.</response>
    /// <response code="500">The server failed; the answer holds a traceId.</response>
    private static Results<Ok<RuleView>, ProblemHttpResult> GetRule(string ruleId, RuleCatalog catalog, HttpContext context) =>
        catalog.FindRule(ruleId) is { } rule
            ? TypedResults.Ok(rule)
            : ApiProblems.Result(context, ApiProblems.Create(
                StatusCodes.Status404NotFound, "Unknown rule", "No rule has this id in the loaded ruleset; GET /api/v1/rules lists them."));
}
