using System.Data;
using System.Globalization;
using Npgsql;

namespace OzgLive.Web.Storage;

/// <summary>
/// The little SQL that cannot be written once for both engines. Everything else is portable
/// (<c>INSERT ... ON CONFLICT DO NOTHING</c>, <c>RETURNING</c>, times as ISO-8601 UTC text, flags as
/// 0/1 integers); stores use these pieces instead of asking which engine they talk to.
/// </summary>
/// <param name="Provider">The engine.</param>
/// <param name="MigrationResources">The prefix of this engine's embedded migrations (OzgLive.Web.csproj): SQLite's are
/// Storage/Migrations/*.sql, PostgreSQL's twins Storage/Migrations/postgres/*.sql.</param>
/// <param name="ForUpdate">Appended to a SELECT to lock the rows it reads until the transaction ends; SQLite's
/// write transaction already holds the one database-wide write lock, so it needs nothing.</param>
/// <param name="JournalExists">Counts the schema_journal table in the catalogue (0 or 1).</param>
/// <param name="MigrationLock">Run first in each migration's transaction, so that nodes starting together apply
/// migrations one after the other; null where the write transaction already excludes the others (SQLite).</param>
/// <param name="InList">How a column is matched against a list parameter ({0}): Dapper spreads a list into
/// <c>IN (@p1, @p2, …)</c> for SQLite but passes it to Npgsql as one array, which PostgreSQL matches with <c>= ANY</c>.</param>
public sealed record SqlDialect(StorageProvider Provider, string MigrationResources, string ForUpdate, string JournalExists, string? MigrationLock, string InList)
{
    public static readonly SqlDialect Sqlite = new(
        StorageProvider.Sqlite,
        MigrationResources: "OzgLive.Migrations.",
        ForUpdate: "",
        JournalExists: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_journal'",
        MigrationLock: null,
        InList: "IN {0}");

    public static readonly SqlDialect Postgres = new(
        StorageProvider.Postgres,
        MigrationResources: "OzgLive.PostgresMigrations.",
        ForUpdate: " FOR UPDATE",
        JournalExists: "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_journal'",
        // Any constant key: the lock is held to the end of the transaction.
        MigrationLock: "SELECT pg_advisory_xact_lock(26101)",
        InList: "= ANY({0})");

    public static SqlDialect For(StorageProvider provider) => provider == StorageProvider.Postgres ? Postgres : Sqlite;

    /// <summary>The dialect of an open connection, for code that is handed a connection rather than the <see cref="Database"/>.</summary>
    public static SqlDialect Of(IDbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;

    /// <summary>"IN @ids" on SQLite, "= ANY(@ids)" on PostgreSQL: <c>WHERE id {dialect.In("@ids")}</c>.</summary>
    public string In(string listParameter) => string.Format(CultureInfo.InvariantCulture, InList, listParameter);
}
