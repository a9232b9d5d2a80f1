using FluentValidation;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Api.Hosting;

/// <summary>Registers the engine and loads the ruleset once at start-up.</summary>
internal static class EngineSetup
{
    /// <summary>Registers the ruleset, the engine, the findings validator and the contract's JSON settings.</summary>
    public static WebApplicationBuilder AddImnmEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RulesetState>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<RulesetState>().Ruleset
            ?? throw new InvalidOperationException("The ruleset is not loaded yet."));
        // Assessment ids are UUIDv7 (RFC 9562): time-ordered, so each audit entry lands at the end of the store's
        // index on the id instead of at a random page of it. Random (v4) ids made every commit rewrite a page per
        // entry, a cost that grew with the audit table (measured: about 5% of the API's CPU per request after
        // 200,000 entries). The id tells no more than the audit entry's own time; the CLI keeps v4 ids.
        builder.Services.AddSingleton(sp => new AssessmentEngine(sp.GetRequiredService<Ruleset>(), Guid.CreateVersion7));
        // The single answer's JSON: the fast variant's writer (the same bytes as the serializer's, proven by the differential test).
        builder.Services.AddSingleton(EngineVariants.Fast.Answers);
        // Every validator of the engine, so each door validates alike; singletons: they hold no state.
        builder.Services.AddValidatorsFromAssemblyContaining<FindingsValidator>(ServiceLifetime.Singleton);
        builder.Services.AddSingleton<RuleCatalog>();
        builder.Services.ConfigureHttpJsonOptions(options => ImnmJson.Configure(options.SerializerOptions));

        // Binding failures throw BadHttpRequestException (caught by ApiExceptionHandler and answered as problem
        // details naming the JSON path) instead of a bare 400; the handler never runs after one.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>
    /// Loads and validates the ruleset. A missing ruleset or one with defects throws <see cref="RulesetLoadException"/>,
    /// which Program.cs turns into one fatal log line listing every defect (file and JSON path) and exit code 2.
    /// </summary>
    public static WebApplication LoadRuleset(this WebApplication app)
    {
        var folder = RulesFolder.Resolve(app.Configuration, app.Environment.ContentRootPath);
        var ruleset = RulesetLoader.Load(folder);
        app.Services.GetRequiredService<RulesetState>().Loaded(ruleset, folder);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ImnmDecision.Api.Ruleset");
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Loaded ruleset {RulesetId} {RulesetVersion} (sha256 {RulesetSha256}) from {RulesFolder}: {RuleCount} rules, {CitationCount} citations",
                ruleset.Identity.Id, ruleset.Identity.Version, ruleset.Identity.Sha256, folder, ruleset.Rules.Count, ruleset.Citations.Count);
        }

        return app;
    }
}
