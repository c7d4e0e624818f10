using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Components.Pages;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Replay;

namespace OzgLive.ComponentTests.Layout;

public sealed partial class HomeTests : PageTestContext
{
    [Fact]
    public async Task Upcoming_and_past_events_are_listed_in_Berlin_time_in_German()
    {
        using var db = await UseDatabaseAsync(demo: true);

        var home = Render<Home>();

        Assert.Equal("Veranstaltungen", home.Find("h1").TextContent);
        Assert.Equal(["Demnächst", "Vergangene Veranstaltungen"], home.FindAll("h2").Select(h => h.TextContent));
        var upcoming = home.Find("section[aria-labelledby='upcoming-heading'] .event-item");
        Assert.Equal("Geplant", upcoming.QuerySelector(".badge")!.TextContent);
        // The demo starts at 10:00 in Berlin; the test machine's zone is not Berlin's.
        Assert.Matches(GermanLongDate(), upcoming.QuerySelector("time")!.TextContent);
        // The four workshops and the published Rückblick.
        Assert.Equal(5, home.FindAll("section[aria-labelledby='archive-heading'] .event-item").Count);
        Assert.Equal(
            ["Beendet", "Beendet", "Beendet", "Beendet", "Veröffentlicht"],
            home.FindAll("section[aria-labelledby='archive-heading'] .badge").Select(b => b.TextContent).Order());
    }

    [Fact]
    public async Task A_live_event_leads_the_page()
    {
        using var db = await UseDatabaseAsync(demo: true);
        await db.SetStatusAsync(DemoContent.SpotOnOzgSlug, "live");

        var home = Render<Home>();

        Assert.Equal(["Jetzt live", "Vergangene Veranstaltungen"], home.FindAll("h2").Select(h => h.TextContent));
        var live = home.Find("section[aria-labelledby='live-heading'] .event-item");
        Assert.Equal($"/events/{DemoContent.SpotOnOzgSlug}", live.QuerySelector(".event-link")!.GetAttribute("href"));
        // Live is said in words, not only by the red badge.
        Assert.Equal("Live", live.QuerySelector(".badge")!.TextContent);
    }

    [Fact]
    public async Task In_English_headings_states_and_dates_are_English_and_still_in_Berlin_time()
    {
        UseLanguage("en-GB");
        using var db = await UseDatabaseAsync(demo: true);

        var home = Render<Home>();

        Assert.Equal("Events", home.Find("h1").TextContent);
        Assert.Equal(["Coming up", "Past events"], home.FindAll("h2").Select(h => h.TextContent));
        var upcoming = home.Find("section[aria-labelledby='upcoming-heading'] .event-item");
        Assert.Equal("Scheduled", upcoming.QuerySelector(".badge")!.TextContent);
        Assert.Matches(EnglishLongDate(), upcoming.QuerySelector("time")!.TextContent);
        Assert.Equal(
            ["Ended", "Ended", "Ended", "Ended", "Published"],
            home.FindAll("section[aria-labelledby='archive-heading'] .badge").Select(b => b.TextContent).Order());
    }

    [Fact]
    public async Task Without_events_the_page_says_so_and_has_no_empty_sections()
    {
        using var db = await UseDatabaseAsync(demo: false);

        var home = Render<Home>();

        Assert.Empty(home.FindAll("h2"));
        Assert.Equal("Noch keine Veranstaltungen.", home.Find("p").TextContent);
    }

    private async Task<DemoDatabase> UseDatabaseAsync(bool demo)
    {
        var db = await DemoDatabase.CreateAsync(demo);
        Services.AddSingleton(db.Database);
        Services.AddSingleton<EventStore>();
        Services.AddSingleton<ReplayListing>();
        return db;
    }

    [GeneratedRegex(@"^[A-Z][a-z]+, \d{1,2}\. [A-ZÄÖÜ][a-zä]+ 20\d\d, 10:00 Uhr$")]
    private static partial Regex GermanLongDate();

    [GeneratedRegex(@"^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ 20\d\d, 10:00$")]
    private static partial Regex EnglishLongDate();
}
