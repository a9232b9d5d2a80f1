using System.Text.Json.Nodes;
using ImnmDecision.Engine.Cases;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>Adds the named example cases to every operation whose body is one <see cref="Findings"/>.</summary>
internal sealed class RequestExamplesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ApiDescription.ParameterDescriptions.All(p => p.Type != typeof(Findings))
            || operation.RequestBody?.Content is not { } content
            || !content.TryGetValue("application/json", out var mediaType)
            || mediaType is not OpenApiMediaType json)
        {
            return;
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
}
