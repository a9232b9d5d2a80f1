using ImnmDecision.Api.Http;
using ImnmDecision.Engine.Assessments;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>
/// The single assessment answers three media types with one 200: JSON is the <c>Assessment</c> schema, while the
/// markdown and HTML reports are text. The endpoint declares the three; this filter gives the two reports a string schema.
/// </summary>
internal sealed class ReportMediaTypesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (OkContent.Of(operation, context, typeof(Assessment)) is not { } content)
        {
            return;
        }

        foreach (var (mediaType, description) in new[]
        {
            (AnswerNegotiation.MarkdownMediaType, "The report imnm explain writes, as CommonMark: summary, alerts, subtype and why, workup, treatment, missing, numbered citations."),
            (AnswerNegotiation.HtmlMediaType, "The same report as a complete, printable HTML page (styles inline, every text HTML-encoded)."),
        })
        {
            if (content.ContainsKey(mediaType))
            {
                content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = description } };
            }
        }
    }
}
