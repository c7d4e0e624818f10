using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Viewer;

/// <summary>
/// The video's two clicks: before consent the page asks nothing of any host but its own; after it,
/// the youtube-nocookie.com player. The network is closed here, so the test answers YouTube's
/// requests itself (with an empty page) and records that they were made.
/// </summary>
public sealed class ViewerVideoTests(BrowserFixture browser)
{
    private const string LiveVideo = "dQw4w9WgXcQ";
    private const string BlockVideo = "ScMzIvxBSi4";

    [Fact]
    public async Task Before_consent_every_request_stays_local_and_the_click_creates_the_nocookie_player()
    {
        await using var app = await TestApp.StartAsync();
        await SetLiveVideoAsync(app, LiveVideo);
        var title = (await app.Get<EventStore>().FindBySlugAsync(Slug))!.Title;
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await AnswerYouTubeAsync(page);
        await OpenAsync(page, app);

        var section = page.Locator("#video");
        await Expect(section).ToBeVisibleAsync();
        await Expect(section.Locator("h2")).ToHaveTextAsync("Video");
        await Expect(section).ToContainTextAsync("Das Video zu dieser Veranstaltung kommt von YouTube.");
        await Expect(section).ToContainTextAsync("Bis dahin stellt diese Seite keine Verbindung zu YouTube her.");
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        await Expect(page.Locator("#video-external")).ToHaveAttributeAsync("href", "https://www.youtube.com/watch?v=" + LiveVideo);
        await visit.RequestBarrierAsync();
        AssertOnlyLocalRequests(visit.Requests, app);
        await visit.ScreenshotAsync("viewer-video-consent-1280");

        var playerRequested = page.WaitForRequestAsync(
            request => request.Url.StartsWith("https://www.youtube-nocookie.com/embed/" + LiveVideo, StringComparison.Ordinal),
            new() { Timeout = 10_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Video von YouTube laden" }).ClickAsync();

        var player = page.Locator("#video-frame iframe");
        await Expect(player).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/" + LiveVideo);
        await Expect(player).ToHaveAttributeAsync("title", "Video: " + title);
        await Expect(player).ToBeFocusedAsync();
        await Expect(page.Locator("#video-consent")).ToBeHiddenAsync();
        await Expect(page.Locator("#video-forget")).ToBeVisibleAsync();
        // The player itself was requested (from our site it is only an iframe's address).
        await playerRequested;
        Assert.Contains(visit.Requests, url => url.StartsWith("https://www.youtube-nocookie.com/embed/" + LiveVideo, StringComparison.Ordinal));
        Assert.All(visit.Requests, url => Assert.True(
            new Uri(url).Host is "127.0.0.1" or "www.youtube-nocookie.com",
            $"Request to another host than ours and the player's: {url}"));

        // Not remembered: the next visit asks again, and asks nothing of YouTube.
        var before = visit.Requests.Count;
        await page.ReloadAsync();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        await Expect(page.Locator("#video-consent")).ToBeVisibleAsync();
        AssertOnlyLocalRequests(visit.Requests.Skip(before).ToList(), app);
    }

    [Fact]
    public async Task Remembering_the_choice_restores_the_player_after_a_reload_until_it_is_forgotten()
    {
        await using var app = await TestApp.StartAsync();
        await SetLiveVideoAsync(app, LiveVideo);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await AnswerYouTubeAsync(page);
        await OpenAsync(page, app);

        await page.GetByLabel("Auswahl in diesem Browser merken und YouTube-Videos künftig direkt laden").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Video von YouTube laden" }).ClickAsync();
        await Expect(page.Locator("#video-frame iframe")).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/" + LiveVideo);

        await page.ReloadAsync();
        await Expect(page.Locator("#video-frame iframe")).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/" + LiveVideo);
        await Expect(page.Locator("#video-consent")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Video schließen und Auswahl vergessen" }).ClickAsync();
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        await Expect(page.Locator("#video-load")).ToBeFocusedAsync();
        await Expect(page.Locator("#video-remember")).Not.ToBeCheckedAsync();

        var before = visit.Requests.Count;
        await page.ReloadAsync();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        AssertOnlyLocalRequests(visit.Requests.Skip(before).ToList(), app);
    }

    [Fact]
    public async Task The_player_switches_to_the_running_blocks_video_only_for_a_viewer_who_agreed()
    {
        await using var app = await TestApp.StartAsync();
        await SetLiveVideoAsync(app, LiveVideo);
        await SetBlockVideoAsync(app, 2, BlockVideo);
        await using var moderation = await Moderation.ConnectAsync(app);
        await using var agreed = await browser.VisitAsync(1280);
        await using var declined = await browser.VisitAsync(360, 800);
        await AnswerYouTubeAsync(agreed.Page);
        await AnswerYouTubeAsync(declined.Page);
        await OpenAsync(agreed.Page, app);
        await OpenAsync(declined.Page, app);
        await agreed.Page.GetByRole(AriaRole.Button, new() { Name = "Video von YouTube laden" }).ClickAsync();
        var player = agreed.Page.Locator("#video-frame iframe");
        await Expect(player).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/" + LiveVideo);

        await moderation.ClockAsync("StartEvent");
        await moderation.ClockAsync("StartBlock", 2);
        await Expect(agreed.Page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 2 läuft.");
        await Expect(player).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/" + BlockVideo);
        await Expect(agreed.Page.Locator("iframe")).ToHaveCountAsync(1);

        await Expect(declined.Page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 2 läuft.");
        await Expect(declined.Page.Locator("#video-external")).ToHaveAttributeAsync("href", "https://www.youtube.com/watch?v=" + BlockVideo);
        await Expect(declined.Page.Locator("iframe")).ToHaveCountAsync(0);
        await Expect(declined.Page.Locator("#video-load")).ToBeVisibleAsync();

        // Block 3 has no video of its own: back to the event's.
        await moderation.ClockAsync("NextBlock");
        await Expect(player).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/" + LiveVideo);
        AssertOnlyLocalRequests(declined.Requests, app);
    }

    [Fact]
    public async Task Without_a_video_there_is_no_player_section_until_the_organiser_adds_one()
    {
        await using var app = await TestApp.StartAsync();
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await OpenAsync(page, app);
        await Expect(page.Locator("#video")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Video", Exact = true })).ToHaveCountAsync(0);

        // The organiser adds the live video during the event: the placeholder appears, still without YouTube.
        await SetLiveVideoAsync(app, LiveVideo);
        await Expect(page.Locator("#video")).ToBeVisibleAsync();
        await Expect(page.Locator("#video-load")).ToBeEnabledAsync();
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        AssertOnlyLocalRequests(visit.Requests, app);
    }

    /// <summary>YouTube's answers come from the test: the network is closed here and the page must not wait on it.</summary>
    private static Task AnswerYouTubeAsync(IPage page) =>
        page.Context.RouteAsync(new Regex(@"^https?://([a-z0-9-]+\.)*(youtube-nocookie\.com|youtube\.com|ytimg\.com|googlevideo\.com)/"), route =>
            route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>Video</title>" }));
}
