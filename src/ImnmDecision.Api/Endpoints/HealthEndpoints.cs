using ImnmDecision.Api.Contracts;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Endpoints;

/// <summary>GET /health/live and /health/ready, for orchestrators; not part of the v1 document.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").ExcludeFromDescription();
        health.MapGet("/live", Live);
        health.MapGet("/ready", Ready);
        return app;
    }

    /// <summary>The process is up and answering.</summary>
    internal static Ok<HealthStatus> Live() => TypedResults.Ok(new HealthStatus { Status = "live" });

    /// <summary>Ready when a valid ruleset is loaded; 503 otherwise.</summary>
    internal static Results<Ok<HealthStatus>, ProblemHttpResult> Ready(RulesetState state, HttpContext context) =>
        state.Ruleset is { } ruleset
            ? TypedResults.Ok(new HealthStatus { Status = "ready", RulesetVersion = ruleset.Identity.Tag })
            : ApiProblems.Result(context, ApiProblems.Create(
                StatusCodes.Status503ServiceUnavailable, "Not ready", "No valid ruleset is loaded."));
}
