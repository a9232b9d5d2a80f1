using ImnmDecision.Api.Endpoints;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Logging;
using ImnmDecision.Api.Middleware;
using ImnmDecision.Api.OpenApi;
using ImnmDecision.Api.Problems;

var builder = WebApplication.CreateBuilder(args);

builder.AddImnmLogging();
builder.AddImnmEngine();
builder.AddImnmProblemDetails();
builder.Services.AddImnmSwagger();
builder.Services.AddCdsHooks(builder.Configuration);

var app = builder.Build();
app.LoadRuleset();

app.UseRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodeProblems();
app.UseRouting();
app.UseRouteCapture();
app.UseRulesetVersionPin();
app.UseRequestBodyLimit();
app.UseImnmSwagger();

var v1 = app.MapApiV1();
v1.MapAssessments();
v1.MapRuleset();
v1.MapRules();
v1.MapCitations();
v1.MapBatch();

app.MapHealth();
app.MapCdsHooks();

try
{
    await app.RunAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
{
    // A setting that cannot work stops start-up with one line that says which and why, not a stack trace.
    await Console.Error.WriteLineAsync($"ImnmDecision cannot start: {string.Join(" ", invalid.Failures)}");
    return 78; // EX_CONFIG
}

return 0;

/// <summary>The API host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
