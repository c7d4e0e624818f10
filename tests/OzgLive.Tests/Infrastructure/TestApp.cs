using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OzgLive.Web;
using OzgLive.Web.Accounts;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel at 127.0.0.1 (random port) over its own SQLite file in a temp
/// folder, with a fake clock. A fresh one per test; <see cref="RestartAsync"/> stops it and starts
/// a new one on the same file, as after a crash. With <c>OZGLIVE_TEST_STORAGE=postgres</c> its
/// database is one of its own on the run's PostgreSQL server instead (<see cref="SharedPostgres"/>).
/// </summary>
public sealed partial class TestApp : IAsyncDisposable
{
    public const string OrganiserEmail = "orga@test.local";
    public const string OrganiserPassword = "Test-Passwort-1234";

    private readonly Dictionary<string, string?> settings;
    private WebApplication app = null!;

    private TestApp(string folder, FakeTimeProvider time, Dictionary<string, string?> settings, PostgresServer? postgres, string? postgresDatabase)
    {
        Folder = folder;
        Time = time;
        this.settings = settings;
        this.postgres = postgres;
        this.postgresDatabase = postgresDatabase;
    }

    // The server and the database of this app's own, when the tests run on PostgreSQL.
    private readonly PostgresServer? postgres;
    private readonly string? postgresDatabase;

    public string Folder { get; }

    /// <summary>What the app logged, at the configured levels (warning and above by default).</summary>
    public TestLog Log { get; } = new();

    public string DatabasePath => Path.Combine(Folder, "ozglive.db");

    /// <summary>
    /// The app's clock: it stands still until a test moves it, and moving it also fires the app's
    /// timers and delays that are due (vote batching, viewer counts, clock ticks, retention).
    /// </summary>
    public FakeTimeProvider Time { get; }

    /// <summary>A fake clock at the tests' "now": Tuesday 31 March 2026, 10:00 in Berlin, the day before the test events.</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.Zero));

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => app.Services;

    public T Get<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    /// <param name="seedDemo">The demo content (Spot on OZG HE and the workshops); on by default.</param>
    /// <param name="extra">More configuration, e.g. "Accounts:MaxFailedSignIns".</param>
    /// <param name="postgres">A PostgreSQL server of the test's own (fault tests); by default the run's shared one when the tests run on PostgreSQL.</param>
    public static async Task<TestApp> StartAsync(bool seedDemo = true, IDictionary<string, string?>? extra = null, string? folder = null, FakeTimeProvider? time = null, PostgresServer? postgres = null)
    {
        var ownFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("ozglive-test-").FullName;
        // A test that brings its own database folder brings a SQLite file (an older build's).
        if (postgres is null && ownFolder && SharedPostgres.Enabled)
        {
            postgres = await SharedPostgres.GetAsync();
        }

        var ownDatabase = postgres is null ? null : await postgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:OzgLive"] = ownDatabase ?? $"Data Source={Path.Combine(folder, "ozglive.db")}",
            ["Demo:Seed"] = seedDemo ? "true" : "false",
            ["Clock:RunInBackground"] = "false",
            ["Retention:RunInBackground"] = "false",
            ["Accounts:InitialOrganiser:Email"] = OrganiserEmail,
            ["Accounts:InitialOrganiser:Password"] = OrganiserPassword,
            ["Accounts:InitialOrganiser:DisplayName"] = "Test-Organisation",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (postgres is not null)
        {
            // Where SQLite keeps them, beside its file: each test's keys stay its own on PostgreSQL too.
            settings["DataProtection:KeyFolder"] = Path.Combine(folder, "keys");
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var testApp = new TestApp(folder, time ?? NewClock(), settings, postgres, ownDatabase);
        try
        {
            await testApp.BootAsync();
        }
        catch
        {
            await testApp.DropDatabaseAsync();
            throw;
        }

        return testApp;
    }

    /// <summary>Stops the app without tidying anything and starts a new one on the same database file.</summary>
    public async Task RestartAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await BootAsync();
    }

    private async Task BootAsync()
    {
        app = OzgLiveApp.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Testing"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.AddProvider(Log);
                builder.Services.RemoveAll<TimeProvider>();
                builder.Services.AddSingleton<TimeProvider>(Time);
            });
        try
        {
            await app.PrepareAsync();
        }
        catch
        {
            // A refused start (tests of bad settings) leaves nothing running behind it.
            await app.DisposeAsync();
            throw;
        }

        await app.StartAsync();
        // The app's own address comes first; the metrics listener, when enabled, is added after it.
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>A browser-like HTTP client: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>Signs in through the real login form and returns the cookies of that session.</summary>
    public async Task<CookieContainer> SignInAsync(string email = OrganiserEmail, string password = OrganiserPassword)
    {
        var cookies = new CookieContainer();
        using var client = CreateClient(cookies);
        var response = await PostFormAsync(client, "/login", new() { ["Input.Email"] = email, ["Input.Password"] = password, ["_handler"] = "login" });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return cookies;
    }

    /// <summary>GETs the page, takes its antiforgery token, and POSTs the form as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {path}.");
        }

        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Groups[1].Value };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public async Task<(long Id, string Email)> CreateModeratorAsync(string email, params long[] eventIds)
    {
        var accounts = Get<AccountStore>();
        var account = await accounts.CreateAsync(email, "Moderation " + email, AccountRoles.Moderator, OrganiserPassword);
        foreach (var eventId in eventIds)
        {
            await accounts.AssignModeratorAsync(eventId, account.Id);
        }

        return (account.Id, email);
    }

    /// <summary>Connects a hub client, signed in with <paramref name="cookies"/> or anonymous.</summary>
    public Task<HubTestClient> ConnectAsync(CookieContainer? cookies = null) =>
        HubTestClient.ConnectAsync(new Uri(BaseAddress, LiveHub.Path), cookies);

    /// <summary>Runs one tick of the clock (auto-advance and warnings) at the fake time.</summary>
    public Task TickAsync() => Get<ClockTicker>().TickAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await DropDatabaseAsync();

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>
    /// A connection of the test's own to the app's database, outside the app's pool: what is read
    /// through it is what was stored. Read-only on SQLite (the file itself).
    /// </summary>
    public async Task<System.Data.Common.DbConnection> OpenStoredAsync()
    {
        System.Data.Common.DbConnection connection = postgresDatabase is null
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly")
            : new Npgsql.NpgsqlConnection(postgresDatabase + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The connection string of this app's own PostgreSQL database (null on SQLite): a second node may share it.</summary>
    public string? PostgresDatabase => postgresDatabase;

    /// <summary>Whether this app's database is on PostgreSQL (else its SQLite file is <see cref="DatabasePath"/>).</summary>
    public bool OnPostgres => postgres is not null;

    private async Task DropDatabaseAsync()
    {
        if (postgres is not null && postgresDatabase is not null)
        {
            try
            {
                await postgres.DropDatabaseAsync(postgresDatabase);
            }
            catch (Npgsql.NpgsqlException)
            {
                // The server is down (a fault test stopped it); its folder goes with it.
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
