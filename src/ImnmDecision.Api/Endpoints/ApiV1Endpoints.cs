using ImnmDecision.Api.Middleware;
using ImnmDecision.Api.Security;

namespace ImnmDecision.Api.Endpoints;

/// <summary>
/// The <c>/api/v1</c> route group. Every endpoint mapped on it (the batch endpoint too) gets the
/// <c>X-Ruleset-Version</c> header and the 409 pin from <see cref="RulesetVersionMiddleware"/>, and the
/// problem answers every v1 operation can give.
/// </summary>
internal static class ApiV1Endpoints
{
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup(MiddlewareSetup.V1Prefix);
        v1.RequireAuthorization(ApiPolicies.Read).RequireRateLimiting(SecuritySetup.RateLimitPolicy);
        v1.ProducesProblem(StatusCodes.Status401Unauthorized);
        v1.ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.ProducesProblem(StatusCodes.Status409Conflict);
        v1.ProducesProblem(StatusCodes.Status500InternalServerError);
        return v1;
    }
}
