using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;

namespace OzgLive.Tests.Hosting;

/// <summary>
/// Tests that build or start the app as separate processes. They are slow, and `dotnet publish`
/// and `dotnet run --no-build` share src/OzgLive.Web/bin, so they run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostingCollection
{
    public const string Name = "Hosting: published app and dotnet run";
}

/// <summary>Publishes the app once, exactly as the Dockerfile does, into a temp folder outside the checkout.</summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    /// <summary>The Dockerfile runs this command too (with -o /app); see DockerfileTests.</summary>
    public static readonly string[] PublishArguments = ["publish", "src/OzgLive.Web", "-c", "Release", "-o"];

    public string Folder { get; } = Directory.CreateTempSubdirectory("ozglive-publish-").FullName;

    public async ValueTask InitializeAsync() =>
        await AppProcess.RunToEndAsync(Repo.Root, [.. PublishArguments, Folder], TimeSpan.FromMinutes(10));

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is going away; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}

[Collection(HostingCollection.Name)]
public sealed class PublishedAppTests(PublishedAppFixture published) : IClassFixture<PublishedAppFixture>, IDisposable
{
    private const string OrganiserEmail = "orga@published.test";
    private const string OrganiserPassword = "Veroeffentlicht-2026!";

    private readonly List<AppProcess> processes = [];
    private readonly List<string> folders = [];

    [Fact]
    public void The_publish_output_carries_the_top_level_static_files_and_no_build_only_files()
    {
        Assert.True(File.Exists(Path.Combine(published.Folder, "OzgLive.Web.dll")));
        Assert.True(File.Exists(Path.Combine(published.Folder, "appsettings.json")));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "css", "site.css")),
            File.ReadAllBytes(Path.Combine(published.Folder, "wwwroot", "css", "site.css")));
        Assert.True(File.Exists(Path.Combine(published.Folder, "wwwroot", "lib", "signalr", "signalr.min.js")));
        // Compressed at publish time, beside each file: MapStaticAssets sends these as they are.
        foreach (var file in new[] { "css/site.css", "js/event-live.js", "lib/signalr/signalr.min.js", "_framework/blazor.web.js" })
        {
            var original = new FileInfo(Path.Combine(published.Folder, "wwwroot", file));
            Assert.True(original.Exists, file);
            Assert.Equal(File.ReadAllBytes(original.FullName), WireTests.Decompress(File.ReadAllBytes(original.FullName + ".br"), "br"));
            Assert.Equal(File.ReadAllBytes(original.FullName), WireTests.Decompress(File.ReadAllBytes(original.FullName + ".gz"), "gzip"));
        }

        Assert.True(File.Exists(Path.Combine(published.Folder, "OzgLive.Web.staticwebassets.endpoints.json")));
        Assert.False(File.Exists(Path.Combine(published.Folder, "package.json")));
        Assert.False(File.Exists(Path.Combine(published.Folder, "package-lock.json")));
        // Migrations travel inside the assembly, not as loose files.
        Assert.Empty(Directory.GetFiles(published.Folder, "*.sql", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_published_app_started_from_another_folder_serves_health_static_files_and_the_demo_event()
    {
        var database = NewDatabasePath();
        var workingDirectory = NewFolder();
        var app = await StartPublishedAsync(database, workingDirectory);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        try
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
            var ready = await http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("ready", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

            Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "css", "site.css")), await http.GetByteArrayAsync("/css/site.css"));
            Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "js", "event-live.js")), await http.GetByteArrayAsync("/js/event-live.js"));
            var signalr = await http.GetAsync("/lib/signalr/signalr.min.js");
            Assert.Equal(HttpStatusCode.OK, signalr.StatusCode);
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(published.Folder, "wwwroot", "lib", "signalr", "signalr.min.js")),
                await signalr.Content.ReadAsByteArrayAsync());
            Assert.Contains("signalR", await signalr.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // The files come from the publish output, not from the checkout: the brotli file sent is
            // the one publish wrote beside site.css (a file added after publish would not be served at
            // all: MapStaticAssets serves what the publish manifest lists).
            using var brotli = await WireTests.GetAsync(http, "/css/site.css", "br");
            Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
            Assert.Equal(File.ReadAllBytes(Path.Combine(published.Folder, "wwwroot", "css", "site.css.br")), await brotli.Content.ReadAsByteArrayAsync());
            await WireTests.AssertServesBlazorWebJsAsync(http);

            var page = await http.GetAsync($"/events/{DemoContent.SpotOnOzgSlug}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Spot on OZG HE", html, StringComparison.Ordinal);
            Assert.Contains("Kostenfreie Digitalisierungsberatungen für jede Kommune", html, StringComparison.Ordinal);
            Assert.Matches(@"lib/signalr/signalr\.min\.[a-z0-9]{10}\.js", html);
            await DotnetRunTests.AssertFingerprintedUrlsResolveAsync(http, $"/events/{DemoContent.SpotOnOzgSlug}");

            Assert.True(File.Exists(database));
            Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory));
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(app.Output);
            throw;
        }
    }

    [Fact]
    public async Task Without_a_connection_string_the_published_app_keeps_its_database_in_data_next_to_itself()
    {
        var workingDirectory = NewFolder();
        var dataFolder = Path.Combine(published.Folder, "data");
        Assert.False(Directory.Exists(dataFolder));

        var app = await StartPublishedAsync(database: null, workingDirectory);
        try
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
            Assert.True(File.Exists(Path.Combine(dataFolder, "ozglive.db")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory));
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(app.Output);
            throw;
        }
        finally
        {
            app.KillHard();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_folder_it_cannot_write_stops_the_start_with_one_clear_sentence()
    {
        // /proc/self exists and refuses new files even to root, as a read-only volume would.
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__OzgLive"] = "Data Source=/proc/self/ozglive.db",
        };
        using var app = AppProcess.Start(NewFolder(), [Path.Combine(published.Folder, "OzgLive.Web.dll")], environment);

        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("OzgLive cannot start: The database /proc/self/ozglive.db cannot be opened for writing", app.Output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:OzgLive", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_kill_9_mid_block_the_restarted_app_has_the_remaining_time_right_to_the_second()
    {
        var database = NewDatabasePath();
        var first = await StartPublishedAsync(database, NewFolder());
        AppProcess? second = null;
        try
        {
            var cookies = await SignInAsync(first.BaseAddress);
            JsonElement before;
            Stopwatch sinceBefore;
            await using (var moderator = await HubTestClient.ConnectAsync(new Uri(first.BaseAddress, "/hubs/live"), cookies))
            {
                var joined = await moderator.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
                Assert.Equal("organiser", joined.GetProperty("role").GetString());
                var eventId = joined.GetProperty("eventId").GetInt64();
                await moderator.ClockAsync("StartEvent", eventId);
                await moderator.ClockAsync("StartBlock", eventId, 1);
                await Task.Delay(TimeSpan.FromSeconds(2));
                before = (await moderator.InvokeAsync("GetSnapshot", eventId)).GetProperty("clock");
                sinceBefore = Stopwatch.StartNew();
            }

            first.KillHard();
            Assert.True(first.HasExited);
            await Task.Delay(TimeSpan.FromSeconds(2)); // the broadcast is down for a while

            second = await StartPublishedAsync(database, NewFolder());
            await using var viewer = await HubTestClient.ConnectAsync(new Uri(second.BaseAddress, "/hubs/live"));
            var after = (await viewer.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug)).GetProperty("clock");
            sinceBefore.Stop();

            Assert.Equal("block", after.GetProperty("phase").GetString());
            Assert.Equal(1, after.GetProperty("currentBlock").GetInt32());
            var blockBefore = before.GetProperty("current");
            var blockAfter = after.GetProperty("current");
            Assert.Equal("running", blockAfter.GetProperty("state").GetString());

            // The block started and ends at the same instants as before the crash.
            var startedAt = blockAfter.GetProperty("startedAt").GetDateTimeOffset();
            AssertSameMillisecond(blockBefore.GetProperty("startedAt").GetDateTimeOffset(), startedAt);
            AssertSameMillisecond(blockBefore.GetProperty("endsAt").GetDateTimeOffset(), blockAfter.GetProperty("endsAt").GetDateTimeOffset());

            // The time the server was dead counted: the clock kept running in real time.
            var serverNowBefore = before.GetProperty("serverNow").GetDateTimeOffset();
            var serverNowAfter = after.GetProperty("serverNow").GetDateTimeOffset();
            var downtime = serverNowAfter - serverNowBefore;
            Assert.True(downtime >= TimeSpan.FromSeconds(2), $"serverNow moved by {downtime}");
            Assert.InRange(downtime.TotalSeconds, sinceBefore.Elapsed.TotalSeconds - 1, sinceBefore.Elapsed.TotalSeconds + 1);

            var elapsed = (serverNowAfter - startedAt).TotalSeconds;
            var remaining = blockAfter.GetProperty("remainingSeconds").GetInt32();
            Assert.InRange(remaining, (30 * 60) - elapsed - 1, (30 * 60) - elapsed + 1);
            var remainingBefore = blockBefore.GetProperty("remainingSeconds").GetInt32();
            Assert.InRange(remaining, remainingBefore - downtime.TotalSeconds - 1, remainingBefore - downtime.TotalSeconds + 1);
            Assert.True(remaining < 30 * 60 - 3, $"remaining {remaining} s after at least 4 s of the block");
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine("First app:\n" + first.Output);
            TestContext.Current.TestOutputHelper?.WriteLine("Restarted app:\n" + second?.Output);
            throw;
        }
    }

    [Fact]
    public async Task The_published_app_serves_metrics_on_the_configured_port_when_enabled_and_not_on_its_own()
    {
        var port = TestMetrics.FreePort();
        var app = await StartPublishedAsync(NewDatabasePath(), NewFolder(), new Dictionary<string, string>
        {
            ["Metrics__Enabled"] = "true",
            ["Metrics__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        try
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
            await using (var viewer = await HubTestClient.ConnectAsync(new Uri(app.BaseAddress, "/hubs/live")))
            {
                await viewer.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
                var scrape = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");

                Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_hub_connections", ("role", "viewer")));
                Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_hub_call_duration_seconds_count", ("method", "JoinEvent")));
                Assert.NotNull(TestMetrics.Sample(scrape, "http_server_request_duration_seconds_count", ("http_route", "/healthz"), ("http_response_status_code", "200")));
            }
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(app.Output);
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        SqliteConnection.ClearAllPools();
        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Still held by a process that is going away; the temp folder is cleaned by the OS.
            }
        }
    }

    private async Task<AppProcess> StartPublishedAsync(string? database, string workingDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Accounts__InitialOrganiser__Email"] = OrganiserEmail,
            ["Accounts__InitialOrganiser__Password"] = OrganiserPassword,
        };
        if (database is not null)
        {
            environment["ConnectionStrings__OzgLive"] = $"Data Source={database}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var app = AppProcess.Start(workingDirectory, [Path.Combine(published.Folder, "OzgLive.Web.dll")], environment);
        processes.Add(app);
        await app.WaitUntilListeningAsync(TimeSpan.FromSeconds(90));
        return app;
    }

    private static async Task<CookieContainer> SignInAsync(Uri baseAddress)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var response = await TestApp.PostFormAsync(http, "/login", new() { ["Input.Email"] = OrganiserEmail, ["Input.Password"] = OrganiserPassword, ["_handler"] = "login" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEmpty(cookies.GetCookies(baseAddress));
        return cookies;
    }

    private string NewFolder()
    {
        var folder = Directory.CreateTempSubdirectory("ozglive-hosting-").FullName;
        folders.Add(folder);
        return folder;
    }

    private string NewDatabasePath() => Path.Combine(NewFolder(), "ozglive.db");

    private static void AssertSameMillisecond(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True(Math.Abs((expected - actual).TotalMilliseconds) < 1, $"expected {expected:O}, got {actual:O}");
}
