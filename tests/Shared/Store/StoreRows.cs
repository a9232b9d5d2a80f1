using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ImnmDecision.Tests.Store;

/// <summary>
/// Reads rows of the store's tables straight from the database (SQLite file or PostgreSQL), for tests that check
/// what was written where no endpoint shows it (client ids, certainty, alert ids, card kinds).
/// </summary>
public static class StoreRows
{
    /// <summary>The rows of a query, each value as text (null for SQL NULL).</summary>
    public static async Task<List<string?[]>> ReadAsync(string? sqlitePath, string? postgresConnectionString, string sql)
    {
        await using DbConnection connection = postgresConnectionString is { Length: > 0 }
            ? new NpgsqlConnection(postgresConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test queries written in the tests.
        command.CommandText = sql;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The rows, reading the store a test host was given in its settings (<c>Store:SqlitePath</c> or <c>Store:ConnectionString</c>).</summary>
    public static Task<List<string?[]>> ReadAsync(IReadOnlyDictionary<string, string?> settings, string sql)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ReadAsync(settings.GetValueOrDefault("Store:SqlitePath"), settings.GetValueOrDefault("Store:ConnectionString"), sql);
    }
}
