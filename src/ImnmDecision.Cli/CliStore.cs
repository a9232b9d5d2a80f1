using System.Data.Common;
using ImnmDecision.Store;
using ImnmDecision.Cli.Output;

namespace ImnmDecision.Cli;

/// <summary>
/// The durable store <c>imnm score</c> and <c>imnm explain</c> write their audit entries to (door <c>cli</c>;
/// a scored cohort is one entry with its counts; never a finding or a caseId), the same store and entries as the
/// API's. Found from <c>--store FILE</c> (SQLite), else the environment variable <c>Store__ConnectionString</c>
/// (PostgreSQL), else <c>Store__SqlitePath</c> (SQLite): the API's own setting names, so one deployment
/// configures both. Without any of them, nothing is audited.
/// </summary>
internal sealed class CliStore : IAsyncDisposable
{
    /// <summary>The PostgreSQL connection string variable (the API's <c>Store:ConnectionString</c>).</summary>
    public const string ConnectionStringVariable = "Store__ConnectionString";

    /// <summary>The SQLite file variable (the API's <c>Store:SqlitePath</c>).</summary>
    public const string SqlitePathVariable = "Store__SqlitePath";

    private readonly DecisionStore? store;
    private readonly CliConsole console;

    private CliStore(DecisionStore? store, CliConsole console)
    {
        this.store = store;
        this.console = console;
    }

    /// <summary>
    /// Opens and migrates the configured store; a store that needs none when nothing is configured. Null (after
    /// one line on standard error) when a configured store cannot be opened: exit with
    /// <see cref="ExitCodes.StoreUnavailable"/> before assessing anything.
    /// </summary>
    public static async Task<CliStore?> OpenAsync(string? storeFile, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = Options(storeFile, console);
        if (options is null)
        {
            return new CliStore(null, console);
        }

        try
        {
            return new CliStore(await DecisionStore.OpenAsync(options, console.WorkingDirectory, cancellationToken), console);
        }
        catch (StoreUnavailableException exception)
        {
            console.Error.WriteLine($"imnm: the audit store cannot be used ({TerminalText.Of(exception.Message)}); nothing was assessed.");
            return null;
        }
    }

    /// <summary>Writes one audit entry; a failure is one line on standard error and does not change the run's result.</summary>
    public async Task RecordAsync(AuditRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (store is null)
        {
            return;
        }

        try
        {
            await store.RecordAuditAsync(entry, cancellationToken);
        }
        catch (DbException exception)
        {
            console.Error.WriteLine($"imnm: the audit entry was not written ({exception.GetType().Name}).");
        }
    }

    public ValueTask DisposeAsync() => store?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static StoreOptions? Options(string? storeFile, CliConsole console)
    {
        if (!string.IsNullOrWhiteSpace(storeFile))
        {
            return new StoreOptions { SqlitePath = console.Resolve(storeFile) };
        }

        if (console.Environment(ConnectionStringVariable) is { Length: > 0 } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            return new StoreOptions { ConnectionString = connectionString };
        }

        return console.Environment(SqlitePathVariable) is { Length: > 0 } sqlite && !string.IsNullOrWhiteSpace(sqlite)
            ? new StoreOptions { SqlitePath = console.Resolve(sqlite) }
            : null;
    }
}
