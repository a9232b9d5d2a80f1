using ImnmDecision.Api.Contracts;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Problems;
using ImnmDecision.Engine.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Endpoints;

/// <summary>
/// The ruleset's two catalogues, each a list and one item by id (404 when unknown): GET /api/v1/rules and
/// /api/v1/rules/{ruleId}, the rules as loaded, readable and cited; GET /api/v1/citations and
/// /api/v1/citations/{citationId}, the sources behind every rule. Every answer may also be 409 (the request
/// pinned another ruleset with <c>X-Ruleset-Version</c>) or 500 (the server failed; the answer holds a traceId).
/// </summary>
internal static class CatalogueEndpoints
{
    public static RouteGroupBuilder MapRules(this RouteGroupBuilder v1) =>
        v1.MapCatalogue("/rules", ListRules, "/rules/{ruleId}", GetRule, "Rules");

    public static RouteGroupBuilder MapCitations(this RouteGroupBuilder v1) =>
        v1.MapCatalogue("/citations", ListCitations, "/citations/{citationId}", GetCitation, "Citations");

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
        Found(catalog.FindRule(ruleId), context, "rule", "/api/v1/rules");

    /// <summary>The citation catalogue: every source the rules cite</summary>
    /// <remarks>Consensus criteria, cohort studies, reviews and lab catalogues, each with a DOI or link where there is one.</remarks>
    /// <param name="catalog">The loaded ruleset's views.</param>
    /// <response code="200">The citations, in catalogue order.</response>
    /// <response code="409">The request pinned another ruleset with <c>X-Ruleset-Version</c>.</response>
    /// <response code="500">The server failed; the answer holds a traceId.</response>
    private static Ok<IReadOnlyList<Citation>> ListCitations(RuleCatalog catalog) => TypedResults.Ok(catalog.Citations);

    /// <summary>One citation by id</summary>
    /// <remarks>Citation ids appear in every answer (<c>citations[].id</c>) and in every rule.</remarks>
    /// <param name="citationId">The citation's id, for example <c>enmc-2018</c>.</param>
    /// <param name="catalog">The loaded ruleset's views.</param>
    /// <param name="context">The request.</param>
    /// <response code="200">The citation.</response>
    /// <response code="404">No citation has this id.</response>
    /// <response code="409">The request pinned another ruleset with <c>X-Ruleset-Version</c>.</response>
    /// <response code="500">The server failed; the answer holds a traceId.</response>
    private static Results<Ok<Citation>, ProblemHttpResult> GetCitation(string citationId, RuleCatalog catalog, HttpContext context) =>
        Found(catalog.FindCitation(citationId), context, "citation", "/api/v1/citations");

    private static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder v1, string listRoute, Delegate list, string itemRoute, Delegate item, string tag)
    {
        v1.MapGet(listRoute, list).WithName(list.Method.Name).WithTags(tag);
        v1.MapGet(itemRoute, item).WithName(item.Method.Name).WithTags(tag).ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static Results<Ok<T>, ProblemHttpResult> Found<T>(T? item, HttpContext context, string kind, string listRoute)
        where T : class =>
        item is not null
            ? TypedResults.Ok(item)
            : ApiProblems.Result(context, ApiProblems.Create(
                StatusCodes.Status404NotFound, $"Unknown {kind}", $"No {kind} has this id in the loaded ruleset; GET {listRoute} lists them."));
}
