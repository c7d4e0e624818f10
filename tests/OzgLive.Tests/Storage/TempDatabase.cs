using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Storage;

/// <summary>A real SQLite file in its own temp folder, opened the way the app opens it.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        UtcTimeHandler.Register();
        Folder = Directory.CreateTempSubdirectory("ozglive-storage-").FullName;
        Database = new Database($"Data Source={Path.Combine(Folder, "ozglive.db")}");
    }

    public string Folder { get; }

    public Database Database { get; }

    public FakeTimeProvider Time { get; } = TestApp.NewClock();

    public Migrator Migrator(IReadOnlyList<Migration>? migrations = null) =>
        new(Database, Time, NullLogger<Migrator>.Instance, migrations ?? Web.Storage.Migrator.Embedded);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is cleaned by the OS.
        }
    }
}
