using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImnmDecision.Benchmarks.Load;

/// <summary>
/// The load test's yardstick: a bare ASP.NET Core endpoint on 127.0.0.1 that reads the POST body, parses it as
/// JSON and answers a fixed copy of an assessment's bytes. Nothing else: no middleware, no logging.
/// </summary>
internal static class BareEndpoint
{
    public static async Task<int> RunAsync(int port, string answerFile)
    {
        var answer = await File.ReadAllBytesAsync(answerFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.MapPost("/api/v1/assessments", (HttpContext context) => AnswerAsync(context, answer));
        Console.WriteLine($"Bare endpoint on http://127.0.0.1:{port}/api/v1/assessments, {answer.Length} bytes per answer");
        await app.RunAsync();
        return 0;
    }

    /// <summary>Reads the whole body: the result's buffer holds it until the caller advances past it.</summary>
    internal static async Task<ReadResult> ReadBodyAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.IsCompleted)
            {
                return read;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static async Task AnswerAsync(HttpContext context, byte[] answer)
    {
        var reader = context.Request.BodyReader;
        var read = await ReadBodyAsync(context);
        var valid = Parses(read.Buffer);
        reader.AdvanceTo(read.Buffer.End);
        if (!valid)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = answer.Length;
        await context.Response.BodyWriter.WriteAsync(answer, context.RequestAborted);
    }

    private static bool Parses(ReadOnlySequence<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
