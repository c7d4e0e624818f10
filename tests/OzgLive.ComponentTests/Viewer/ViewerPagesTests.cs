using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OzgLive.Web.Components.Pages;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;
using OzgLive.Web.Viewer;

namespace OzgLive.ComponentTests.Viewer;

/// <summary>The two pages over a real SQLite file with the demo content, as the app reads it.</summary>
public sealed class ViewerPagesTests : BunitContext
{
    private readonly string folder = Directory.CreateTempSubdirectory("ozglive-viewer-pages-").FullName;

    public ViewerPagesTests()
    {
        UtcTimeHandler.Register();
        var database = new Database($"Data Source={Path.Combine(folder, "ozglive.db")}");
        new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).ApplyAll();
        new DemoContent(database, TimeProvider.System, NullLogger<DemoContent>.Instance).SeedIfEmptyAsync().GetAwaiter().GetResult();
        Services.AddLocalization();
        Services.AddSingleton(database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<EventStore>();
        Services.AddSingleton<EventAccess>();
        Services.AddSingleton<SnapshotReader>();
        // The event page links to a published replay.
        Services.AddSingleton<OzgLive.Web.Replay.TranscriptStore>();
        Services.AddSingleton<OzgLive.Web.Replay.ReplayReader>();
        Services.AddSingleton<OzgLive.Web.Polls.PollStore>();
    }

    [Fact]
    public void The_event_page_renders_the_demo_event_with_its_Q_and_A()
    {
        using var culture = new Culture(ViewerSamples.German);
        var page = Render<EventPage>(p => p.Add(x => x.Slug, DemoContent.SpotOnOzgSlug));

        Assert.Equal("Spot on OZG HE – Der Hessische Weg: Erfolg durch gemeinsames Handeln", page.Find("h1").TextContent);
        Assert.Equal(3, page.FindAll("#blocks > li").Count);
        Assert.Equal("Noch keine freigegebenen Fragen.", page.Find("#questions-empty").TextContent);
        Assert.Equal("open", page.Find("#ask-form").GetAttribute("data-availability"));
        Assert.True(page.Find("#video").HasAttribute("hidden"));
        Assert.False(page.Find("article").ClassList.Contains("viewer-embedded"));
    }

    [Fact]
    public void The_embed_page_renders_the_same_event_embedded_and_sorted_as_asked()
    {
        using var culture = new Culture(ViewerSamples.German);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/embed/{DemoContent.SpotOnOzgSlug}?sortierung=neueste");
        var page = Render<EmbedPage>(p => p.Add(x => x.Slug, DemoContent.SpotOnOzgSlug));

        Assert.True(page.Find("article").ClassList.Contains("viewer-embedded"));
        Assert.Equal("neueste", page.Find("article").GetAttribute("data-sort"));
        Assert.True(page.Find("input[value='neueste']").HasAttribute("checked"));
        Assert.Equal("Auf OzgLive öffnen (neues Fenster)", page.Find(".embed-open a").TextContent);
    }

    [Fact]
    public void An_unknown_event_renders_nothing_of_a_viewer_page()
    {
        using var culture = new Culture(ViewerSamples.German);
        var page = Render<EmbedPage>(p => p.Add(x => x.Slug, "gibt-es-nicht"));

        Assert.Empty(page.FindAll("article"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
