using ImnmDecision.Api.Hosting;
using ImnmDecision.CdsHooks.Http;

namespace ImnmDecision.Api.Problems;

/// <summary>Makes every error an <c>application/problem+json</c> document with a <c>traceId</c>.</summary>
internal static class ProblemSetup
{
    public static WebApplicationBuilder AddImnmProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>()
            .Bind(builder.Configuration.GetSection(ApiOptions.Section))
            .Validate(options => options.MaxBodyBytes > 0, "Api:MaxBodyBytes must be above 0.")
            .ValidateOnStart();
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.Limits.MaxRequestBodySize =
            context.Configuration.GetValue<long?>($"{ApiOptions.Section}:{nameof(ApiOptions.MaxBodyBytes)}") ?? ApiOptions.DefaultMaxBodyBytes);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            ApiProblems.Complete(context.ProblemDetails, context.HttpContext));
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        return builder;
    }

    /// <summary>Answers bare error statuses (unknown route, wrong method) with a problem document; under /cds-services with an OperationOutcome.</summary>
    public static WebApplication UseStatusCodeProblems(this WebApplication app)
    {
        app.UseStatusCodePages(context => CdsStatusAnswer.Owns(context.HttpContext)
            ? CdsStatusAnswer.WriteAsync(context.HttpContext)
            : ApiProblems.WriteAsync(context.HttpContext, ApiProblems.ForStatus(context.HttpContext.Response.StatusCode)));
        return app;
    }
}
