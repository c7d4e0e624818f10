using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OzgLive.Web.Storage;

/// <summary>
/// Applies the numbered <c>.sql</c> files embedded in this assembly, each in its own transaction
/// together with its journal row, so a migration is either wholly applied and recorded or not at all.
/// </summary>
public sealed class Migrator
{
    private const string ResourcePrefix = "OzgLive.Migrations.";

    private readonly Database database;
    private readonly TimeProvider time;
    private readonly ILogger<Migrator> logger;
    private readonly IReadOnlyList<Migration> migrations;

    public Migrator(Database database, TimeProvider time, ILogger<Migrator> logger)
        : this(database, time, logger, Embedded)
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

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    public void ApplyAll()
    {
        using var connection = database.Open();
        // WAL lets readers (page renders, snapshots) go on while a command writes. It is a property
        // of the file, so setting it once here is enough.
        connection.Execute("PRAGMA journal_mode = WAL;");
        // A migration may rebuild a table (SQLite cannot change a CHECK constraint in place). With
        // foreign keys on, dropping the old table would delete every row that points at it through ON
        // DELETE CASCADE; so they are off while migrating (SQLite ignores the pragma inside a
        // transaction, hence here) and checked before each commit instead. Database.Open turns them
        // on again for every other connection.
        connection.Execute("PRAGMA foreign_keys = OFF;");
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_journal (
                id           TEXT NOT NULL PRIMARY KEY,
                applied_utc  TEXT NOT NULL
            );
            """);

        foreach (var migration in migrations)
        {
            using var transaction = Database.BeginWrite(connection);
            var done = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM schema_journal WHERE id = @Id", new { migration.Id }, transaction);
            if (done > 0)
            {
                continue;
            }

            try
            {
                connection.Execute(migration.Sql, transaction: transaction);
                if (connection.Query("PRAGMA foreign_key_check", transaction: transaction).Any())
                {
                    throw new InvalidOperationException($"Migration {migration.Id} left rows pointing at rows that do not exist; it was rolled back.");
                }
            }
            catch (SqliteException ex)
            {
                // The transaction is rolled back on dispose; say which file broke so the operator
                // does not have to guess from a bare SQLite message.
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

    /// <summary>The ids of embedded migrations not yet recorded in the journal (empty when ready).</summary>
    public IReadOnlyList<string> Pending()
    {
        using var connection = database.Open();
        var journalExists = connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_journal'") > 0;
        var applied = journalExists
            ? connection.Query<string>("SELECT id FROM schema_journal").ToHashSet(StringComparer.Ordinal)
            : [];
        return migrations.Select(m => m.Id).Where(id => !applied.Contains(id)).ToList();
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new Migration(
                Id: Path.GetFileNameWithoutExtension(name[ResourcePrefix.Length..]),
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
