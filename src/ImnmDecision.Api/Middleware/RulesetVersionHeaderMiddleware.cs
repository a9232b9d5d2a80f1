using ImnmDecision.Api.Hosting;

namespace ImnmDecision.Api.Middleware;

/// <summary>
/// Stamps <c>X-Ruleset-Version</c> (the loaded ruleset's tag) on every answer under <c>/api/v1</c>, errors included.
/// It runs before authentication, the rate limiter and authorization, so their refusals (401, 403, 429) carry it as
/// the contract says every v1 answer does; the tag is public anyway (<c>/health/ready</c> names it without a token).
/// </summary>
internal sealed class RulesetVersionHeaderMiddleware(RequestDelegate next, RulesetState state)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (state.Ruleset is { } ruleset)
        {
            var tag = ruleset.Identity.Tag;
            RequestLogContext.SetRulesetVersion(context, tag);
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[RulesetVersionMiddleware.HeaderName] = tag;
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
