using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>The 200 answer's media types of an operation, for the filters that give some of them their own schema.</summary>
internal static class OkContent
{
    /// <summary>The 200 answer's content by media type when the endpoint declares <paramref name="declared"/> as its 200 type; else null.</summary>
    public static IDictionary<string, IOpenApiMediaType>? Of(OpenApiOperation operation, OperationFilterContext context, Type declared)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        return operation.Responses?.TryGetValue("200", out var ok) == true
            && ok is OpenApiResponse { Content: { } content }
            && context.ApiDescription.SupportedResponseTypes.Any(r => r.Type == declared)
                ? content
                : null;
    }
}
