using Microsoft.AspNetCore.Hosting;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Hosting;

/// <summary>The in-process test host serves the same top-level wwwroot/ as dotnet run and the published app.</summary>
public sealed class WebRootTests
{
    [Fact]
    public async Task The_test_host_serves_the_static_files_of_the_top_level_wwwroot()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        using var http = app.CreateClient();

        // The web root is no longer pointed at the top-level folder; the build's static web assets
        // map each file there (OzgLive.Web.csproj), so the file the host finds is the checkout's own.
        Assert.Equal(
            Path.Combine(Repo.Root, "wwwroot", "css", "site.css"),
            app.Get<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo("css/site.css").PhysicalPath);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "css", "site.css")), await http.GetByteArrayAsync("/css/site.css"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "js", "event-live.js")), await http.GetByteArrayAsync("/js/event-live.js"));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", "lib", "signalr", "signalr.min.js")),
            await http.GetByteArrayAsync("/lib/signalr/signalr.min.js"));
    }

    [Fact]
    public void A_configured_content_root_wins()
    {
        var folder = Directory.CreateTempSubdirectory("ozglive-roots-").FullName;
        try
        {
            Assert.Equal(folder, OzgLive.Web.Hosting.ContentRootLocator.Locate(folder));
            // From a checkout the host's default content root (the current directory) stays.
            Assert.Null(OzgLive.Web.Hosting.ContentRootLocator.Locate(null));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
