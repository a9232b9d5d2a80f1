using ImnmDecision.Api.Problems;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>
/// Documents what every problem document of the API carries (<see cref="ApiProblems"/>): <c>type</c>, <c>title</c>,
/// <c>status</c>, <c>detail</c> and <c>traceId</c> are always there, and the extension members some answers add
/// (<c>errors</c> beside a query parameter or a batch's columns, a batch refusal's <c>line</c>, the two ruleset tags of
/// a 409) are named, so a client generated from the document can read them.
/// </summary>
internal sealed class ProblemSchemasDocumentFilter : IDocumentFilter
{
    private const string ProblemDetails = "ProblemDetails";
    private const string ValidationProblemDetails = "HttpValidationProblemDetails";

    private static readonly string[] AlwaysThere = ["type", "title", "status", "detail", ApiProblems.TraceIdKey];

    private const string Description =
        "An RFC 9457 problem document (application/problem+json). type, title, status, detail and traceId are always there; "
        + "no member repeats patient data.";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        if (schemas.TryGetValue(ProblemDetails, out var problem) && problem is OpenApiSchema editable)
        {
            Complete(editable);
            editable.Properties![ApiProblems.ErrorsKey] = Messages(
                "400 only, when the problem is not about the findings: messages keyed by the query parameter or the batch's column or JSON path.");
            editable.Properties[ApiProblems.LineKey] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int64",
                Description = "Batch refusals (400, 413): the line of the input the problem concerns (the CSV header is line 1).",
            };
            editable.Properties[ApiProblems.RequestedRulesetKey] = Text("409 only: the ruleset tag the request pinned (cut after 64 characters).");
            editable.Properties[ApiProblems.LoadedRulesetKey] = Text("409 only: the ruleset tag this server runs (id@version+first 12 hex of its sha256).");
        }

        if (schemas.TryGetValue(ValidationProblemDetails, out var validation) && validation is OpenApiSchema validationSchema)
        {
            Complete(validationSchema);
        }
    }

    private static void Complete(OpenApiSchema schema)
    {
        schema.Description = Description;
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        schema.Properties[ApiProblems.TraceIdKey] = Text("The request's trace id: quote it when reporting the problem; the server's log line has it.");
        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in AlwaysThere)
        {
            schema.Required.Add(name);
        }
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Messages(string description) => new()
    {
        Type = JsonSchemaType.Object,
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        Description = description,
    };
}
