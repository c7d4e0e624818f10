using Dapper;
using Microsoft.Data.Sqlite;

namespace OzgLive.Tests.ScaleOut;

/// <summary>The tests that start processes (redis-server, app nodes) run one at a time: two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    public const string Name = "Scale-out (processes)";
}

/// <summary>
/// redis-server and two app nodes on loopback ports over one SQLite file in a temp folder (two
/// processes on one file are correct: BEGIN IMMEDIATE serializes their writers), with the demo
/// content. Node A starts first and migrates; B joins it. The data-protection keys lie beside the
/// database file, so a sign-in or viewer token made by one node works on the other.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    public const string Slug = OzgLive.Web.Demo.DemoContent.SpotOnOzgSlug;

    private ScaleOutCluster(string folder, RedisServer redis, AppNode a, AppNode b)
    {
        Folder = folder;
        Redis = redis;
        A = a;
        B = b;
    }

    public string Folder { get; }

    public RedisServer Redis { get; private set; }

    public AppNode A { get; }

    public AppNode B { get; }

    /// <param name="extra">More settings for both nodes, as environment variables ("Questions__QuestionsPerViewerPerMinute").</param>
    public static async Task<ScaleOutCluster> StartAsync(IDictionary<string, string>? extra = null)
    {
        var folder = Directory.CreateTempSubdirectory("ozglive-nodes-").FullName;
        var redis = await RedisServer.StartAsync();
        AppNode? a = null;
        try
        {
            // Viewer counts renewed every second: a dead node's viewers drop out after three.
            var settings = new Dictionary<string, string>(extra ?? new Dictionary<string, string>()) { ["Redis__HeartbeatInterval"] = "00:00:01" };
            a = await AppNode.StartAsync("node A", folder, redis.Configuration, settings);
            var b = await AppNode.StartAsync("node B", folder, redis.Configuration, settings);
            return new ScaleOutCluster(folder, redis, a, b);
        }
        catch
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }

            await redis.DisposeAsync();
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

    /// <summary>Reads the shared database directly, as it is on disk.</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "ozglive.db")};Mode=ReadOnly;Pooling=False");
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
