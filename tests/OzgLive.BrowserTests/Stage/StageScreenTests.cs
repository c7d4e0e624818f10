using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Stage;

/// <summary>
/// The presenter screen (/events/{slug}/stage) in Chromium against the real app: an organiser makes
/// the presenter key over the hub, a moderator (hub client) steers, the screen follows. The app runs
/// on a fake clock, so countdown marks are reached by advancing it and letting the ticker warn, or
/// by reloading.
/// </summary>
public sealed partial class StageScreenTests(BrowserFixture browser)
{
    private const string Slug = DemoContent.SpotOnOzgSlug;
    private const string PendingText = "Diese Frage wartet noch auf die Moderation und darf nie auf der Bühne stehen";

    [Fact]
    public async Task Presenter_key_opens_the_screen_and_a_staged_question_appears_in_large_type_within_two_seconds()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        var first = await live.AddQuestionAsync("Wie kommen die Kommunen an die Fördermittel für den Breitbandausbau?", "Anna Schmidt", "Gemeinde Musterstadt");
        var second = await live.AddQuestionAsync("Gibt es ein Musterformular für den Antrag?", null, "Landkreis Gießen");

        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        var response = await page.GotoAsync(live.StageUrl());
        // A snapshot of what only the stage may see: not kept in caches, its address sent nowhere.
        Assert.Equal("no-store", response!.Headers["cache-control"]);
        Assert.Equal("no-referrer", response.Headers["referrer-policy"]);
        await ExpectConnectedAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Umsetzungsvereinbarung zwischen Land und kommunalen Spitzenverbänden");
        await Expect(page.Locator("#stage-block .stage-kicker")).ToHaveTextAsync("Als Nächstes: Block 1 von 3");
        await Expect(page.Locator("#stage-onstage")).ToContainTextAsync("Gerade ist keine Frage auf der Bühne.");

        await live.Moderator.InvokeAsync("StageQuestion", live.EventId, first.Id, first.Version);

        var question = page.Locator("#stage-onstage .stage-question");
        await Expect(question).ToHaveTextAsync("Wie kommen die Kommunen an die Fördermittel für den Breitbandausbau?", new() { Timeout = 2000 });
        await Expect(page.Locator("#stage-onstage .stage-asker")).ToHaveTextAsync("Anna Schmidt, Gemeinde Musterstadt");
        // Large type: far above body text, readable from three metres on a 1280 px screen.
        Assert.True(await FontSizeAsync(question) >= 40, $"The question on stage is set in {await FontSizeAsync(question)} px.");
        await Expect(page.Locator("#stage-next li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#stage-next li .stage-next-text")).ToHaveTextAsync("Gibt es ein Musterformular für den Antrag?");
        await Expect(page.Locator("#stage-next li .stage-next-asker")).ToHaveTextAsync("Landkreis Gießen");

        // Staging the other one sends the first back to the waiting list.
        var secondNow = await live.QuestionAsync(second.Id);
        await live.Moderator.InvokeAsync("StageQuestion", live.EventId, second.Id, secondNow.Version);
        await Expect(question).ToHaveTextAsync("Gibt es ein Musterformular für den Antrag?", new() { Timeout = 2000 });
        await Expect(page.Locator("#stage-onstage .stage-asker")).ToHaveTextAsync("Landkreis Gießen");
        await Expect(page.Locator("#stage-next li .stage-next-text")).ToHaveTextAsync("Wie kommen die Kommunen an die Fördermittel für den Breitbandausbau?");

        // The screen has no controls and its key is in no link.
        await Expect(page.Locator("#stage button, #stage input, #stage select, #stage textarea, #stage a")).ToHaveCountAsync(0);
        Assert.DoesNotContain(live.Key, await page.Locator("body").InnerHTMLAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        EventPageTests.AssertOnlyLocalRequests(visit, app);
    }

    [Fact]
    public async Task Pending_and_rejected_questions_never_reach_the_screen_of_the_presenter_or_of_a_signed_in_moderator()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await using var viewer = await app.ConnectAsync();
        await viewer.InvokeAsync("IdentifyViewer", (string?)null);
        await viewer.InvokeAsync("AskQuestion", live.EventId, new { clientId = "vorher-1", text = PendingText, displayName = "Paul Wartend", organisation = (string?)null, blockNumber = (int?)null });

        await using var presenterVisit = await browser.VisitAsync(1280, 800);
        var presenter = presenterVisit.Page;
        await presenter.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(presenter);

        // The moderator's own screen, signed in and without a key, gets the moderators' stream.
        await using var staffVisit = await browser.VisitAsync(1280, 800);
        var staff = staffVisit.Page;
        await AddCookiesAsync(staff, app, live.ModeratorCookies);
        await staff.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}/stage").ToString());
        await ExpectConnectedAsync(staff);
        await Expect(staff.Locator("#stage")).ToHaveAttributeAsync("data-role", "moderator");

        // While both watch: another pending question, one that is rejected, one approved and staged.
        await viewer.InvokeAsync("AskQuestion", live.EventId, new { clientId = "waehrend-1", text = PendingText + " (zweite)", displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });
        var rejected = await viewer.InvokeAsync("AskQuestion", live.EventId, new { clientId = "waehrend-2", text = "Abgelehnte Frage, die niemand sehen soll", displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });
        var rejectedId = rejected.GetProperty("id").GetInt64();
        await live.Moderator.InvokeAsync("RejectQuestion", live.EventId, rejectedId, (await live.QuestionAsync(rejectedId)).Version, "offTopic");
        var shown = await live.AddQuestionAsync("Welche Frage darf auf die Bühne?", "Bea Bühne", null);
        await live.Moderator.InvokeAsync("StageQuestion", live.EventId, shown.Id, shown.Version);

        foreach (var page in new[] { presenter, staff })
        {
            await Expect(page.Locator("#stage-onstage .stage-question")).ToHaveTextAsync("Welche Frage darf auf die Bühne?");
            await Expect(page.Locator("#stage-next")).ToContainTextAsync("Keine weiteren freigegebenen Fragen.");
            await AssertNothingHiddenAsync(page);
            await page.ReloadAsync();
            await ExpectConnectedAsync(page);
            await Expect(page.Locator("#stage-onstage .stage-question")).ToHaveTextAsync("Welche Frage darf auf die Bühne?");
            await AssertNothingHiddenAsync(page);
        }

        static async Task AssertNothingHiddenAsync(IPage page)
        {
            var html = await page.ContentAsync();
            Assert.DoesNotContain("wartet noch auf die Moderation", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Paul Wartend", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Abgelehnte Frage", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Next_three_questions_follow_the_moderators_pins_then_votes_then_age()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        var old = await live.AddQuestionAsync("Älteste Frage ohne Stimmen", null, null);
        app.Time.Advance(TimeSpan.FromSeconds(10));
        var popular = await live.AddQuestionAsync("Frage mit den meisten Stimmen", null, null);
        app.Time.Advance(TimeSpan.FromSeconds(10));
        var pinnedLater = await live.AddQuestionAsync("Später angeheftete Frage", null, null);
        app.Time.Advance(TimeSpan.FromSeconds(10));
        var pinnedFirst = await live.AddQuestionAsync("Zuerst angeheftete Frage", null, null);
        await live.Moderator.InvokeAsync("PinQuestion", live.EventId, pinnedFirst.Id, pinnedFirst.Version, true);
        await live.Moderator.InvokeAsync("PinQuestion", live.EventId, pinnedLater.Id, pinnedLater.Version, true);

        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        await page.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(page);
        var texts = page.Locator("#stage-next li .stage-next-text");
        await Expect(texts).ToHaveTextAsync(["Zuerst angeheftete Frage", "Später angeheftete Frage", "Älteste Frage ohne Stimmen"]);
        await Expect(page.Locator("#stage-next li[data-pinned] .stage-pin")).ToHaveTextAsync(["Angeheftet", "Angeheftet"]);
        await Expect(page.Locator("#stage-next .stage-more")).ToHaveTextAsync("Dazu 1 weitere freigegebene Frage.");

        // Two votes lift a question over older ones, but never over a pinned one.
        foreach (var n in new[] { 1, 2 })
        {
            await using var voter = await app.ConnectAsync();
            await voter.InvokeAsync("IdentifyViewer", (string?)null);
            await voter.InvokeAsync("Vote", live.EventId, popular.Id, true);
        }

        // Vote counts go out coalesced, on the app's fake clock: move it so they do.
        app.Time.Advance(VoteBroadcaster.Interval);

        await Expect(texts).ToHaveTextAsync(["Zuerst angeheftete Frage", "Später angeheftete Frage", "Frage mit den meisten Stimmen"]);
        await Expect(page.Locator("#stage-next li").Nth(2).Locator(".stage-votes")).ToHaveTextAsync("2 Stimmen");
        await Expect(page.Locator("#stage-next .stage-more")).ToHaveTextAsync("Dazu 1 weitere freigegebene Frage.");
        _ = old;
    }

    [Fact]
    public async Task Backstage_message_appears_prominently_and_disappears_when_dismissed()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        await page.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(page);
        var box = page.Locator("#stage-backstage");
        await Expect(box).ToBeHiddenAsync();

        var sent = await live.Moderator.InvokeAsync("SendBackstageMessage", live.EventId, "Bitte zum Schluss kommen – <b>noch</b> zwei Fragen");
        var messageId = sent[0].GetProperty("id").GetInt64();

        await Expect(box).ToBeVisibleAsync(new() { Timeout = 2000 });
        await Expect(box.Locator("h2")).ToHaveTextAsync("Nachricht von der Regie");
        // Text, never markup.
        await Expect(box.Locator(".stage-backstage-text")).ToHaveTextAsync("Bitte zum Schluss kommen – <b>noch</b> zwei Fragen");
        await Expect(box.Locator(".stage-backstage-time")).ToHaveTextAsync(new Regex(@"^\d\d:\d\d Uhr$"));
        Assert.True(await FontSizeAsync(box.Locator(".stage-backstage-text")) >= 32, "The backstage note is not large.");
        // Black on bright cyan (unlike the amber countdown), in a live region that says it aloud.
        Assert.Equal("rgb(127, 227, 255)", await box.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await Expect(page.Locator(".stage-backstage-live")).ToHaveAttributeAsync("aria-live", "polite");
        await visit.ScreenshotAsync("stage-backstage-1280");

        await live.Moderator.InvokeAsync("SendBackstageMessage", live.EventId, "Noch 2 Minuten");
        await Expect(box.Locator("li")).ToHaveCountAsync(2);

        await live.Moderator.InvokeAsync("DismissBackstageMessage", live.EventId, messageId);
        await Expect(box.Locator("li")).ToHaveCountAsync(1, new() { Timeout = 2000 });
        await Expect(box.Locator(".stage-backstage-text")).ToHaveTextAsync("Noch 2 Minuten");
        var second = (await live.Moderator.InvokeAsync("JoinEvent", Slug)).GetProperty("backstage")[0].GetProperty("id").GetInt64();
        await live.Moderator.InvokeAsync("DismissBackstageMessage", live.EventId, second);
        await Expect(box).ToBeHiddenAsync(new() { Timeout = 2000 });
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Noch 2 Minuten");
    }

    [Fact]
    public async Task Countdown_turns_amber_at_five_minutes_red_at_one_and_counts_overtime_in_words_as_well()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        // The page's clock runs as usual but can be moved on (below, while the block is paused).
        await page.Clock.InstallAsync();
        await page.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(page);
        var clock = page.Locator("#stage-clock");
        var label = page.Locator("#stage-clock-label");
        var time = page.Locator("#stage-clock-time");
        await Expect(label).ToHaveTextAsync("Noch nicht begonnen");
        await Expect(time).ToBeHiddenAsync();

        await live.Moderator.ClockAsync("StartEvent", live.EventId);
        await Expect(label).ToHaveTextAsync("Begrüßung");
        await live.Moderator.ClockAsync("StartBlock", live.EventId, 1);
        await Expect(label).ToHaveTextAsync("Verbleibende Zeit");
        await Expect(time).ToHaveTextAsync(new Regex(@"^(30:00|29:\d\d)$"));
        await Expect(page.Locator("#stage-block .stage-kicker")).ToHaveTextAsync("Block 1 von 3");
        await Expect(page.Locator("#stage-block .stage-speakers")).ToContainTextAsync("Martin Woitschell");
        await Expect(clock).ToHaveAttributeAsync("data-warning", "none");
        var normal = await BackgroundAsync(clock);
        Assert.True(await FontSizeAsync(time) >= 100, $"The countdown is set in {await FontSizeAsync(time)} px.");

        // 25 minutes on: the ticker warns the presenter screen, which lines up with the server's time.
        app.Time.Advance(TimeSpan.FromMinutes(25));
        await app.TickAsync();
        await Expect(label).ToHaveTextAsync("Letzte 5 Minuten");
        await Expect(clock).ToHaveAttributeAsync("data-warning", "fiveMinutes");
        await Expect(time).ToHaveTextAsync(new Regex(@"^(5:00|4:\d\d)$"));
        Assert.Equal("rgb(255, 177, 0)", await BackgroundAsync(clock));
        Assert.NotEqual(normal, await BackgroundAsync(clock));
        await Expect(page.Locator("#stage-announce")).ToHaveTextAsync("Letzte 5 Minuten");
        await visit.ScreenshotAsync("stage-five-minutes-1280");

        app.Time.Advance(TimeSpan.FromMinutes(4));
        await app.TickAsync();
        await Expect(label).ToHaveTextAsync("Letzte Minute");
        await Expect(clock).ToHaveAttributeAsync("data-warning", "oneMinute");
        await Expect(time).ToHaveTextAsync(new Regex(@"^(1:00|0:\d\d)$"));
        Assert.Equal("rgb(193, 18, 31)", await BackgroundAsync(clock));
        await visit.ScreenshotAsync("stage-one-minute-1280");

        // Over time: reloading renders it on the server, and the script counts up from there.
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await page.ReloadAsync();
        await Expect(label).ToHaveTextAsync("Überzogen");
        await Expect(clock).ToHaveAttributeAsync("data-warning", "overtime");
        await Expect(time).ToHaveTextAsync(new Regex(@"^\+1:0\d$"));
        await Expect(time).ToHaveTextAsync(new Regex(@"^\+1:0[1-9]$"), new() { Timeout = 5000 });
        Assert.Equal("rgb(193, 18, 31)", await BackgroundAsync(clock));
        await visit.ScreenshotAsync("stage-overtime-1280");

        // Extending brings the block back from overtime, in words and colour.
        await live.Moderator.ClockAsync("ExtendBlock", live.EventId, 10);
        await Expect(label).ToHaveTextAsync("Verbleibende Zeit");
        await Expect(clock).ToHaveAttributeAsync("data-warning", "none");
        await Expect(page.Locator("#stage-clock-note")).ToHaveTextAsync("Geplant: 30 Minuten, verlängert um 10 Minuten");

        await live.Moderator.ClockAsync("PauseBlock", live.EventId);
        await Expect(label).ToHaveTextAsync("Pausiert");
        await Expect(clock).ToHaveAttributeAsync("data-state", "paused");
        var frozen = await time.TextContentAsync();
        // A second and a half later on the page's clock (its due timers run): a paused block stands still.
        await page.Clock.FastForwardAsync(1500);
        await Expect(time).ToHaveTextAsync(frozen!, new() { Timeout = 100 });

        await live.Moderator.ClockAsync("EndBlock", live.EventId);
        await Expect(label).ToHaveTextAsync("Pause zwischen den Blöcken");
        await Expect(time).ToBeHiddenAsync();
        await Expect(page.Locator("#stage-block .stage-kicker")).ToHaveTextAsync("Als Nächstes: Block 2 von 3");
    }

    [Fact]
    public async Task Countdown_honours_reduced_motion()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await live.Moderator.ClockAsync("StartEvent", live.EventId);
        await live.Moderator.ClockAsync("StartBlock", live.EventId, 1);
        app.Time.Advance(TimeSpan.FromMinutes(31));

        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        await page.GotoAsync(live.StageUrl());
        var clock = page.Locator("#stage-clock");
        await Expect(clock).ToHaveAttributeAsync("data-warning", "overtime");
        Assert.Equal("stage-overtime", await clock.EvaluateAsync<string>("e => getComputedStyle(e).animationName"));

        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        Assert.Equal("none", await clock.EvaluateAsync<string>("e => getComputedStyle(e).animationName"));
        await Expect(page.Locator("#stage-clock-label")).ToHaveTextAsync("Überzogen");
    }

    [Fact]
    public async Task Wrong_or_missing_key_shows_a_German_message_and_nothing_of_the_event()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await live.AddQuestionAsync("Freigegebene Frage, die nur die Bühne sieht", "Anna Schmidt", null);
        await live.Moderator.InvokeAsync("SendBackstageMessage", live.EventId, "Geheime Regienotiz");

        foreach (var (query, message) in new[]
        {
            ("?key=falsch-geraten", "Dieser Link ist ungültig oder wurde widerrufen. Bitte fordern Sie bei der Organisation einen neuen Link an."),
            ("", "Diese Ansicht öffnet sich nur über den vollständigen Link, den Sie von der Organisation bekommen haben. Bitte öffnen Sie diesen Link."),
        })
        {
            await using var visit = await browser.VisitAsync(360, 800);
            var page = visit.Page;
            var response = await page.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}/stage{query}").ToString());
            Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Kein Zugang zur Referierendenansicht");
            await Expect(page.Locator(".stage-message")).ToHaveTextAsync(message);
            await Expect(page.Locator("main a")).ToHaveAttributeAsync("href", $"/login?ReturnUrl=%2Fevents%2F{Slug}%2Fstage");
            var html = await page.ContentAsync();
            Assert.DoesNotContain("Freigegebene Frage", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Geheime Regienotiz", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Spitzenverbänden", html, StringComparison.Ordinal);
            Assert.DoesNotContain(visit.Requests, url => url.Contains("/hubs/live", StringComparison.Ordinal));
            await visit.ScreenshotAsync("stage-denied-360" + (query.Length == 0 ? "-no-key" : ""));
        }

        await using var missing = await browser.VisitAsync(1280, 800);
        var notFound = await missing.Page.GotoAsync(new Uri(app.BaseAddress, $"/events/gibt-es-nicht/stage?key={live.Key}").ToString());
        Assert.Equal((int)HttpStatusCode.NotFound, notFound!.Status);
    }

    [Fact]
    public async Task Revoking_the_key_shows_the_revoked_message_and_the_screen_stops()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        var question = await live.AddQuestionAsync("Frage vor dem Widerruf", null, null);
        await live.Moderator.InvokeAsync("StageQuestion", live.EventId, question.Id, question.Version);

        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        var sockets = new List<IWebSocket>();
        page.WebSocket += (_, socket) =>
        {
            lock (sockets)
            {
                sockets.Add(socket);
            }
        };
        await page.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(page);
        await Expect(page.Locator("#stage-onstage .stage-question")).ToHaveTextAsync("Frage vor dem Widerruf");

        await live.Organiser.InvokeAsync("RevokePresenterKey", live.EventId);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Zugang widerrufen", new() { Timeout = 5000 });
        await Expect(page.Locator(".stage-message")).ToHaveTextAsync(
            "Der Link zu dieser Referierendenansicht wurde erneuert oder widerrufen. Die Ansicht zeigt nichts mehr an. Bitte fordern Sie bei der Organisation einen neuen Link an.");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Frage vor dem Widerruf");
        await visit.ScreenshotAsync("stage-revoked-1280");

        // Nothing arrives any more: the screen has closed every connection it opened to the hub, so
        // what is sent afterwards cannot reach it. And a reload is refused.
        List<IWebSocket> opened;
        lock (sockets)
        {
            opened = [.. sockets];
        }

        Assert.NotEmpty(opened);
        await Task.WhenAll(opened.Select(ClosedAsync));
        await live.Moderator.InvokeAsync("SendBackstageMessage", live.EventId, "Nach dem Widerruf gesendet");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Nach dem Widerruf gesendet");
        var reloaded = await page.ReloadAsync();
        Assert.Equal((int)HttpStatusCode.Forbidden, reloaded!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Kein Zugang zur Referierendenansicht");
    }

    [Fact]
    public async Task A_renewed_key_revokes_the_old_screen_and_opens_a_new_one()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await using var oldVisit = await browser.VisitAsync(1280, 800);
        await oldVisit.Page.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(oldVisit.Page);

        var renewed = (await live.Organiser.InvokeAsync("RegeneratePresenterKey", live.EventId)).GetString()!;
        await Expect(oldVisit.Page.Locator("h1")).ToHaveTextAsync("Zugang widerrufen", new() { Timeout = 5000 });

        await using var newVisit = await browser.VisitAsync(1280, 800);
        await newVisit.Page.GotoAsync(live.StageUrl(renewed));
        await ExpectConnectedAsync(newVisit.Page);
        await live.Moderator.InvokeAsync("SendBackstageMessage", live.EventId, "Neuer Link funktioniert");
        await Expect(newVisit.Page.Locator("#stage-backstage")).ToContainTextAsync("Neuer Link funktioniert");
    }

    [Fact]
    public async Task Screen_rebuilt_by_the_script_matches_what_the_server_renders()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        await page.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(page);

        await live.Moderator.ClockAsync("StartEvent", live.EventId);
        await live.Moderator.ClockAsync("StartBlock", live.EventId, 2);
        var staged = await live.AddQuestionAsync("Wie sieht der Hessische Weg für kleine Gemeinden aus?", "Dr. Jana Beispiel", "Stadt Wetzlar");
        await live.Moderator.InvokeAsync("StageQuestion", live.EventId, staged.Id, staged.Version);
        var pinned = await live.AddQuestionAsync("Angeheftet für Block 3", "Max", null, blockNumber: 3);
        await live.Moderator.InvokeAsync("PinQuestion", live.EventId, pinned.Id, pinned.Version, true);
        await live.AddQuestionAsync("Eine Frage ohne Namen", null, null);
        await live.Moderator.InvokeAsync("SendBackstageMessage", live.EventId, "Kamera 2 ist live");
        await Expect(page.Locator("#stage-backstage")).ToContainTextAsync("Kamera 2 ist live");
        await Expect(page.Locator("#stage-next li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#stage-block .stage-kicker")).ToHaveTextAsync("Block 2 von 3");
        await Expect(page.Locator("#stage-next li[data-pinned] .stage-next-block")).ToHaveTextAsync("Block 3");

        var parts = new[] { "#stage-block", "#stage-backstage", "#stage-onstage", "#stage-next", "#stage-clock-label", "#stage-clock-note" };
        var built = new List<string>();
        foreach (var part in parts)
        {
            built.Add(await page.Locator(part).EvaluateAsync<string>("e => e.outerHTML"));
        }

        await page.ReloadAsync();
        await ExpectConnectedAsync(page);
        for (var i = 0; i < parts.Length; i++)
        {
            Assert.Equal(Normalise(await page.Locator(parts[i]).EvaluateAsync<string>("e => e.outerHTML")), Normalise(built[i]));
        }
    }

    [Fact]
    public async Task English_screen_speaks_English_in_the_page_and_the_script()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        await page.GotoAsync(live.StageUrl() + "&lang=en");
        await Expect(page.Locator("#stage-connection")).ToHaveTextAsync("Connected");
        await Expect(page.Locator("#stage")).ToHaveAttributeAsync("lang", "en");

        await live.Moderator.ClockAsync("StartEvent", live.EventId);
        await live.Moderator.ClockAsync("StartBlock", live.EventId, 1);
        var question = await live.AddQuestionAsync("How do small towns apply?", "Anna", "Town of Example");
        await live.Moderator.InvokeAsync("StageQuestion", live.EventId, question.Id, question.Version);

        await Expect(page.Locator("#stage-clock-label")).ToHaveTextAsync("Time remaining");
        await Expect(page.Locator("#stage-block .stage-kicker")).ToHaveTextAsync("Block 1 of 3");
        await Expect(page.Locator("#stage-onstage h2")).ToHaveTextAsync("Question on stage");
        await Expect(page.Locator("#stage-next")).ToContainTextAsync("No further approved questions.");
        await Expect(page.Locator("#stage-clock-note")).ToHaveTextAsync("Planned: 30 minutes");
    }

    [Fact]
    public async Task Both_themes_fit_1280_and_360_pixels()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await live.Moderator.ClockAsync("StartEvent", live.EventId);
        await live.Moderator.ClockAsync("StartBlock", live.EventId, 2);
        app.Time.Advance(TimeSpan.FromMinutes(26));
        var staged = await live.AddQuestionAsync(
            "Wie gelingt es, die Online-Dienste aus dem Einer-für-Alle-Prinzip schnell in allen hessischen Kommunen bereitzustellen?",
            "Dr. Jana Beispiel", "Stadt Wetzlar");
        await live.Moderator.InvokeAsync("StageQuestion", live.EventId, staged.Id, staged.Version);
        var pinned = await live.AddQuestionAsync("Welche Rolle spielt die ekom21 beim Betrieb?", "Max Mustermann", null);
        await live.Moderator.InvokeAsync("PinQuestion", live.EventId, pinned.Id, pinned.Version, true);
        await live.AddQuestionAsync("Wie werden Bürgerinnen und Bürger über neue Dienste informiert?", null, "Landkreis Marburg-Biedenkopf");
        await live.AddQuestionAsync("Gibt es Schulungen für Sachbearbeitende?", null, null, blockNumber: 3);
        await live.AddQuestionAsync("Und was ist mit dem Datenschutz?", null, null);
        await live.Moderator.InvokeAsync("SendBackstageMessage", live.EventId, "Bitte noch die Frage aus dem Chat nehmen");

        var backgrounds = new Dictionary<string, string>();
        foreach (var theme in new[] { "dark", "light" })
        {
            foreach (var (width, height) in new[] { (1280, 720), (360, 800) })
            {
                await using var visit = await browser.VisitAsync(width, height);
                var page = visit.Page;
                await page.GotoAsync(live.StageUrl() + (theme == "light" ? "&theme=light" : ""));
                await ExpectConnectedAsync(page);
                await Expect(page.Locator("#stage-clock-label")).ToHaveTextAsync("Letzte 5 Minuten");
                await Expect(page.Locator("#stage-next li")).ToHaveCountAsync(3);
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                    $"The {theme} screen scrolls sideways at {width} px.");
                backgrounds[theme] = await BackgroundAsync(page.Locator("#stage"));
                await visit.ScreenshotAsync($"stage-{theme}-{width}");
            }
        }

        Assert.Equal("rgb(13, 16, 20)", backgrounds["dark"]);
        Assert.Equal("rgb(255, 255, 255)", backgrounds["light"]);

        // Without a choice in the address the system decides when asked to (theme=auto).
        await using var auto = await browser.VisitAsync(1280, 720);
        await auto.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await auto.Page.GotoAsync(live.StageUrl() + "&theme=auto");
        Assert.Equal("rgb(255, 255, 255)", await BackgroundAsync(auto.Page.Locator("#stage")));
        await auto.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(13, 16, 20)", await BackgroundAsync(auto.Page.Locator("#stage")));
    }

    [Fact]
    public async Task Without_JavaScript_the_server_renders_the_same_screen_and_says_it_will_not_update()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await live.Moderator.ClockAsync("StartEvent", live.EventId);
        await live.Moderator.ClockAsync("StartBlock", live.EventId, 1);
        var staged = await live.AddQuestionAsync("Frage, die der Server zeigt", "Anna Schmidt", null);
        await live.Moderator.InvokeAsync("StageQuestion", live.EventId, staged.Id, staged.Version);
        await live.Moderator.InvokeAsync("SendBackstageMessage", live.EventId, "Notiz vom Server");
        app.Time.Advance(TimeSpan.FromSeconds(25 * 60 + 30));

        await using var visit = await browser.VisitAsync(1280, 800, javaScript: false);
        var page = visit.Page;
        await page.GotoAsync(live.StageUrl());
        await Expect(page.Locator("#stage-clock-label")).ToHaveTextAsync("Letzte 5 Minuten");
        await Expect(page.Locator("#stage-clock-time")).ToHaveTextAsync("4:30");
        await Expect(page.Locator("#stage-onstage .stage-question")).ToHaveTextAsync("Frage, die der Server zeigt");
        await Expect(page.Locator("#stage-onstage .stage-asker")).ToHaveTextAsync("Anna Schmidt");
        await Expect(page.Locator("#stage-backstage")).ToContainTextAsync("Notiz vom Server");
        await Expect(page.Locator(".stage-noscript")).ToContainTextAsync("Ohne JavaScript");
        await Expect(page.Locator("#stage-connection")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_lost_question_change_makes_the_screen_fetch_a_fresh_snapshot()
    {
        await using var app = await TestApp.StartAsync();
        await using var live = await Studio.StartAsync(app);
        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;

        // Between page and hub: swallow the next QuestionsChanged once asked to, so the screen sees
        // a gap in the sequence numbers.
        var hub = await HubLine.InstallAsync(page);

        await page.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(page);
        hub.SwallowNext("QuestionsChanged");
        await live.AddQuestionAsync("Diese Änderung geht unterwegs verloren", null, null);
        await hub.SwallowedAsync();
        Assert.Equal(1, hub.Swallowed);
        await Expect(page.Locator("#stage-next")).ToContainTextAsync("Keine weiteren freigegebenen Fragen.", new() { Timeout = 100 });

        // The next change skips a number: the screen asks for a snapshot, which has both.
        await live.AddQuestionAsync("Diese kommt an", null, null);
        await Expect(page.Locator("#stage-next li .stage-next-text")).ToHaveTextAsync(["Diese Änderung geht unterwegs verloren", "Diese kommt an"]);
        Assert.True(hub.Sent("GetSnapshot") >= 1);
    }

    [Fact]
    public async Task After_a_server_restart_the_screen_joins_again_with_its_key()
    {
        await using var app = await TestApp.StartAsync(extra: new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{FreePort()}",
            ["shutdownTimeoutSeconds"] = "2",
        });
        var live = await Studio.StartAsync(app);
        await using var visit = await browser.VisitAsync(1280, 800);
        var page = visit.Page;
        await page.GotoAsync(live.StageUrl());
        await ExpectConnectedAsync(page);

        await live.DisposeAsync();
        await app.RestartAsync();
        await Expect(page.Locator("#stage-connection")).Not.ToHaveTextAsync("Verbunden", new() { Timeout = 15_000 });
        await Expect(page.Locator("#stage-connection")).ToHaveTextAsync("Verbunden", new() { Timeout = 30_000 });

        // Joined again as the presenter: backstage notes (presenters only) arrive.
        await using var moderator = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await moderator.InvokeAsync("JoinEvent", Slug)).GetProperty("eventId").GetInt64();
        await moderator.InvokeAsync("SendBackstageMessage", eventId, "Nach dem Neustart");
        await Expect(page.Locator("#stage-backstage")).ToContainTextAsync("Nach dem Neustart");
        Assert.Equal("presenter", await page.Locator("#stage").GetAttributeAsync("data-role"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExpectConnectedAsync(IPage page) =>
        await Expect(page.Locator("#stage-connection")).ToHaveTextAsync("Verbunden");

    /// <summary>Completes when the page's WebSocket has closed.</summary>
    private static Task ClosedAsync(IWebSocket socket)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        socket.Close += (_, _) => closed.TrySetResult();
        if (socket.IsClosed)
        {
            closed.TrySetResult();
        }

        return closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static Task<double> FontSizeAsync(ILocator locator) =>
        locator.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

    private static Task<string> BackgroundAsync(ILocator locator) =>
        locator.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    private static async Task AddCookiesAsync(IPage page, TestApp app, CookieContainer cookies) =>
        await page.Context.AddCookiesAsync(cookies.GetCookies(app.BaseAddress).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Url = app.BaseAddress.ToString(),
        }));

    private static string Normalise(string html) => Whitespace().Replace(html, "><").Trim();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex Whitespace();

    private sealed record QuestionRef(long Id, long Version);

    /// <summary>The demo event with a presenter key (made by the organiser) and an assigned moderator, both on the hub.</summary>
    private sealed class Studio : IAsyncDisposable
    {
        private Studio(TestApp app, HubTestClient organiser, HubTestClient moderator, CookieContainer moderatorCookies, long eventId, string key)
        {
            App = app;
            Organiser = organiser;
            Moderator = moderator;
            ModeratorCookies = moderatorCookies;
            EventId = eventId;
            Key = key;
        }

        public TestApp App { get; }

        public HubTestClient Organiser { get; }

        public HubTestClient Moderator { get; }

        public CookieContainer ModeratorCookies { get; }

        public long EventId { get; }

        public string Key { get; }

        public static async Task<Studio> StartAsync(TestApp app)
        {
            var organiser = await app.ConnectAsync(await app.SignInAsync());
            var eventId = (await organiser.InvokeAsync("JoinEvent", Slug)).GetProperty("eventId").GetInt64();
            var key = (await organiser.InvokeAsync("RegeneratePresenterKey", eventId)).GetString()!;
            var (_, email) = await app.CreateModeratorAsync($"moderation-{Guid.NewGuid():N}@test.local", eventId);
            var cookies = await app.SignInAsync(email, TestApp.OrganiserPassword);
            var moderator = await app.ConnectAsync(cookies);
            await moderator.InvokeAsync("JoinEvent", Slug);
            return new Studio(app, organiser, moderator, cookies, eventId, key);
        }

        public string StageUrl(string? key = null) =>
            new Uri(App.BaseAddress, $"/events/{Slug}/stage?key={Uri.EscapeDataString(key ?? Key)}").ToString();

        /// <summary>A question a moderator carries in (approved at once).</summary>
        public async Task<QuestionRef> AddQuestionAsync(string text, string? displayName, string? organisation, int? blockNumber = null)
        {
            var added = await Moderator.InvokeAsync("AddQuestion", EventId, new { text, displayName, organisation, source = "onSite", blockNumber });
            return Ref(added);
        }

        /// <summary>The question as the moderators' snapshot has it now (its current version).</summary>
        public async Task<QuestionRef> QuestionAsync(long id)
        {
            var snapshot = await Moderator.InvokeAsync("GetSnapshot", EventId);
            return Ref(snapshot.GetProperty("queue").EnumerateArray().Single(q => q.GetProperty("id").GetInt64() == id));
        }

        public async ValueTask DisposeAsync()
        {
            await Moderator.DisposeAsync();
            await Organiser.DisposeAsync();
        }

        private static QuestionRef Ref(JsonElement q) => new(q.GetProperty("id").GetInt64(), q.GetProperty("version").GetInt64());
    }
}
