using System.Diagnostics;
using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Live;

namespace OzgLive.Tests.ScaleOut;

/// <summary>
/// One app node: the Release (or Debug) build's OzgLive.Web.dll run by <c>dotnet</c> as a process of
/// its own on 127.0.0.1, configured by environment variables as an operator would, with the real
/// clock. Several share one database file and one Redis.
/// </summary>
public sealed class AppNode : ServerProcess
{
    private AppNode(string name, int port, ProcessStartInfo start)
        : base(name, start) => BaseAddress = new Uri($"http://127.0.0.1:{port}");

    public Uri BaseAddress { get; }

    public Uri HubUri => new(BaseAddress, LiveHub.Path);

    /// <summary>Starts the node; returns once it printed that it started (it may still have refused to start: see <see cref="HasExited"/>).</summary>
    public static AppNode Launch(string name, string folder, string? redis, IDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        var dll = WebAssembly();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__OzgLive"] = $"Data Source={Path.Combine(folder, "ozglive.db")}",
            ["Demo__Seed"] = "true",
            ["Accounts__InitialOrganiser__Email"] = TestApp.OrganiserEmail,
            ["Accounts__InitialOrganiser__Password"] = TestApp.OrganiserPassword,
            ["Accounts__InitialOrganiser__DisplayName"] = "Test-Organisation",
            // Many test viewers ask from one address.
            ["Questions__QuestionsPerViewerPerMinute"] = "1000",
            ["Questions__QuestionsPerAddressPerMinute"] = "100000",
            ["Questions__VotesPerViewerPerMinute"] = "1000",
            ["Questions__VotesPerAddressPerMinute"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
            // "Application started": what the harness waits for.
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["DOTNET_gcServer"] = "0",
        };
        if (redis is not null)
        {
            settings["Redis__Configuration"] = redis;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return new AppNode(name, port, start);
    }

    /// <summary>Starts the node and waits until it serves and its /readyz answers 200.</summary>
    public static async Task<AppNode> StartAsync(string name, string folder, string? redis, IDictionary<string, string>? extra = null)
    {
        var node = Launch(name, folder, redis, extra);
        try
        {
            await node.WaitForLineAsync("Application started");
            var ready = await node.ReadinessAsync();
            Assert.True(ready == HttpStatusCode.OK, $"{name}: /readyz answered {ready}:\n{node.Output}");
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public async Task<HttpStatusCode> ReadinessAsync()
    {
        using var client = CreateClient();
        return (await client.GetAsync("/readyz")).StatusCode;
    }

    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Signs the test organiser in through the login form; the cookie works on every node (shared keys).</summary>
    public async Task<CookieContainer> SignInAsync()
    {
        var cookies = new CookieContainer();
        using var client = CreateClient(cookies);
        var response = await TestApp.PostFormAsync(
            client, "/login", new() { ["Input.Email"] = TestApp.OrganiserEmail, ["Input.Password"] = TestApp.OrganiserPassword, ["_handler"] = "login" });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{Name}: sign-in answered {(int)response.StatusCode}");
        return cookies;
    }

    public Task<HubTestClient> ConnectAsync(CookieContainer? cookies = null) => HubTestClient.ConnectAsync(HubUri, cookies);

    /// <summary>OzgLive.Web.dll of the same configuration as these tests (Release in CI).</summary>
    private static string WebAssembly()
    {
        // …/tests/OzgLive.Tests/bin/Release/net10.0/
        var testFolder = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testFolder))!;
        var root = new DirectoryInfo(testFolder);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OzgLive.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "src", "OzgLive.Web", "bin", configuration, "net10.0", "OzgLive.Web.dll");
        Assert.True(File.Exists(dll), $"No build at {dll}: build OzgLive.sln first.");
        return dll;
    }
}
