using ImnmDecision.CdsHooks.Http;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ImnmDecision.Api.Middleware;

/// <summary>
/// Enforces the request body limit (<c>Api:MaxBodyBytes</c>, or an endpoint's own
/// <see cref="IRequestSizeLimitMetadata"/>, for example a streaming batch): a declared length over the limit is
/// answered 413 before anything is read, and a body that grows past it while being read ends in 413 too.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : options.Value.MaxBodyBytes;

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        if (limit is not { } bytes)
        {
            return next(context);
        }

        if (context.Request.ContentLength > bytes)
        {
            return context.GetEndpoint()?.Metadata.GetMetadata<IBodyTooLargeAnswer>() is { } answer
                ? answer.WriteAsync(context)
                : ApiProblems.WriteAsync(context, ApiProblems.BodyTooLarge(bytes));
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, bytes);
        return next(context);
    }
}
