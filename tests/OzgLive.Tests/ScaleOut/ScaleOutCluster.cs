using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.ScaleOut;

/// <summary>The tests that start processes (redis-server, app nodes) run one at a time: two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    public const string Name = "Scale-out (processes)";
}

/// <summary>
/// redis-server and two app nodes on loopback ports, with the demo content, over one database: a
/// PostgreSQL server of the cluster's own (as issue 15's failover test asks), or one SQLite file in a
/// temp folder (two processes on one file are correct: BEGIN IMMEDIATE serializes their writers).
/// Node A starts first and migrates; B joins it. The data-protection keys lie in one folder both
/// nodes use, so a sign-in or viewer token made by one node works on the other.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    public const string Slug = OzgLive.Web.Demo.DemoContent.SpotOnOzgSlug;

    private ScaleOutCluster(string folder, RedisServer redis, PostgresServer? postgres, string? connectionString, AppNode a, AppNode b)
    {
        Folder = folder;
        Postgres = postgres;
        this.connectionString = connectionString;
        Redis = redis;
        A = a;
        B = b;
    }

    private readonly string? connectionString;

    public string Folder { get; }

    /// <summary>The nodes' database server, or null when they share a SQLite file.</summary>
    public PostgresServer? Postgres { get; }

    public RedisServer Redis { get; private set; }

    public AppNode A { get; }

    public AppNode B { get; }

    /// <param name="extra">More settings for both nodes, as environment variables ("Questions__QuestionsPerViewerPerMinute").</param>
    /// <param name="onPostgres">The nodes share a database on a PostgreSQL server of their own, not a SQLite file.</param>
    public static async Task<ScaleOutCluster> StartAsync(IDictionary<string, string>? extra = null, bool onPostgres = false)
    {
        var folder = Directory.CreateTempSubdirectory("ozglive-nodes-").FullName;
        var redis = await RedisServer.StartAsync();
        PostgresServer? postgres = null;
        AppNode? a = null;
        try
        {
            // Viewer counts renewed every second: a dead node's viewers drop out after three.
            var settings = new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
            {
                ["Redis__HeartbeatInterval"] = "00:00:01",
                ["DataProtection__KeyFolder"] = Path.Combine(folder, "keys"),
            };
            string? connectionString = null;
            if (onPostgres)
            {
                postgres = await PostgresServer.StartAsync();
                connectionString = await postgres.CreateDatabaseAsync();
                settings["Storage__Provider"] = "postgres";
                settings["ConnectionStrings__OzgLive"] = connectionString;
            }

            a = await AppNode.StartAsync("node A", folder, redis.Configuration, settings);
            var b = await AppNode.StartAsync("node B", folder, redis.Configuration, settings);
            return new ScaleOutCluster(folder, redis, postgres, connectionString, a, b);
        }
        catch
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }

            await redis.DisposeAsync();
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Kills Redis (SIGKILL), as a crashed or unreachable server.</summary>
    public void KillRedis() => Redis.Kill();

    /// <summary>Starts Redis again on the same port, empty, where the nodes look for it.</summary>
    public async Task RestartRedisAsync()
    {
        var port = Redis.Port;
        await Redis.DisposeAsync();
        Redis = await RedisServer.StartAsync(port);
    }

    /// <summary>Reads the shared database directly, as it is stored.</summary>
    public DbConnection OpenDatabase()
    {
        DbConnection connection = connectionString is null
            ? new SqliteConnection($"Data Source={Path.Combine(Folder, "ozglive.db")};Mode=ReadOnly;Pooling=False")
            : new NpgsqlConnection(connectionString + ";Pooling=false");
        connection.Open();
        return connection;
    }

    public async Task<(long Seq, long ModSeq)> NumbersAsync(long eventId)
    {
        await using var connection = OpenDatabase();
        return await connection.QuerySingleAsync<(long, long)>("SELECT seq, mod_seq FROM events WHERE id = @eventId", new { eventId });
    }

    public string Output => $"--- {A.Name} ---\n{A.Output}\n--- {B.Name} ---\n{B.Output}";

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder.
        }
    }
}
