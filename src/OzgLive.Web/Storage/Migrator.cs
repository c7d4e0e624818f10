using System.Data;
using System.Data.Common;
using System.Reflection;
using Dapper;

namespace OzgLive.Web.Storage;

/// <summary>
/// Applies the numbered <c>.sql</c> files embedded in this assembly, each in its own transaction
/// together with its journal row, so a migration is either wholly applied and recorded or not at all.
/// Each number exists twice: in SQLite's dialect (Storage/Migrations/) and PostgreSQL's
/// (Storage/Migrations/postgres/); the app refuses to start while one of a pair is missing, so
/// neither engine can silently fall behind the other.
/// </summary>
public sealed class Migrator
{
    private readonly Database database;
    private readonly TimeProvider time;
    private readonly ILogger<Migrator> logger;
    private readonly IReadOnlyList<Migration> migrations;

    public Migrator(Database database, TimeProvider time, ILogger<Migrator> logger)
        : this(database, time, logger, EmbeddedChecked(database.Provider))
    {
    }

    /// <summary>Over a given list instead of the embedded files: lets tests play an older or a broken build.</summary>
    internal Migrator(Database database, TimeProvider time, ILogger<Migrator> logger, IReadOnlyList<Migration> migrations)
    {
        this.database = database;
        this.time = time;
        this.logger = logger;
        this.migrations = migrations;
    }

    /// <summary>SQLite's migrations.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded(SqlDialect.Sqlite);

    /// <summary>PostgreSQL's twins of the same numbers.</summary>
    public static IReadOnlyList<Migration> EmbeddedPostgres { get; } = LoadEmbedded(SqlDialect.Postgres);

    public static IReadOnlyList<Migration> EmbeddedFor(StorageProvider provider) =>
        provider == StorageProvider.Postgres ? EmbeddedPostgres : Embedded;

    /// <summary>The ids that exist for one engine and not the other (empty when every migration has its twin).</summary>
    public static IReadOnlyList<string> MissingTwins(IReadOnlyList<Migration> sqlite, IReadOnlyList<Migration> postgres)
    {
        var sqliteIds = sqlite.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var postgresIds = postgres.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return [
            .. sqliteIds.Except(postgresIds).Order(StringComparer.Ordinal).Select(id => $"Storage/Migrations/postgres/{id}.sql (twin of Storage/Migrations/{id}.sql)"),
            .. postgresIds.Except(sqliteIds).Order(StringComparer.Ordinal).Select(id => $"Storage/Migrations/{id}.sql (twin of Storage/Migrations/postgres/{id}.sql)"),
        ];
    }

    private static IReadOnlyList<Migration> EmbeddedChecked(StorageProvider provider)
    {
        var missing = MissingTwins(Embedded, EmbeddedPostgres);
        if (missing.Count > 0)
        {
            // A build whose two schema histories differ would drift apart on one engine unnoticed.
            throw new InvalidOperationException(
                "Every migration needs its twin in the other SQL dialect; missing: " + string.Join(", ", missing) + ".");
        }

        return EmbeddedFor(provider);
    }

    public void ApplyAll()
    {
        using var connection = database.Open();
        if (database.Provider == StorageProvider.Sqlite)
        {
            // WAL lets readers (page renders, snapshots) go on while a command writes. It is a property
            // of the file, so setting it once here is enough.
            connection.Execute("PRAGMA journal_mode = WAL;");
            // A migration may rebuild a table (SQLite cannot change a CHECK constraint in place). With
            // foreign keys on, dropping the old table would delete every row that points at it through ON
            // DELETE CASCADE; so they are off while migrating (SQLite ignores the pragma inside a
            // transaction, hence here) and checked before each commit instead. Database.Open turns them
            // on again for every other connection.
            connection.Execute("PRAGMA foreign_keys = OFF;");
        }

        if (database.Dialect.MigrationLock is { } firstLock)
        {
            // Two nodes starting at once: the second waits here instead of failing on CREATE TABLE.
            using var creating = Database.BeginWrite(connection);
            connection.Execute(firstLock, transaction: creating);
            CreateJournal(connection, creating);
            creating.Commit();
        }
        else
        {
            CreateJournal(connection, null);
        }

        foreach (var migration in migrations)
        {
            using var transaction = Database.BeginWrite(connection);
            if (database.Dialect.MigrationLock is { } migrationLock)
            {
                connection.Execute(migrationLock, transaction: transaction);
            }

            var done = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM schema_journal WHERE id = @Id", new { migration.Id }, transaction);
            if (done > 0)
            {
                continue;
            }

            try
            {
                connection.Execute(migration.Sql, transaction: transaction);
                // PostgreSQL checks foreign keys in the migration itself (ALTER TABLE changes a CHECK in place).
                if (database.Provider == StorageProvider.Sqlite && connection.Query("PRAGMA foreign_key_check", transaction: transaction).Any())
                {
                    throw new InvalidOperationException($"Migration {migration.Id} left rows pointing at rows that do not exist; it was rolled back.");
                }
            }
            catch (DbException ex)
            {
                // The transaction is rolled back on dispose; say which file broke so the operator
                // does not have to guess from a bare database message.
                throw new InvalidOperationException($"Migration {migration.Id} failed and was rolled back: {ex.Message}", ex);
            }

            connection.Execute(
                "INSERT INTO schema_journal (id, applied_utc) VALUES (@Id, @At)",
                new { migration.Id, At = time.GetUtcNow() },
                transaction);
            transaction.Commit();
            logger.LogInformation("Applied migration {MigrationId}", migration.Id);
        }
    }

    private static void CreateJournal(IDbConnection connection, IDbTransaction? transaction) =>
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_journal (
                id           TEXT NOT NULL PRIMARY KEY,
                applied_utc  TEXT NOT NULL
            );
            """, transaction: transaction);

    /// <summary>The ids of embedded migrations not yet recorded in the journal (empty when ready).</summary>
    public IReadOnlyList<string> Pending()
    {
        using var connection = database.Open();
        var journalExists = connection.ExecuteScalar<long>(
            database.Dialect.JournalExists) > 0;
        var applied = journalExists
            ? connection.Query<string>("SELECT id FROM schema_journal").ToHashSet(StringComparer.Ordinal)
            : [];
        return migrations.Select(m => m.Id).Where(id => !applied.Contains(id)).ToList();
    }

    private static List<Migration> LoadEmbedded(SqlDialect dialect)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = dialect.MigrationResources;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new Migration(
                Id: Path.GetFileNameWithoutExtension(name[prefix.Length..]),
                Sql: Read(assembly, name)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed record Migration(string Id, string Sql);
