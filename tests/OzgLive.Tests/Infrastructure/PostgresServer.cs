using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Storage;

[assembly: AssemblyFixture(typeof(SharedPostgres))]

namespace OzgLive.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package, installed when missing) in a temp
/// folder, on a free port of 127.0.0.1, for the tests that run against the second storage provider.
/// Each test gets its own database, copied from a migrated template (CREATE DATABASE ... TEMPLATE is
/// a file copy, far quicker than running the migrations again). fsync is off (the data folder is
/// thrown away afterwards and only an OS crash would lose what it skips); commits stay synchronous,
/// so a server killed by a fault test keeps every commit it acknowledged, as a real one does.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Template = "ozglive_template";

    // CREATE DATABASE from a template refuses while anyone else copies or uses that template.
    private readonly SemaphoreSlim copying = new(1, 1);
    private int databases;

    private PostgresServer(string folder, string binaries, int port)
    {
        Folder = folder;
        Binaries = binaries;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; private set; }

    private string Binaries { get; }

    private string DataFolder => Path.Combine(Folder, "data");

    // The server's log names every refused statement.
    public string LogFile => Path.Combine(Folder, "server.log");

    /// <summary>The connection string of one database on this server.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=30";

    /// <summary>Initialises a fresh cluster and starts it; migrates the template when asked.</summary>
    public static async Task<PostgresServer> StartAsync(bool withTemplate = true)
    {
        var binaries = await EnsureInstalledAsync();
        var folder = Directory.CreateTempSubdirectory("ozglive-pg-").FullName;
        var server = new PostgresServer(folder, binaries, FreePort());
        // initdb refuses to run as root: the cluster belongs to Debian's postgres user then.
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", folder]);
        }

        await server.RunAsServerUserAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartServerAsync();
        if (withTemplate)
        {
            await server.CreateTemplateAsync();
        }

        return server;
    }

    /// <summary>A new, migrated, empty database of its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref databases)}";
        await copying.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        }
        finally
        {
            copying.Release();
        }

        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        // The app's pool may still hold connections; FORCE ends them.
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Stops the server at once, as when its machine goes away; its data stays for <see cref="StartServerAsync"/>.</summary>
    public Task StopServerAsync() =>
        RunAsServerUserAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);

    public Task StartServerAsync() =>
        RunAsServerUserAsync("pg_ctl", [
            "-D", DataFolder, "-l", LogFile, "-w", "-t", "60",
            "-o", $"-p {Port} -k {Folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=400",
            "start",
        ]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a fault test stopped it).
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the OS with the other temp folders.
        }
    }

    private async Task CreateTemplateAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {Template}");
        UtcTimeHandler.Register();
        FlagHandler.Register();
        using (var database = new Database(StorageProvider.Postgres, ConnectionString(Template)))
        {
            new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).ApplyAll();
        }

        // No connection may stay on the template, or copying it is refused.
        NpgsqlConnection.ClearAllPools();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task RunAsServerUserAsync(string program, string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Binaries, program), .. arguments])
            : RunAsync(Path.Combine(Binaries, program), arguments);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The newest installed server's bin folder; installs Debian's package first when there is none (as tests/run.sh does for Chromium).</summary>
    private static async Task<string> EnsureInstalledAsync()
    {
        var found = Installed();
        if (found is null)
        {
            var (program, prefix) = Environment.UserName == "root" ? ("apt-get", Array.Empty<string>()) : ("sudo", ["apt-get"]);
            await RunAsync(program, [.. prefix, "update", "-qq"]);
            await RunAsync(program, [.. prefix, "install", "-y", "-qq", "postgresql"]);
            found = Installed() ?? throw new InvalidOperationException("Debian's postgresql package did not install a server under /usr/lib/postgresql.");
        }

        return found;

        static string? Installed() =>
            Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(version => Path.Combine(version, "bin"))
                    .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")))
                    .OrderByDescending(bin => bin, StringComparer.Ordinal)
                    .FirstOrDefault()
                : null;
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}

/// <summary>
/// The one server the whole test run shares when <c>OZGLIVE_TEST_STORAGE=postgres</c>: started by the
/// first test that needs it, stopped when the run ends (an xunit assembly fixture).
/// </summary>
public sealed class SharedPostgres : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(() => PostgresServer.StartAsync());

    /// <summary>The provider the tests run against: OZGLIVE_TEST_STORAGE=postgres, or SQLite (the default).</summary>
    public static bool Enabled { get; } =
        string.Equals(Environment.GetEnvironmentVariable("OZGLIVE_TEST_STORAGE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static Task<PostgresServer> GetAsync() => Server.Value;

    public async ValueTask DisposeAsync()
    {
        if (Server.IsValueCreated)
        {
            var server = await Server.Value;
            await server.StopServerAsync();
            // OZGLIVE_TEST_PG_LOG keeps the server's log (every refused statement) beyond the run: tests/run.sh puts it with the results.
            if (Environment.GetEnvironmentVariable("OZGLIVE_TEST_PG_LOG") is { Length: > 0 } keep && File.Exists(server.LogFile))
            {
                File.Copy(server.LogFile, keep, overwrite: true);
            }

            await server.DisposeAsync();
        }
    }
}
