using System.Data;
using Microsoft.Data.Sqlite;

namespace OzgLive.Web.Storage;

/// <summary>Opens connections to the one SQLite file, each with the same pragmas.</summary>
public sealed class Database
{
    public Database(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        ConnectionString = builder.ToString();
        FilePath = builder.DataSource;
    }

    public string ConnectionString { get; }

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        // Foreign keys and the busy timeout are per connection in SQLite, so every connection sets them.
        pragmas.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Starts a write transaction that takes the write lock at once (BEGIN IMMEDIATE), so a
    /// read-then-write never fails half-way with SQLITE_BUSY when another writer got there first.
    /// </summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) =>
        connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
}
