using ImnmDecision.Api.CasePage;
using ImnmDecision.Api.Endpoints;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Logging;
using ImnmDecision.Api.Middleware;
using ImnmDecision.Api.OpenApi;
using ImnmDecision.Api.Problems;
using ImnmDecision.Api.Security;
using ImnmDecision.Api.Store;

WebApplication? app = null;
try
{
    var builder = WebApplication.CreateBuilder(HostPaths.Options(args));

    builder.AddImnmLogging();
    builder.AddImnmEngine();
    builder.AddImnmProblemDetails();
    builder.AddImnmSecurity();
    builder.AddImnmStore();
    builder.Services.AddImnmSwagger();
    builder.Services.AddCdsHooks(builder.Configuration);

    app = builder.Build();
    app.LoadRuleset();
    await app.OpenStoreAsync();

    app.UseRequestLogging();
    app.UseExceptionHandler();
    app.UseStatusCodeProblems();
    app.UseHeadAsGet();
    app.UseRouting();
    app.UseRouteCapture();
    app.UseRulesetVersionHeader();
    app.UseImnmSecurity();
    app.UseRulesetVersionPin();
    app.UseRequestBodyLimit();
    app.UseImnmSwagger();

    var v1 = app.MapApiV1();
    v1.MapAssessments();
    v1.MapRuleset();
    v1.MapRules();
    v1.MapCitations();
    v1.MapBatch();
    v1.MapSummaries();

    app.MapHealth();
    app.MapCasePage();
    app.MapCdsHooks();

    await app.RunAsync();
    return StartupExitCodes.Success;
}
catch (Exception exception) when (StartupFailure.Classify(exception) is { } failure)
{
    // One fatal line, no stack trace, a documented exit code (README, "Exit codes of the service").
    failure.Report(app?.Services);
    if (app is not null)
    {
        await app.DisposeAsync();
    }

    return failure.ExitCode;
}

/// <summary>The API host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
