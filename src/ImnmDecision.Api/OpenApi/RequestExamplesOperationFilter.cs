using System.Text.Json.Nodes;
using ImnmDecision.Engine.Cases;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>Adds the named example cases (and the body's description) to every operation whose body is one <see cref="Findings"/>.</summary>
internal sealed class RequestExamplesOperationFilter : IOperationFilter
{
    /// <summary>The description of a <see cref="Findings"/> body (read by the endpoint itself, so no parameter carries it).</summary>
    public const string FindingsBodyDescription =
        "The findings of one case (JSON in UTF-8, camelCase, enum values as kebab-case strings; unknown properties are rejected, and so are repeated ones; names are case-sensitive).";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (operation.RequestBody?.Content is { } batchContent && batchContent.ContainsKey("text/csv"))
        {
            AddBatchExamples(batchContent);
            return;
        }

        if (context.ApiDescription.ParameterDescriptions.All(p => p.Type != typeof(Findings))
            || operation.RequestBody?.Content is not { } content
            || !content.TryGetValue("application/json", out var mediaType)
            || mediaType is not OpenApiMediaType json)
        {
            return;
        }

        if (operation.RequestBody is OpenApiRequestBody body && string.IsNullOrEmpty(body.Description))
        {
            body.Description = FindingsBodyDescription;
        }

        json.Examples = ExampleCatalog.All.ToDictionary(
            example => example.Name,
            example => (IOpenApiExample)new OpenApiExample
            {
                Summary = example.Summary,
                Description = example.Description,
                Value = JsonNode.Parse(example.Json),
            });
    }

    /// <summary>The batch's named examples: a CSV, NDJSON or JSON text under its media type (JSON parsed, the others as strings).</summary>
    private static void AddBatchExamples(IDictionary<string, IOpenApiMediaType> content)
    {
        foreach (var (mediaType, example) in BatchExampleCatalog.All)
        {
            if (!content.TryGetValue(mediaType, out var media) || media is not OpenApiMediaType editable)
            {
                continue;
            }

            editable.Examples ??= new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
            editable.Examples[example.Name] = new OpenApiExample
            {
                Summary = example.Summary,
                Description = example.Description,
                Value = mediaType == "application/json" ? JsonNode.Parse(example.Json) : JsonValue.Create(example.Json),
            };
        }
    }
}
