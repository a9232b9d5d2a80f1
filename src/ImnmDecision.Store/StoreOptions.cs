namespace ImnmDecision.Store;

/// <summary>
/// Where the store lives (<c>Store</c> section): PostgreSQL when <see cref="ConnectionString"/> is set, else a
/// SQLite file at <see cref="SqlitePath"/>; and how long entries are kept.
/// </summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Store";

    /// <summary>An Npgsql connection string; when set, the store is PostgreSQL (shared by every instance).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The SQLite file used when no connection string is set (relative to the content root).</summary>
    public string SqlitePath { get; set; } = "data/imnm-store.db";

    /// <summary>Days feedback, shown cards and audit entries are kept; older ones are deleted hourly.</summary>
    public int RetentionDays { get; set; } = 400;

    /// <summary>True when the store is PostgreSQL.</summary>
    public bool IsPostgres => !string.IsNullOrWhiteSpace(ConnectionString);
}
