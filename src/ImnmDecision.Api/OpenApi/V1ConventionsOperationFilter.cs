using ImnmDecision.Api.Middleware;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>
/// Documents what every v1 operation shares: the optional <c>X-Ruleset-Version</c> request header, the same
/// header on every answer, and a plain description for the shared problem answers.
/// </summary>
internal sealed class V1ConventionsOperationFilter : IOperationFilter
{
    /// <summary>A ruleset tag: id@version+the first 12 hex digits of the ruleset's sha256.</summary>
    private const string RulesetTagPattern = "^[^@]+@[^+]+\\+[0-9a-f]{12}$";

    private static readonly Dictionary<string, string> SharedDescriptions = new(StringComparer.Ordinal)
    {
        ["400"] = "The request does not fit the v1 contract; errors names each JSON path.",
        ["401"] = "No valid bearer token (authentication is on outside Development; see Api:Auth).",
        ["403"] = "The token lacks the scope this operation needs.",
        ["404"] = "Nothing has this id.",
        ["409"] = "The request pinned another ruleset with X-Ruleset-Version; nothing was done.",
        ["413"] = "The body is larger than the server accepts (Api:MaxBodyBytes).",
        ["415"] = "The body is not sent as application/json.",
        ["429"] = "This client has made too many requests; Retry-After says when to try again (Api:RateLimit).",
        ["500"] = "The server failed; the answer holds a traceId and nothing of the request.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = RulesetVersionMiddleware.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Optional pin: the ruleset tag (id@version+sha) the caller expects. When it differs from the loaded ruleset the answer is 409 and nothing is done.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = RulesetVersionMiddleware.QueryName,
            In = ParameterLocation.Query,
            Required = false,
            Description = "The same pin in the query string (URL-encoded: id%40version%2Bsha), for clients that cannot set a header; the header wins when both are sent.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

        if (operation.Responses is { Count: > 1 } responses)
        {
            // Group-wide answers (409, 500) are declared first; list every answer by status code instead.
            var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
            responses.Clear();
            foreach (var (code, response) in sorted)
            {
                responses.Add(code, response);
            }
        }

        foreach (var (code, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse editable)
            {
                continue;
            }

            if (SharedDescriptions.TryGetValue(code, out var description) && IsPlaceholder(editable.Description, code))
            {
                editable.Description = description;
            }

            editable.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            editable.Headers[RulesetVersionMiddleware.HeaderName] = new OpenApiHeader
            {
                Description = "The ruleset that answered: id@version+first 12 hex of its sha256.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = RulesetTagPattern },
            };
            if (code == "401")
            {
                editable.Headers[HeaderNames.WWWAuthenticate] = new OpenApiHeader
                {
                    Description = "Bearer, with the reason when a token was sent and refused (RFC 6750).",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
            else if (code == "429")
            {
                editable.Headers[HeaderNames.RetryAfter] = new OpenApiHeader
                {
                    Description = "Seconds until this client may call again.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                };
            }
        }
    }

    private static bool IsPlaceholder(string? description, string code) =>
        string.IsNullOrWhiteSpace(description)
        || (int.TryParse(code, out var status) && string.Equals(description, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), StringComparison.OrdinalIgnoreCase));
}
