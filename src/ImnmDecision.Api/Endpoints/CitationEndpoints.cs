using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Problems;
using ImnmDecision.Engine.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Endpoints;

/// <summary>GET /api/v1/citations and /api/v1/citations/{citationId}: the sources behind every rule.</summary>
internal static class CitationEndpoints
{
    public static RouteGroupBuilder MapCitations(this RouteGroupBuilder v1) =>
        v1.MapCatalogue("/citations", ListCitations, "/citations/{citationId}", GetCitation, "Citations");

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
        catalog.FindCitation(citationId) is { } citation
            ? TypedResults.Ok(citation)
            : ApiProblems.Result(context, ApiProblems.Create(
                StatusCodes.Status404NotFound, "Unknown citation", "No citation has this id in the loaded ruleset; GET /api/v1/citations lists them."));
}
