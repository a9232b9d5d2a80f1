using System.Reflection;
using ImnmDecision.Engine.Answers;
using ImnmDecision.Engine.Assessments;
using Microsoft.AspNetCore.Http.Metadata;

namespace ImnmDecision.Api.Http;

/// <summary>
/// 200 with the assessment as JSON, written by the answer writer straight into the response body's PipeWriter
/// (no intermediate buffer). Described to OpenAPI as <c>Ok&lt;Assessment&gt;</c> is.
/// </summary>
internal sealed class AnswerJsonResult(Assessment assessment, IAnswerWriter writer) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = AnswerNegotiation.ContentType(AnswerMediaType.Json);
        writer.Write(response.BodyWriter, assessment);
        return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Assessment), [AnswerNegotiation.JsonMediaType]));
    }
}
