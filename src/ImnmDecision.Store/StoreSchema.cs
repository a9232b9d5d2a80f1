using System.Data.Common;

namespace ImnmDecision.Store;

/// <summary>
/// The store's schema as numbered migrations, applied in order at start-up inside one transaction (PostgreSQL
/// takes an advisory lock first, so instances starting together migrate once). SQL common to SQLite and
/// PostgreSQL: TEXT and BIGINT columns, times as Unix milliseconds.
/// </summary>
internal static class StoreSchema
{
    private const long MigrationLockId = 0x494D4E4D; // "IMNM"

    private static readonly string[][] Migrations =
    [
        [
            "CREATE TABLE feedback (identity TEXT PRIMARY KEY, service_id TEXT NOT NULL, card_id TEXT NOT NULL, outcome TEXT NOT NULL, "
                + "override_reason TEXT NULL, accepted_suggestions BIGINT NOT NULL, at_ms BIGINT NOT NULL, client_id TEXT NULL, received_ms BIGINT NOT NULL)",
            "CREATE INDEX feedback_at ON feedback (at_ms)",
            "CREATE INDEX feedback_card ON feedback (card_id)",
            "CREATE TABLE shown_card (card_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, kind TEXT NOT NULL, ruleset_tag TEXT NOT NULL, at_ms BIGINT NOT NULL)",
            "CREATE INDEX shown_card_at ON shown_card (at_ms)",
            "CREATE TABLE audit (assessment_id TEXT PRIMARY KEY, at_ms BIGINT NOT NULL, door TEXT NOT NULL, client_id TEXT NULL, "
                + "ruleset_tag TEXT NOT NULL, subtype TEXT NULL, certainty TEXT NULL, alert_ids TEXT NULL, duration_us BIGINT NOT NULL, "
                + "cases BIGINT NOT NULL, errors BIGINT NOT NULL)",
            "CREATE INDEX audit_at ON audit (at_ms)",
            "CREATE TABLE jti (jti_key TEXT PRIMARY KEY, expires_ms BIGINT NOT NULL)",
            "CREATE INDEX jti_expires ON jti (expires_ms)",
        ],
        [
            // Version 2: each feedback keeps the kind of card it answers and the ruleset that made the card, taken
            // from shown_card when the feedback arrives (so the summary still groups it after the card's row has
            // gone). Rows written before hold null and are grouped through shown_card as before.
            "ALTER TABLE feedback ADD COLUMN card_kind TEXT NULL",
            "ALTER TABLE feedback ADD COLUMN ruleset_tag TEXT NULL",
        ],
    ];

    /// <summary>The newest schema version.</summary>
    public static int Latest => Migrations.Length;

    /// <summary>Applies every migration newer than the database's version; returns the version now in force.</summary>
    public static async Task<int> MigrateAsync(DbConnection connection, bool postgres, CancellationToken cancellationToken)
    {
        if (!postgres)
        {
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (postgres)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockId})", cancellationToken);
        }

        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS store_schema (version BIGINT PRIMARY KEY, applied_ms BIGINT NOT NULL)", cancellationToken);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM store_schema";
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            foreach (var statement in Migrations[version - 1])
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await ExecuteAsync(
                connection, transaction,
                $"INSERT INTO store_schema (version, applied_ms) VALUES ({version}, {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()})",
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Math.Max(current, Migrations.Length);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Fixed SQL from this class, never from input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
