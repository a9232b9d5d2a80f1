using ImnmDecision.Engine.Batch;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>
/// The batch's JSON array and NDJSON answers hold the result rows and, as their last element, the summary
/// (<c>{"summary": ...}</c>): each element is one of <c>BatchResultRow</c> and <c>BatchSummaryElement</c>. The
/// endpoint declares the rows; this filter adds the summary beside them. The CSV answer keeps the row schema: its
/// summary is the row whose caseId is <c>#summary</c>.
/// </summary>
internal sealed class BatchAnswerOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (OkContent.Of(operation, context, typeof(IReadOnlyList<BatchResultRow>)) is not { } content)
        {
            return;
        }

        var row = context.SchemaGenerator.GenerateSchema(typeof(BatchResultRow), context.SchemaRepository);
        var summary = context.SchemaGenerator.GenerateSchema(typeof(BatchSummaryElement), context.SchemaRepository);
        foreach (var (mediaType, description) in new[]
        {
            (BatchFormats.JsonMediaType, "A JSON array: one result row per case in input order, then the summary as the last element."),
            (BatchFormats.NdjsonMediaType, "One JSON object per line: one result row per case in input order, then the summary line."),
        })
        {
            if (content.ContainsKey(mediaType))
            {
                content[mediaType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Description = description,
                        Items = new OpenApiSchema { OneOf = [row, summary] },
                    },
                };
            }
        }
    }
}
