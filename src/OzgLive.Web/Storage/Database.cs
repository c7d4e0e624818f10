using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OzgLive.Web.Storage;

/// <summary>Which engine holds the data: the embedded SQLite file (default) or a PostgreSQL server.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Opens connections to the one database: the SQLite file (each connection with the same pragmas) or
/// PostgreSQL (from Npgsql's pooled data source). Everything above this class talks
/// <see cref="DbConnection"/> and portable SQL; what cannot be portable is in <see cref="Dialect"/>.
/// </summary>
public sealed class Database : IDisposable
{
    private readonly NpgsqlDataSource? postgres;

    /// <summary>A SQLite database (tests and tools that open a file directly).</summary>
    public Database(string connectionString)
        : this(StorageProvider.Sqlite, connectionString)
    {
    }

    public Database(StorageProvider provider, string connectionString)
    {
        Provider = provider;
        Dialect = SqlDialect.For(provider);
        if (provider == StorageProvider.Postgres)
        {
            // The data source owns the pool: connections closed by the app go back to it, and broken
            // ones (server restarted) are dropped and replaced on the next open, so the app recovers by itself.
            postgres = NpgsqlDataSource.Create(connectionString);
            ConnectionString = connectionString;
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            FilePath = "";
            Description = $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            ConnectionString = builder.ToString();
            FilePath = builder.DataSource;
            Description = $"SQLite database {FilePath}";
        }
    }

    public StorageProvider Provider { get; }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file; empty for PostgreSQL.</summary>
    public string FilePath { get; }

    /// <summary>For messages: which database, never its password.</summary>
    public string Description { get; }

    public DbConnection Open()
    {
        if (postgres is not null)
        {
            return postgres.OpenConnection();
        }

        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        // Foreign keys and the busy timeout are per connection in SQLite, so every connection sets them.
        pragmas.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Starts a write transaction. SQLite: one that takes the write lock at once (BEGIN IMMEDIATE), so a
    /// read-then-write never fails half-way with SQLITE_BUSY when another writer got there first.
    /// PostgreSQL: READ COMMITTED; writers that must not interleave lock the row they depend on first
    /// (EventChanges locks the event's row), which serializes them across app nodes too.
    /// </summary>
    public static DbTransaction BeginWrite(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false),
        _ => connection.BeginTransaction(IsolationLevel.ReadCommitted),
    };

    /// <summary>
    /// Starts a transaction for reads that must see one consistent state. SQLite: deferred (a read
    /// snapshot in WAL mode, no write lock). PostgreSQL: REPEATABLE READ, its snapshot of the same kind.
    /// </summary>
    public static DbTransaction BeginRead(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => sqlite.BeginTransaction(deferred: true),
        _ => connection.BeginTransaction(IsolationLevel.RepeatableRead),
    };

    /// <summary>A constraint refused the write (unique, foreign key, check, not null), on either engine.</summary>
    public static bool IsConstraintViolation(Exception ex) => ex switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */,
        PostgresException pg => pg.SqlState.StartsWith("23", StringComparison.Ordinal) /* integrity_constraint_violation */,
        _ => false,
    };

    /// <summary>A foreign key refused the write: the row it points to does not exist (any more).</summary>
    public static bool IsForeignKeyViolation(Exception ex) => ex switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("FOREIGN KEY", StringComparison.OrdinalIgnoreCase),
        PostgresException pg => pg.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    /// <summary>The database could not be reached or failed underneath (not a refused statement), here or in an inner exception.</summary>
    public static bool IsUnavailable(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            var unavailable = current switch
            {
                // Class 08: connection exception; 57P: the server shut down or is still starting.
                PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
                NpgsqlException => true,
                SqliteException sqlite => sqlite.SqliteErrorCode is 5 /* BUSY */ or 10 /* IOERR */ or 14 /* CANTOPEN */,
                _ => false,
            };
            if (unavailable)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Called when the server was found gone: the pooled connections to it are dead too, and would each
    /// fail once more after it is back. Dropping them now makes the first requests afterwards open new ones.
    /// </summary>
    public void ForgetPooledConnections() => postgres?.Clear();

    public void Dispose() => postgres?.Dispose();
}
