using Microsoft.Data.Sqlite;
using Npgsql;

namespace OzgLive.Web.Storage;

/// <summary>
/// The folder that holds all state (the SQLite file with its WAL, and <c>keys/</c>), or the PostgreSQL server. Checked once
/// before the app serves anything, so a folder that cannot be created or written stops the start
/// with one sentence naming the folder and the setting, instead of a stack trace from the first
/// request that happens to write.
/// </summary>
public static class DataFolder
{
    private const string Setting = "ConnectionStrings:OzgLive (ConnectionStrings__OzgLive)";

    /// <summary>Creates the database file's folder when missing.</summary>
    /// <exception cref="StorageUnavailableException">It cannot be created.</exception>
    public static void Create(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException(
                $"The data folder {folder} does not exist and cannot be created ({ex.Message}). Create it, or point {Setting} at a writable place.", ex);
        }
    }

    /// <summary>
    /// Opens the database for writing once: a read-only folder or file fails here, and so does a
    /// PostgreSQL server that cannot be reached or refuses the sign-in.
    /// </summary>
    /// <exception cref="StorageUnavailableException">The database cannot be opened or written.</exception>
    public static void EnsureWritable(Database database)
    {
        if (database.Provider == StorageProvider.Postgres)
        {
            EnsureReachable(database);
            return;
        }

        try
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            // An empty write transaction still takes the write lock, which a read-only file refuses.
            command.CommandText = "BEGIN IMMEDIATE; COMMIT;";
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 3 /* PERM */ or 8 /* READONLY */ or 14 /* CANTOPEN */ or 10 /* IOERR */)
        {
            throw new StorageUnavailableException(
                $"The database {database.FilePath} cannot be opened for writing (SQLite: {ex.Message}). Make its folder writable for this process, or point {Setting} at a writable place.", ex);
        }
    }

    private static void EnsureReachable(Database database)
    {
        try
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.ExecuteScalar();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ArgumentException)
        {
            // The message names server and database, never the password.
            throw new StorageUnavailableException(
                $"The {database.Description} cannot be reached ({ex.Message}). Start it, or point {Setting} at a reachable PostgreSQL server.", ex);
        }
    }
}

/// <summary>The data folder or the database cannot be used: the app cannot start.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
