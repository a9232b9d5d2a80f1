using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ImnmDecision.Store;

/// <summary>
/// The durable store: CDS feedback and the cards it answers, the assessment audit and JWT ids. SQLite in a file
/// by default, PostgreSQL when a connection string is configured (then shared by every instance). Holds codes,
/// counts, ids and times; never a finding, a caseId, a patient id, a token or free text.
/// </summary>
public sealed class DecisionStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource? postgres;
    private readonly string? sqlite;

    private DecisionStore(NpgsqlDataSource? postgres, string? sqlite, string description)
    {
        this.postgres = postgres;
        this.sqlite = sqlite;
        Description = description;
    }

    /// <summary>What the store is, for the start-up log (provider and file or host; never a password).</summary>
    public string Description { get; }

    /// <summary>True when the store is PostgreSQL.</summary>
    public bool IsPostgres => postgres is not null;

    /// <summary>
    /// Opens the store and applies its migrations; throws <see cref="StoreUnavailableException"/> when it cannot
    /// (unreachable server, refused login, unwritable file).
    /// </summary>
    public static async Task<DecisionStore> OpenAsync(StoreOptions options, string contentRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        DecisionStore store;
        if (options.IsPostgres)
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException exception)
            {
                throw new StoreUnavailableException("Store:ConnectionString is not a valid PostgreSQL connection string.", exception);
            }

            store = new DecisionStore(NpgsqlDataSource.Create(builder.ConnectionString), null, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        }
        else
        {
            var path = Path.GetFullPath(options.SqlitePath, contentRoot);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new StoreUnavailableException($"The folder of the SQLite store {path} cannot be created: {exception.Message}", exception);
            }

            var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
            store = new DecisionStore(null, connection, $"SQLite {path}");
        }

        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await StoreSchema.MigrateAsync(connection, store.IsPostgres, cancellationToken);
            return store;
        }
        catch (Exception exception) when (exception is DbException or IOException or TimeoutException or InvalidOperationException)
        {
            await store.DisposeAsync();
            throw new StoreUnavailableException($"{store.Description} cannot be opened or migrated: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Records feedback once: false when feedback with the same identity is already stored. The feedback keeps
    /// the kind and ruleset of the card it answers, when this store recorded the card being shown.
    /// </summary>
    public async Task<bool> RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            "INSERT INTO feedback (identity, service_id, card_id, outcome, override_reason, accepted_suggestions, at_ms, client_id, received_ms, card_kind, ruleset_tag) "
            + "VALUES (@identity, @service, @card, @outcome, @reason, @accepted, @at, @client, @received, "
            + "(SELECT kind FROM shown_card WHERE card_id = @card), (SELECT ruleset_tag FROM shown_card WHERE card_id = @card)) ON CONFLICT (identity) DO NOTHING",
            ("identity", feedback.Identity), ("service", feedback.ServiceId), ("card", feedback.CardId), ("outcome", feedback.Outcome),
            ("reason", feedback.OverrideReason), ("accepted", (long)feedback.AcceptedSuggestions), ("at", feedback.At.ToUnixTimeMilliseconds()),
            ("client", feedback.ClientId), ("received", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Records what a CDS call answered, in one transaction: its cards (ids, service, kind of card, ruleset; no
    /// card text) and its audit entry.
    /// </summary>
    public async Task RecordCallAsync(IReadOnlyList<ShownCard> cards, AuditRecord audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(audit);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var card in cards)
        {
            await using var command = Command(
                connection,
                "INSERT INTO shown_card (card_id, service_id, kind, ruleset_tag, at_ms) VALUES (@card, @service, @kind, @ruleset, @at) ON CONFLICT (card_id) DO NOTHING",
                ("card", card.CardId), ("service", card.ServiceId), ("kind", card.Kind), ("ruleset", card.RulesetTag), ("at", card.At.ToUnixTimeMilliseconds()));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = AuditCommand(connection, audit))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Writes one audit entry.</summary>
    public Task RecordAuditAsync(AuditRecord entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return RecordAuditsAsync([entry], cancellationToken);
    }

    /// <summary>Writes audit entries in one transaction (one commit, so one disk flush, for the lot).</summary>
    public async Task RecordAuditsAsync(IReadOnlyList<AuditRecord> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One command, prepared once, its parameters set anew for each entry.
        DbCommand? command = null;
        try
        {
            foreach (var entry in entries)
            {
                var values = AuditValues(entry);
                if (command is null)
                {
                    command = AuditCommand(connection, values);
                    command.Transaction = transaction;
                }
                else
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static (string Name, object? Value)[] AuditValues(AuditRecord entry) =>
    [
        ("id", entry.AssessmentId.ToString("D")), ("at", entry.At.ToUnixTimeMilliseconds()), ("door", entry.Door), ("client", entry.ClientId),
        ("ruleset", entry.RulesetTag), ("subtype", entry.Subtype), ("certainty", entry.Certainty), ("alerts", entry.AlertIds),
        ("duration", (long)(entry.DurationMs * 1000)), ("cases", entry.Cases), ("errors", entry.Errors),
    ];

    /// <summary>
    /// Records a JWT id until it expires; false when the id is already held and not expired (a replay, whichever
    /// instance saw it first). Called only for a token whose signature and claims have been verified.
    /// </summary>
    public async Task<bool> TryRecordJtiAsync(string key, DateTimeOffset keepUntil, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            "INSERT INTO jti (jti_key, expires_ms) VALUES (@key, @until) "
            + "ON CONFLICT (jti_key) DO UPDATE SET expires_ms = excluded.expires_ms WHERE jti.expires_ms <= @now",
            ("key", key), ("until", keepUntil.ToUnixTimeMilliseconds()), ("now", now.ToUnixTimeMilliseconds()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Deletes entries older than the retention and expired JWT ids; returns how many rows went.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset now, int retentionDays, CancellationToken cancellationToken = default)
    {
        var before = now.AddDays(-Math.Max(1, retentionDays)).ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(cancellationToken);
        var deleted = 0;
        foreach (var (table, column, limit) in new[] { ("feedback", "at_ms", before), ("shown_card", "at_ms", before), ("audit", "at_ms", before), ("jti", "expires_ms", now.ToUnixTimeMilliseconds()) })
        {
            await using var command = Command(connection, $"DELETE FROM {table} WHERE {column} < @limit", ("limit", limit));
            deleted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }

    /// <summary>The feedback summary from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), optionally for one ruleset.</summary>
    public async Task<FeedbackSummary> FeedbackSummaryAsync(DateTimeOffset from, DateTimeOffset to, string? rulesetTag, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await StoreSummaries.FeedbackAsync(connection, from, to, rulesetTag, cancellationToken);
    }

    /// <summary>The audit summary from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public async Task<AuditSummary> AuditSummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await StoreSummaries.AuditAsync(connection, from, to, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }

    internal static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Fixed SQL from this assembly; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            parameter.DbType = value is long ? DbType.Int64 : DbType.String;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static DbCommand AuditCommand(DbConnection connection, AuditRecord entry) => AuditCommand(connection, AuditValues(entry));

    private static DbCommand AuditCommand(DbConnection connection, (string Name, object? Value)[] values) => Command(
        connection,
        "INSERT INTO audit (assessment_id, at_ms, door, client_id, ruleset_tag, subtype, certainty, alert_ids, duration_us, cases, errors) "
        + "VALUES (@id, @at, @door, @client, @ruleset, @subtype, @certainty, @alerts, @duration, @cases, @errors) ON CONFLICT (assessment_id) DO NOTHING",
        values);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (postgres is not null)
        {
            return await postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(sqlite);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
