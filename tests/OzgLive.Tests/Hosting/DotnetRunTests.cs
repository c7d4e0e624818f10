using System.Net;
using Microsoft.Data.Sqlite;

namespace OzgLive.Tests.Hosting;

/// <summary>What a newcomer does: `dotnet run --project src/OzgLive.Web` from a checkout.</summary>
[Collection(HostingCollection.Name)]
public sealed class DotnetRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ozglive-run-").FullName;
    private AppProcess? app;

    [Fact]
    public async Task Dotnet_run_serves_the_top_level_static_files()
    {
        // --no-build: the test build already built the app in this configuration.
        app = AppProcess.Start(
            folder,
            ["run", "--no-build", "-c", Repo.Configuration, "--project", Repo.WebProject, "--", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["ConnectionStrings__OzgLive"] = $"Data Source={Path.Combine(folder, "ozglive.db")}" });
        var address = await app.WaitUntilListeningAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = address };

        try
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "css", "site.css")), await http.GetByteArrayAsync("/css/site.css"));
            Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "js", "event-live.js")), await http.GetByteArrayAsync("/js/event-live.js"));
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "lib", "signalr", "signalr.min.js")),
                await http.GetByteArrayAsync("/lib/signalr/signalr.min.js"));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
            Assert.Contains("Spot on OZG HE", await http.GetStringAsync("/events/spot-on-ozg-he"), StringComparison.Ordinal);
            await WireTests.AssertServesBlazorWebJsAsync(http);
            await AssertFingerprintedUrlsResolveAsync(http, "/events/spot-on-ozg-he");
            Assert.True(File.Exists(Path.Combine(folder, "ozglive.db")));
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(app.Output);
            throw;
        }
    }

    /// <summary>Every stylesheet and script the page links has a fingerprinted URL that serves the checkout's file.</summary>
    internal static async Task AssertFingerprintedUrlsResolveAsync(HttpClient http, string page)
    {
        var urls = await WireTests.LocalAssetUrlsAsync(http, page);
        Assert.NotEmpty(urls);
        foreach (var url in urls)
        {
            var fingerprinted = WireTests.Fingerprinted().Match(url);
            Assert.True(fingerprinted.Success, url);
            var original = fingerprinted.Groups["name"].Value + fingerprinted.Groups["ext"].Value;
            Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", original)), await http.GetByteArrayAsync("/" + url));
        }
    }

    public void Dispose()
    {
        app?.Dispose();
        SqliteConnection.ClearAllPools();
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
