using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Layout;
using OzgLive.Web.Components.Pages;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Replay;
using OzgLive.Web.Replay.Exports;
using OzgLive.Tests.Replay;

namespace OzgLive.ComponentTests.Replay;

/// <summary>The print view, the series page and the start page's replay links, in German and English,
/// over a real database with the demo content and one published transcript.</summary>
public sealed class ReplayPagesTests : PageTestContext
{
    private DemoDatabase db = null!;
    private EventSummary published = null!;
    private EventSummary ended = null!;
    private Series workshops = null!;

    [Fact]
    public async Task Print_view_shows_summary_chapters_and_the_visible_questions_by_block_in_German()
    {
        await SetUpAsync();

        var page = Render<PrintPage>(p => p.Add(x => x.Slug, published.Slug));

        Assert.Equal($"Fragen und Antworten: {published.Title}", page.Find("h1").TextContent);
        Assert.Equal(["Auch zum Herunterladen", "Moderation in Zahlen", "Kapitel der Aufzeichnung", "Fragen und Antworten nach Themenblöcken"],
            page.FindAll("h2").Select(h => h.TextContent));
        var summary = page.FindAll(".print-summary dt").Select(d => d.TextContent).ToList();
        Assert.Equal(["Eingegangene Fragen", "Live beantwortet", "Schriftlich beantwortet", "Noch offen", "Bei der Durchsicht ausgeblendet", "Abgelehnt", "Abgelehnt: doppelt gestellt"], summary);
        // Chapter and jump moment are positions in the recording: 05:12 and 16:52 after the stream start, plus one minute.
        Assert.Equal("06:12 Block 1: Beratungsgutschein", page.Find(".print-chapters li").TextContent);
        Assert.Contains("(ab 06:12 in der Aufzeichnung)", page.Find("#block-1").TextContent);
        // In the order they came up in the block: the open one was asked (10:00) before the other was staged (16:52).
        var questions = page.FindAll("#block-1 ~ ol .print-question");
        Assert.Equal([ReplaySeed.OpenText, ReplaySeed.AnsweredText], questions.Select(q => q.QuerySelector(".print-question-text")!.TextContent));
        var answered = questions[1];
        Assert.Contains("Jana Beispiel, Landkreis Gießen", answered.TextContent);
        Assert.Contains("17:52", answered.TextContent);
        Assert.Contains("Live beantwortet", answered.TextContent);
        Assert.Contains("Beim Land Hessen.", answered.QuerySelector(".print-answer")!.TextContent);
        Assert.DoesNotContain("Gefragt von", questions[0].TextContent);
        Assert.Contains("Offen", questions[0].TextContent);
        Assert.DoesNotContain("QWERTZ", page.Markup);
        Assert.Empty(page.FindAll("script, iframe, video"));
        Assert.Equal("/events/" + published.Slug + "/replay/transcript.csv", page.FindAll(".print-tools a")[2].GetAttribute("href"));
    }

    [Fact]
    public async Task Print_view_speaks_English_when_chosen()
    {
        UseLanguage("en-GB");
        await SetUpAsync();

        var page = Render<PrintPage>(p => p.Add(x => x.Slug, published.Slug));

        Assert.Equal($"Questions and answers: {published.Title}", page.Find("h1").TextContent);
        Assert.Contains("Questions received", page.Find(".print-summary").TextContent);
        Assert.Contains("Answered live", page.FindAll(".print-question")[1].TextContent);
        Assert.Contains("(from 06:12 in the recording)", page.Find("#block-1").TextContent);
    }

    [Fact]
    public async Task Series_page_lists_past_events_with_their_replay_and_the_feed_in_German()
    {
        await SetUpAsync();

        var page = Render<SeriesPage>(p => p.Add(x => x.Slug, workshops.Slug));

        Assert.Equal(workshops.Title, page.Find("h1").TextContent);
        Assert.Equal(["Vergangene Veranstaltungen", "Kalender"], page.FindAll("h2").Select(h => h.TextContent));
        var replayLinks = page.FindAll("a.replay-link");
        var link = Assert.Single(replayLinks);
        Assert.Equal(("Antworten und Aufzeichnung", $"/events/{published.Slug}/replay"), (link.TextContent, link.GetAttribute("href")));
        Assert.Equal($"Antworten und Aufzeichnung: {published.Title}", link.GetAttribute("aria-label"));
        Assert.Equal(4, page.FindAll(".archive .event-item").Count);
        var feed = page.Find("a.feed-link");
        Assert.Equal(("Alle Termine der Reihe abonnieren (.ics)", $"/series/{workshops.Slug}/calendar.ics"), (feed.TextContent, feed.GetAttribute("href")));
    }

    [Fact]
    public async Task Series_page_of_the_upcoming_broadcast_offers_its_calendar_file_in_English()
    {
        UseLanguage("en-GB");
        await SetUpAsync();
        var upcoming = (await Services.GetRequiredService<EventStore>().ListEventsAsync(false)).Single(e => e.Status == EventStatus.Scheduled);
        var series = (await Services.GetRequiredService<EventStore>().FindSeriesAsync(upcoming.SeriesId))!;

        var page = Render<SeriesPage>(p => p.Add(x => x.Slug, series.Slug));

        Assert.Equal("Coming up", page.Find("h2").TextContent);
        var calendar = page.Find("a.calendar-link");
        Assert.Equal(("Add to calendar (.ics)", $"/events/{upcoming.Slug}/calendar.ics"), (calendar.TextContent, calendar.GetAttribute("href")));
        Assert.Equal("Subscribe to all dates of this series (.ics)", page.Find("a.feed-link").TextContent);
    }

    [Fact]
    public async Task Start_page_links_series_titles_and_published_replays_only()
    {
        await SetUpAsync();

        var home = Render<Home>();

        Assert.Equal($"/series/{workshops.Slug}", home.Find($"#series-{workshops.Id} a").GetAttribute("href"));
        // The demo's published Rückblick and the workshop published here; not the one only ended.
        var links = home.FindAll("a.replay-link");
        Assert.Equal(
            new[] { $"/events/{DemoContent.ReplaySlug}/replay", $"/events/{published.Slug}/replay" }.Order(StringComparer.Ordinal),
            links.Select(l => l.GetAttribute("href")).Order(StringComparer.Ordinal));
        Assert.All(links, link => Assert.Equal("Antworten und Aufzeichnung", link.TextContent));
        Assert.DoesNotContain($"/events/{ended.Slug}/replay", home.Markup);
    }

    [Fact]
    public async Task Start_page_names_the_replay_link_in_English()
    {
        UseLanguage("en-GB");
        await SetUpAsync();

        var links = Render<Home>().FindAll("a.replay-link");

        Assert.Equal(2, links.Count);
        Assert.All(links, link => Assert.Equal("Answers and recording", link.TextContent));
    }

    /// <summary>The demo workshops: one published with a transcript, one ended with an unpublished transcript.</summary>
    private async Task SetUpAsync()
    {
        db = await DemoDatabase.CreateAsync(demo: true);
        Services.AddSingleton(db.Database);
        Services.AddSingleton<EventStore>();
        Services.AddSingleton<EventAccess>();
        Services.AddSingleton<TranscriptStore>();
        Services.AddSingleton<ReplayReader>();
        Services.AddSingleton<OzgLive.Web.Polls.PollStore>();
        Services.AddSingleton<ReplayListing>();
        Services.AddSingleton<OzgLive.Web.Security.SiteAddress>();
        var store = Services.GetRequiredService<EventStore>();
        var past = (await store.ListEventsAsync(false)).Where(e => e.Status == EventStatus.Ended).OrderByDescending(e => e.ScheduledStart).ToList();
        published = past[0];
        ended = past[1];
        await ReplaySeed.SeedAsync(db.Database, published.Id, publish: true);
        await ReplaySeed.SeedAsync(db.Database, ended.Id, publish: false);
        workshops = (await store.FindSeriesAsync(published.SeriesId))!;
    }

    protected override void Dispose(bool disposing)
    {
        db?.Dispose();
        base.Dispose(disposing);
    }
}
