using System.Buffers;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Batch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImnmDecision.Benchmarks.Load;

/// <summary>
/// The load test's middle yardstick: the bare endpoint's Kestrel with nothing around the request, doing only
/// what an assessment itself must do: read the findings, check them, assess, and write the JSON answer with
/// the fast answer writer. No middleware, audit, request log, authentication or security headers: what the API
/// costs beyond this is its chain around the assessment; what this costs beyond the bare endpoint is the
/// assessment and its answer.
/// </summary>
internal static class AssessmentOnlyEndpoint
{
    public static async Task<int> RunAsync(int port)
    {
        var engine = Cohort.Engine();
        var answers = EngineVariants.Fast.Answers;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.MapPost("/api/v1/assessments", (HttpContext context) => AnswerAsync(context, engine, answers));
        Console.WriteLine($"Assessment-only endpoint on http://127.0.0.1:{port}/api/v1/assessments");
        await app.RunAsync();
        return 0;
    }

    private static async Task AnswerAsync(HttpContext context, AssessmentEngine engine, Engine.Answers.IAnswerWriter answers)
    {
        var reader = context.Request.BodyReader;
        var read = await BareEndpoint.ReadBodyAsync(context);
        var body = read.Buffer.IsSingleSegment ? read.Buffer.FirstSpan : read.Buffer.ToArray();
        var findings = FindingsJson.TryParse(body, out var parsed, out _) && FindingsPrecheck.IsValid(parsed) ? parsed : null;
        reader.AdvanceTo(read.Buffer.End);
        if (findings is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        answers.Write(context.Response.BodyWriter, engine.Assess(findings));
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
