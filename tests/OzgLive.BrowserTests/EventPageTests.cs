using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests;

/// <summary>
/// The public event page in Chromium against the real app. The app runs on a fake clock (March 2026)
/// while the browser runs on the real one, so a countdown near 30:00 proves the page counts on the
/// server's time line (serverNow) and not on the browser's.
/// </summary>
public sealed partial class EventPageTests(BrowserFixture browser)
{
    private const string Slug = DemoContent.SpotOnOzgSlug;

    [Fact]
    public async Task Demo_event_page_shows_the_three_blocks_in_Berlin_time_and_that_it_has_not_started()
    {
        await using var app = await TestApp.StartAsync();
        var ev = (await app.Get<EventStore>().FindBySlugAsync(Slug))!;
        var expectedStatus = $"Noch nicht begonnen. Beginn: {BerlinTime.LongDateTime(ev.ScheduledStart)}.";

        foreach (var width in new[] { 360, 1280 })
        {
            await using var visit = await browser.VisitAsync(width);
            var page = visit.Page;
            await page.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}").ToString());

            // The script has joined the event and rewritten the status in its own words: they must
            // be the server's words.
            await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
            await Expect(page.Locator("#clock-status")).ToHaveTextAsync(expectedStatus);
            Assert.StartsWith("Noch nicht begonnen. Beginn: ", expectedStatus);

            var blocks = page.Locator("#blocks > li");
            await Expect(blocks).ToHaveCountAsync(3);
            // The demo is planned for 10:00 in Berlin; the browser sits in New York.
            await Expect(blocks.Nth(0).Locator(".block-time")).ToHaveTextAsync("10:00–10:30 Uhr");
            await Expect(blocks.Nth(1).Locator(".block-time")).ToHaveTextAsync("10:30–11:00 Uhr");
            await Expect(blocks.Nth(2).Locator(".block-time")).ToHaveTextAsync("11:00–11:30 Uhr");
            await Expect(blocks.Nth(0).Locator("h3")).ToHaveTextAsync("Block 1: Umsetzungsvereinbarung zwischen Land und kommunalen Spitzenverbänden");
            await Expect(blocks.Nth(1).Locator(".speakers")).ToContainTextAsync("Heiko Merz");
            await Expect(page.Locator("#blocks > li[aria-current]")).ToHaveCountAsync(0);
            await Expect(page.Locator("#clock-remaining")).ToBeHiddenAsync();

            Assert.True(await FitsWidthAsync(page), $"The page scrolls sideways at {width} px.");
            await visit.ScreenshotAsync($"event-not-started-{width}");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await visit.ScreenshotAsync($"event-not-started-{width}-dark");
            AssertOnlyLocalRequests(visit, app);
        }
    }

    [Fact]
    public async Task Page_follows_the_organisers_clock_commands_without_reloading()
    {
        await using var app = await TestApp.StartAsync();
        // The organiser shows viewers the remaining time (off by default, issue 12).
        await Viewer.ViewerSite.ShowClockPubliclyAsync(app);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}").ToString());
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", Slug)).GetProperty("eventId").GetInt64();
        await organiser.ClockAsync("StartEvent", eventId);
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Begrüßung.");
        await organiser.ClockAsync("StartBlock", eventId, 1);

        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");
        var first = page.Locator("#blocks > li[data-block='1']");
        await Expect(first).ToHaveAttributeAsync("aria-current", "true");
        await Expect(first.Locator(".block-state")).ToHaveTextAsync("läuft");
        await Expect(page.Locator("#blocks > li[aria-current]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#blocks > li[data-block='2'] .block-state")).ToHaveTextAsync("");

        // Counting down from 30:00 on the server's clock, not from months away on the browser's.
        var remaining = page.Locator("#clock-remaining");
        await Expect(remaining).ToHaveTextAsync(Countdown());
        var started = Seconds(await remaining.TextContentAsync());
        Assert.InRange(started, 29 * 60 + 45, 30 * 60);
        await Expect(remaining).Not.ToHaveTextAsync(await remaining.TextContentAsync() ?? "", new() { Timeout = 5000 });
        Assert.True(Seconds(await remaining.TextContentAsync()) < started, "The countdown does not go down.");
        await visit.ScreenshotAsync("event-block-running-1280");
        await page.SetViewportSizeAsync(360, 800);
        Assert.True(await FitsWidthAsync(page), "The live page scrolls sideways at 360 px.");
        await visit.ScreenshotAsync("event-block-running-360");

        await organiser.ClockAsync("ExtendBlock", eventId, 5);
        await Expect(remaining).ToHaveTextAsync(new Regex(@"^Noch 3[45]:\d\d$"));
        Assert.InRange(Seconds(await remaining.TextContentAsync()), 34 * 60 + 45, 35 * 60);

        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page was reloaded.");
        Assert.Equal(
            (await app.Get<EventStore>().FindBySlugAsync(Slug))!.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.Locator("article[data-event-slug]").GetAttributeAsync("data-seq"));
        AssertOnlyLocalRequests(visit, app);
    }

    [Fact]
    public async Task Paused_block_shows_frozen_time_and_overtime_is_never_shown_to_viewers()
    {
        await using var app = await TestApp.StartAsync();
        // The organiser shows viewers the remaining time (off by default, issue 12).
        await Viewer.ViewerSite.ShowClockPubliclyAsync(app);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        // The page's clock runs as usual but can be moved on (below, while the block is paused).
        await page.Clock.InstallAsync();
        var url = new Uri(app.BaseAddress, $"/events/{Slug}").ToString();
        await page.GotoAsync(url);
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");

        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", Slug)).GetProperty("eventId").GetInt64();
        await organiser.ClockAsync("StartEvent", eventId);
        await organiser.ClockAsync("StartBlock", eventId, 1);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        await organiser.ClockAsync("PauseBlock", eventId);

        var remaining = page.Locator("#clock-remaining");
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 ist pausiert.");
        await Expect(page.Locator("#blocks > li[data-block='1'] .block-state")).ToHaveTextAsync("pausiert");
        await Expect(page.Locator("#blocks > li[data-block='1']")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(remaining).ToHaveTextAsync("Noch 20:00");
        // A second and a half later on the page's clock (its due timers run): a paused block stands still.
        await page.Clock.FastForwardAsync(1500);
        await Expect(remaining).ToHaveTextAsync("Noch 20:00", new() { Timeout = 100 });

        // 21 minutes after resuming, the block is a minute over its time. Issue 12: viewers never
        // see overtime (no "Überzogen um", no alarm colours); the anchors keep that backstage. The
        // server renders no countdown, and the script, a second on, still shows none.
        await organiser.ClockAsync("ResumeBlock", eventId);
        app.Time.Advance(TimeSpan.FromMinutes(21));
        await page.ReloadAsync();
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(remaining).ToBeHiddenAsync();
        await page.Clock.FastForwardAsync(1500);
        await Expect(remaining).ToBeHiddenAsync();
        await Expect(page.Locator("#clock")).Not.ToHaveAttributeAsync("data-warning", new Regex("."));
        await Expect(page.Locator("#clock")).Not.ToContainTextAsync("Überzogen");
        await visit.ScreenshotAsync("event-overtime-1280");

        await organiser.ClockAsync("EndBlock", eventId);
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Übergang zum nächsten Block.");
        await Expect(page.Locator("#blocks > li[data-block='1'] .block-state")).ToHaveTextAsync("beendet");
        await Expect(page.Locator("#blocks > li[aria-current]")).ToHaveCountAsync(0);
        await Expect(remaining).ToBeHiddenAsync();
        AssertOnlyLocalRequests(visit, app);
    }

    [Fact]
    public async Task Without_JavaScript_the_server_rendered_page_shows_the_same_clock_state()
    {
        await using var app = await TestApp.StartAsync();
        // The organiser shows viewers the remaining time (off by default, issue 12).
        await Viewer.ViewerSite.ShowClockPubliclyAsync(app);
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", Slug)).GetProperty("eventId").GetInt64();
        await organiser.ClockAsync("StartEvent", eventId);
        await organiser.ClockAsync("StartBlock", eventId, 1);
        app.Time.Advance(TimeSpan.FromSeconds(95));

        await using var visit = await browser.VisitAsync(360, 800, javaScript: false);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}").ToString());

        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");
        await Expect(page.Locator("#clock-remaining")).ToHaveTextAsync("Noch 28:25");
        await Expect(page.Locator("#blocks > li[data-block='1']")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.Locator("#blocks > li[data-block='1'] .block-state")).ToHaveTextAsync("läuft");
        await Expect(page.Locator("#blocks > li[aria-current]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#connection-state")).ToBeHiddenAsync();
        await Expect(page.Locator("#clock p.hint")).ToContainTextAsync("Ohne JavaScript");
        // The server's clock moves on; without a script the page keeps what the server rendered, and
        // only a reload (below) shows the new time.
        app.Time.Advance(TimeSpan.FromSeconds(5));
        await Expect(page.Locator("#clock-remaining")).ToHaveTextAsync("Noch 28:25", new() { Timeout = 100 });
        await visit.ScreenshotAsync("event-without-javascript-360");
        await page.ReloadAsync();
        await Expect(page.Locator("#clock-remaining")).ToHaveTextAsync("Noch 28:20");
        AssertOnlyLocalRequests(visit, app);
    }

    [Fact]
    public async Task Agenda_changed_by_an_organiser_appears_without_reloading()
    {
        await using var app = await TestApp.StartAsync();
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}").ToString());
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");

        var ev = (await app.Get<EventStore>().FindBySlugAsync(Slug))!;
        var added = await app.Get<EventEditor>().AddBlockAsync(ev.Id, new BlockInput
        {
            Title = "Fragen aus dem Publikum",
            Description = "Offene Runde <mit> allen Referierenden.",
            PlannedMinutes = 15,
            Speakers = [new SpeakerInput { Name = "Dr. Eva-Charlotte Proll", Organisation = "Behörden Spiegel" }],
        });
        Assert.True(added.Ok, string.Join("; ", added.Errors.Values));

        var blocks = page.Locator("#blocks > li");
        await Expect(blocks).ToHaveCountAsync(4);
        var fourth = blocks.Nth(3);
        await Expect(fourth.Locator("h3")).ToHaveTextAsync("Block 4: Fragen aus dem Publikum");
        await Expect(fourth.Locator(".block-time")).ToHaveTextAsync("11:30–11:45 Uhr");
        // Text from organisers is text, never markup.
        await Expect(fourth.Locator(".block-description")).ToHaveTextAsync("Offene Runde <mit> allen Referierenden.");
        await Expect(fourth.Locator(".speakers li")).ToHaveTextAsync("Dr. Eva-Charlotte Proll, Behörden Spiegel");
        await Expect(page.Locator("[data-field='duration']")).ToHaveTextAsync("105");
        await Expect(blocks.Nth(1).Locator(".speakers")).ToContainTextAsync("Heiko Merz");

        // What the script built matches what the server renders for the same state.
        var rendered = await page.Locator("#blocks").InnerHTMLAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        Assert.Equal(Normalise(await page.Locator("#blocks").InnerHTMLAsync()), Normalise(rendered));
    }

    [Fact]
    public async Task A_lost_delta_makes_the_page_fetch_a_fresh_snapshot()
    {
        await using var app = await TestApp.StartAsync();
        // The organiser shows viewers the remaining time (off by default, issue 12).
        await Viewer.ViewerSite.ShowClockPubliclyAsync(app);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;

        // Between page and hub: swallow the next ClockChanged once asked to, so the page sees a gap
        // in the sequence numbers.
        var hub = await HubLine.InstallAsync(page);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}").ToString());
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", Slug)).GetProperty("eventId").GetInt64();
        await organiser.ClockAsync("StartEvent", eventId);
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Begrüßung.");

        hub.SwallowNext("ClockChanged");
        await organiser.ClockAsync("StartBlock", eventId, 1);
        await hub.SwallowedAsync();
        Assert.Equal(1, hub.Swallowed);
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Begrüßung.", new() { Timeout = 100 });

        // The next delta skips a number: the page asks for a snapshot, which has both changes.
        var extended = await organiser.ClockAsync("ExtendBlock", eventId, 5);
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");
        await Expect(page.Locator("#clock-remaining")).ToHaveTextAsync(new Regex(@"^Noch 3[45]:\d\d$"));
        await Expect(page.Locator("#blocks > li[data-block='1']")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.Locator("article[data-event-slug]")).ToHaveAttributeAsync(
            "data-seq", extended.GetProperty("seq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(hub.Sent("GetSnapshot") >= 1);
    }

    [Fact]
    public async Task After_a_server_restart_the_page_reconnects_on_its_own_and_follows_the_clock_again()
    {
        await using var app = await TestApp.StartAsync(extra: new Dictionary<string, string?>
        {
            // The same port after the restart, as for a real server.
            ["urls"] = $"http://127.0.0.1:{FreePort()}",
            // A stateful-reconnect attempt that reaches the server while it shuts down can keep the
            // host waiting its whole shutdown timeout (30 s by default); the page copes, the test
            // need not wait for it.
            ["shutdownTimeoutSeconds"] = "2",
        });
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}").ToString());
        var connection = page.Locator("#connection-state");
        await Expect(connection).ToHaveTextAsync("Verbunden");
        // Changes of the connection are announced from now on; the first "Verbunden" was not.
        await Expect(connection).ToHaveAttributeAsync("aria-live", "polite");
        await page.EvaluateAsync(
            """
            () => {
              window.__connectionTexts = [];
              const el = document.getElementById('connection-state');
              new MutationObserver(() => window.__connectionTexts.push(el.textContent))
                .observe(el, { childList: true, characterData: true, subtree: true });
            }
            """);

        await app.RestartAsync();

        await Expect(connection).ToHaveTextAsync("Verbunden", new() { Timeout = 30_000 });
        var seen = await page.EvaluateAsync<string[]>("() => window.__connectionTexts");
        Assert.Contains("Verbindung wird wiederhergestellt …", seen);
        Assert.Equal("Verbunden", seen[^1]);

        // Joined again: the new connection gets the event's changes.
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", Slug)).GetProperty("eventId").GetInt64();
        await organiser.ClockAsync("StartEvent", eventId);
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Begrüßung.");
        AssertOnlyLocalRequests(visit, app);
    }

    [Fact]
    public async Task Keyboard_users_reach_the_content_through_a_visible_skip_link()
    {
        await using var app = await TestApp.StartAsync();
        await using var visit = await browser.VisitAsync(360, 800);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}").ToString());

        var skip = page.Locator("a.skip-link");
        Assert.True((await skip.BoundingBoxAsync())!.Y < 0, "The skip link shows before it has focus.");
        await page.Keyboard.PressAsync("Tab");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        Assert.Equal("solid", await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await visit.ScreenshotAsync("event-skip-link-focused-360");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();
        AssertOnlyLocalRequests(visit, app);
    }

    /// <summary>"Noch 29:59" or "Überzogen um 0:05" as seconds (negative in overtime).</summary>
    private static int Seconds(string? text)
    {
        var match = Countdown().Match(text ?? "");
        Assert.True(match.Success, $"Not a countdown: '{text}'");
        var seconds = int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) * 60
            + int.Parse(match.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return text!.StartsWith("Überzogen", StringComparison.Ordinal) ? -seconds : seconds;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<bool> FitsWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    /// <summary>No font, script or beacon from elsewhere: every request went to the app itself.</summary>
    internal static void AssertOnlyLocalRequests(Visit visit, TestApp app)
    {
        Assert.NotEmpty(visit.Requests);
        Assert.All(visit.Requests, url =>
        {
            var uri = new Uri(url);
            Assert.True(uri.Host == app.BaseAddress.Host && uri.Port == app.BaseAddress.Port, $"Request to another host: {url}");
        });
    }

    /// <summary>Markup without the whitespace between tags and without the time zone spelling of datetime attributes.</summary>
    private static string Normalise(string html) =>
        Whitespace().Replace(html, "><").Trim();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(Noch|Überzogen um) (?<m>\d+):(?<s>\d\d)$")]
    private static partial Regex Countdown();
}
