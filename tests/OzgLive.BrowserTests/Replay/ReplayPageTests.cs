using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Replay;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Replay;

/// <summary>
/// The replay page in Chromium: nothing leaves 127.0.0.1 before consent; a jump link brings the
/// consent box with its start (then the player starts there) or seeks the consented player over
/// postMessage; the search filters as one types; axe finds nothing at phone and desktop width in
/// both languages. YouTube's answers come from the test (the network is closed here): a page that
/// records the commands the replay page posts to it.
/// </summary>
public sealed class ReplayPageTests(BrowserFixture browser)
{
    private const string Video = "dQw4w9WgXcQ";
    private const string Player = "https://www.youtube-nocookie.com/embed/" + Video;

    [Fact]
    public async Task Before_consent_nothing_leaves_the_site_and_a_jump_link_starts_the_consented_player_at_its_moment()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app, Video, offsetSeconds: 0);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                scriptErrors.Add(message.Text);
            }
        };
        await AnswerYouTubeAsync(page);
        await page.GotoAsync(Url(app, scenario.Path));

        await Expect(page.Locator("h1")).ToHaveTextAsync(scenario.Title);
        await Expect(page.Locator("#video-load")).ToBeEnabledAsync();
        await Expect(page.Locator("#video-heading")).ToHaveTextAsync("Aufzeichnung");
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        await Expect(page.Locator("#video-start-note")).ToBeHiddenAsync();
        await visit.RequestBarrierAsync();
        AssertOnlyLocalRequests(visit.Requests, app);
        await visit.ScreenshotAsync("replay-consent-1280");

        var jump = page.GetByRole(AriaRole.Link, new() { Name = "Antwort ab 16:12 in der Aufzeichnung ansehen" });
        await jump.ClickAsync();

        await Expect(page.Locator("#video-start-note")).ToHaveTextAsync("Die Aufzeichnung beginnt bei 16:12.");
        await Expect(page.Locator("#video-load")).ToBeFocusedAsync();
        await Expect(page.Locator("#video-external")).ToHaveAttributeAsync("href", $"https://www.youtube.com/watch?v={Video}&t=972s");
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        Assert.EndsWith("/replay?t=972#aufzeichnung", page.Url);
        AssertOnlyLocalRequests(visit.Requests, app);

        await page.GetByRole(AriaRole.Button, new() { Name = "Video von YouTube laden" }).ClickAsync();
        var player = page.Locator("#video-frame iframe");
        await Expect(player).ToHaveAttributeAsync("src", Player + "?enablejsapi=1&start=972");
        Assert.All(visit.Requests, url => Assert.True(
            new Uri(url).Host is "127.0.0.1" or "www.youtube-nocookie.com", $"Request to another host than ours and the player's: {url}"));

        // With the player running, a chapter link seeks it instead of loading it again.
        await page.Locator(".replay-chapters a.jump").First.ClickAsync();
        await Expect(page.Locator("#replay-announcer")).ToHaveTextAsync("Die Aufzeichnung springt zu 05:12.");
        await Expect(player).ToHaveAttributeAsync("src", Player + "?enablejsapi=1&start=972");
        var frame = page.Frames.Single(f => f.Url.StartsWith(Player, StringComparison.Ordinal));
        await Expect(frame.Locator("#received")).ToContainTextAsync("{\"event\":\"command\",\"func\":\"seekTo\",\"args\":[312,true]}");
        Assert.DoesNotContain(visit.Requests, url => url.Contains("iframe_api", StringComparison.Ordinal) || url.EndsWith(".js", StringComparison.Ordinal) && !url.StartsWith(app.BaseAddress.ToString(), StringComparison.Ordinal));
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task A_reader_who_agreed_before_gets_the_player_at_the_linked_moment_right_away()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app, Video, offsetSeconds: 90);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await AnswerYouTubeAsync(page);
        await page.GotoAsync(Url(app, scenario.Path));
        await page.GetByLabel("Auswahl in diesem Browser merken und YouTube-Videos künftig direkt laden").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Video von YouTube laden" }).ClickAsync();
        await Expect(page.Locator("#video-frame iframe")).ToHaveAttributeAsync("src", Player + "?enablejsapi=1");

        await page.GotoAsync(Url(app, scenario.Path + "?t=1062"));

        await Expect(page.Locator("#video-frame iframe")).ToHaveAttributeAsync("src", Player + "?enablejsapi=1&start=1062");
        await Expect(page.Locator("#video-consent")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_search_filters_the_questions_as_one_types_and_says_how_many_match()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app, Video);
        await using var visit = await browser.VisitAsync(360, 800);
        var page = visit.Page;
        await page.GotoAsync(Url(app, scenario.Path));
        var visible = page.Locator(".replay-question:visible");
        await Expect(visible).ToHaveCountAsync(2);
        await Expect(page.Locator("#replay-count")).ToHaveTextAsync("2 Fragen");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Fragen durchsuchen" }).FillAsync("PERSONALMANGEL");

        await Expect(visible).ToHaveCountAsync(1);
        await Expect(visible.Locator(".question-text")).ToHaveTextAsync(ReplayScenario.AnsweredText);
        await Expect(page.Locator("#replay-count")).ToHaveTextAsync("1 von 2 Fragen");
        await Expect(page.Locator("#replay-count")).ToHaveAttributeAsync("aria-live", "polite");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Fragen durchsuchen" }).FillAsync("gibt es nirgends");
        await Expect(visible).ToHaveCountAsync(0);
        await Expect(page.Locator(".replay-block:visible")).ToHaveCountAsync(0);
        await Expect(page.Locator("#replay-count")).ToHaveTextAsync("0 von 2 Fragen");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Fragen durchsuchen" }).FillAsync("");
        await Expect(visible).ToHaveCountAsync(2);
        Assert.True(await FitsWidthAsync(page), "The page scrolls sideways at 360 px.");
        await visit.ScreenshotAsync("replay-360");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task The_replay_page_has_no_axe_violations(string language, int width)
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app, Video, offsetSeconds: 30);
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);

        await check.GoAsync(scenario.Path);
        await check.CheckAsync("replay");
        // With the consent box's start note shown, as a jump link leaves it.
        await check.Page.Locator(".replay-question a.jump").First.ClickAsync();
        await Expect(check.Page.Locator("#video-start-note")).ToBeVisibleAsync();
        await check.CheckAsync("replay-jump");

        check.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task The_preview_without_a_video_has_no_axe_violations(string language, int width)
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.EndedAsync(app);
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);
        await SignInAsync(check.Page, app);

        await check.GoAsync(scenario.Path);
        await Expect(check.Page.Locator("#replay-preview h2")).ToHaveTextAsync(language == "en" ? "Preview – not published yet" : "Vorschau – noch nicht veröffentlicht");
        await check.CheckAsync("replay-preview");

        check.AssertNoViolations();
    }

    public static TheoryData<string, int> Matrix => AccessibilityCheck.Matrix;

    private static async Task SignInAsync(IPage page, TestApp app)
    {
        await page.GotoAsync(Url(app, "/login"));
        await page.Locator("#email").FillAsync(TestApp.OrganiserEmail);
        await page.Locator("#password").FillAsync(TestApp.OrganiserPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
    }

    /// <summary>Stands in for YouTube: shows every message the page posts to the player, so the test can read it.</summary>
    private static Task AnswerYouTubeAsync(IPage page) =>
        page.Context.RouteAsync(new Regex(@"^https?://([a-z0-9-]+\.)*(youtube-nocookie\.com|youtube\.com|ytimg\.com|googlevideo\.com)/"), route =>
            route.FulfillAsync(new()
            {
                Status = 200,
                ContentType = "text/html",
                Body = "<!doctype html><title>Video</title><pre id=\"received\"></pre>"
                    + "<script>addEventListener('message', function (e) { document.getElementById('received').textContent += e.data + '\\n'; });</script>",
            }));
}
