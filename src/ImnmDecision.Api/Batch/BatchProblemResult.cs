using ImnmDecision.Api.Problems;
using Microsoft.AspNetCore.Mvc;

namespace ImnmDecision.Api.Batch;

/// <summary>
/// A problem answer written the API's way (<see cref="ApiProblems.WriteAsync"/>: with its traceId, and as
/// <c>application/problem+json</c> whatever the Accept header says, which matters for a 406).
/// </summary>
internal sealed class BatchProblemResult(ProblemDetails problem) : IResult
{
    public ProblemDetails Problem { get; } = problem;

    public Task ExecuteAsync(HttpContext httpContext) => ApiProblems.WriteAsync(httpContext, Problem);
}
