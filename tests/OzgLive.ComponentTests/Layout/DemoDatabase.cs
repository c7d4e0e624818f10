using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OzgLive.Web.Demo;
using OzgLive.Web.Storage;

namespace OzgLive.ComponentTests.Layout;

/// <summary>A real SQLite file, migrated like the app's, with the demo content or nothing in it.</summary>
internal sealed class DemoDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ozglive-components-").FullName;

    private DemoDatabase()
    {
        UtcTimeHandler.Register();
        Database = new Database($"Data Source={Path.Combine(folder, "ozglive.db")}");
        new Migrator(Database, TimeProvider.System, NullLogger<Migrator>.Instance).ApplyAll();
    }

    public Database Database { get; }

    public static async Task<DemoDatabase> CreateAsync(bool demo)
    {
        var db = new DemoDatabase();
        if (demo)
        {
            await new DemoContent(db.Database, TimeProvider.System, NullLogger<DemoContent>.Instance).SeedIfEmptyAsync();
        }

        return db;
    }

    /// <summary>Puts the demo broadcast on air, as the clock would.</summary>
    public async Task SetStatusAsync(string slug, string status)
    {
        await using var connection = Database.Open();
        await connection.ExecuteAsync("UPDATE events SET status = @status WHERE slug = @slug", new { status, slug });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is cleaned by the OS.
        }
    }
}
