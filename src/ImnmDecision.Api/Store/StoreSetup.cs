using ImnmDecision.Store;
using Microsoft.Extensions.Options;

namespace ImnmDecision.Api.Store;

/// <summary>
/// The durable store (<c>Store</c> section): SQLite in a file by default, PostgreSQL when
/// <c>Store:ConnectionString</c> is set; opened and migrated at start-up (an unreachable store stops start-up with
/// exit code 69), purged hourly by retention. Audit entries are written
/// off the request path by <see cref="AuditQueue"/>.
/// </summary>
internal static class StoreSetup
{
    public static WebApplicationBuilder AddImnmStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StoreOptions>()
            .Bind(builder.Configuration.GetSection(StoreOptions.Section))
            .Validate(options => options.RetentionDays > 0, "Store:RetentionDays must be above 0.")
            .Validate(options => options.IsPostgres || !string.IsNullOrWhiteSpace(options.SqlitePath), "Store:SqlitePath must be set when Store:ConnectionString is not.")
            .ValidateOnStart();
        builder.Services.AddSingleton<StoreState>();
        builder.Services.AddSingleton(services => services.GetRequiredService<StoreState>().Store
            ?? throw new InvalidOperationException("The store is not open yet."));
        builder.Services.AddSingleton<AuditQueue>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddHostedService<StoreMaintenance>();
        return builder;
    }

    /// <summary>Opens the store and applies its migrations; throws <see cref="StoreUnavailableException"/> when it cannot.</summary>
    public static async Task<WebApplication> OpenStoreAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var store = await DecisionStore.OpenAsync(options, app.Environment.ContentRootPath);
        app.Services.GetRequiredService<StoreState>().Opened(store);
        var audit = app.Services.GetRequiredService<AuditQueue>();
        audit.Start();

        // After the server has answered its last request: write the queued audit entries, then close the store.
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            audit.DrainAsync().GetAwaiter().GetResult();
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        if (app.Logger.IsEnabled(LogLevel.Information))
        {
            app.Logger.LogInformation("Store: {StoreDescription}, schema migrated, retention {RetentionDays} days", store.Description, options.RetentionDays);
        }

        return app;
    }
}
