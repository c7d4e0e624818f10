using System.Text.RegularExpressions;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Moderation.ModerationSite;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>Two moderators at once: what one does, the other sees without reloading; a decision on an outdated view is refused.</summary>
public sealed class ConsoleLiveTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_approval_in_one_console_appears_in_the_other_without_reloading()
    {
        await using var site = await StartAsync();
        var first = await site.AskAsync("Wo beantrage ich den Voucher für die Digitalisierungsberatung?", "Anna Schmidt");
        var second = await site.AskAsync("Wie lange dauert die Umsetzung in kleinen Kommunen?");

        await using var moderatorVisit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        await using var organiserVisit = await site.OpenConsoleAsync(browser);
        var mine = moderatorVisit.Page;
        var theirs = organiserVisit.Page;
        await theirs.EvaluateAsync("() => { window.__sameDocument = true; }");
        await Expect(Column(theirs, "incoming")).ToHaveCountAsync(2);

        await Card(mine, first.Id).Locator("[data-action=approve]").ClickAsync();

        await Expect(mine.Locator("#action-status")).ToHaveTextAsync($"Frage {first.Id} freigegeben.");
        // The focus moves on to the next question, ready for the next decision.
        await Expect(Card(mine, second.Id)).ToBeFocusedAsync();
        await Expect(theirs.Locator($"[data-list=approved] #q-{first.Id}")).ToBeVisibleAsync();
        await Expect(Card(theirs, first.Id)).ToHaveAttributeAsync("data-status", "approved");
        await Expect(Column(theirs, "incoming")).ToHaveCountAsync(1);
        await Expect(theirs.Locator("#tab-incoming [data-count]")).ToHaveTextAsync("1");
        await Expect(theirs.Locator("#col-approved-heading [data-count]")).ToHaveTextAsync("1");
        Assert.True(await theirs.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The other console was reloaded.");
        Assert.Equal(QuestionStatus.Approved, (await site.QuestionAsync(first.Id)).Status);

        // And the other way round: the organiser puts it on stage, the moderator sees it there.
        await Card(theirs, first.Id).Locator("[data-action=stage]").ClickAsync();
        await Expect(mine.Locator($"[data-list=stage] #q-{first.Id}")).ToBeVisibleAsync();
        await Expect(Card(mine, first.Id).Locator(".q-badge-onStage")).ToHaveTextAsync("Auf der Bühne");
        var seq = (await site.SnapshotAsync()).Seq;
        await Expect(mine.Locator("#moderate")).ToHaveAttributeAsync("data-seq", seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        EventPageTests.AssertOnlyLocalRequests(moderatorVisit, site.App);
    }

    [Fact]
    public async Task A_new_question_and_its_votes_reach_the_console_as_they_happen()
    {
        await using var site = await StartAsync();
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        await Expect(page.Locator("[data-empty=incoming]")).ToHaveTextAsync("Keine neuen Fragen.");

        var question = await site.AskAsync("Gibt es Vorlagen für die Kommunikation?", "Lea Kraus", "Stadt Kassel", 3);
        await Expect(Card(page, question.Id).Locator(".q-text")).ToHaveTextAsync("Gibt es Vorlagen für die Kommunikation?");
        await Expect(page.Locator("[data-empty=incoming]")).ToBeHiddenAsync();
        await site.ApproveAsync(question.Id);
        await Expect(page.Locator($"[data-list=approved] #q-{question.Id}")).ToBeVisibleAsync();

        await site.VoteAsync(question.Id);
        await site.VoteAsync(question.Id);
        await Expect(Card(page, question.Id).Locator("[data-votes]")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task A_decision_on_an_outdated_view_is_refused_with_a_clear_notice_and_the_fresh_state()
    {
        await using var site = await StartAsync();
        var question = await site.AskAsync("Warum dauert das so lange?");
        var other = await site.AskAsync("Welche Leistungen kommen als Nächstes?");

        // Between this console and the hub: swallow the next QueueChanged once asked to, so the
        // console keeps showing the question as it was while someone else decides on it.
        HubLine? hub = null;
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync(), prepare: async page => hub = await HubLine.InstallAsync(page));
        var page = visit.Page;
        await Expect(Card(page, question.Id)).ToHaveAttributeAsync("data-status", "pending");

        // Another moderator rejects it; this console does not hear of it.
        hub!.SwallowNext("QueueChanged");
        await site.Questions.RejectAsync(Organiser, site.EventId, question.Id, question.Version, RejectReason.OffTopic);
        await hub.SwallowedAsync();
        Assert.Equal(1, hub.Swallowed);
        await Expect(Card(page, question.Id)).ToHaveAttributeAsync("data-status", "pending", new() { Timeout = 100 });

        // Approving what this console shows is refused: the question changed meanwhile.
        await Card(page, question.Id).Locator("[data-action=approve]").ClickAsync();

        await Expect(page.Locator("#action-status")).ToHaveTextAsync(
            $"Frage {question.Id} wurde inzwischen von jemand anderem geändert. Der aktuelle Stand wird angezeigt – bitte erneut entscheiden.");
        await Expect(page.Locator("#action-status")).ToHaveAttributeAsync("data-kind", "warning");
        var card = page.Locator($"[data-list=rejected] #q-{question.Id}");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator(".q-stale-notice")).ToHaveTextAsync(
            "Diese Frage wurde inzwischen von jemand anderem geändert. Hier sehen Sie den aktuellen Stand – bitte entscheiden Sie erneut.");
        await Expect(card.Locator(".q-reason")).ToHaveTextAsync("Abgelehnt wegen: Nicht zum Thema");
        await Expect(card).ToBeFocusedAsync();
        // The other question was not touched and is still waiting.
        await Expect(Card(page, other.Id)).ToHaveAttributeAsync("data-status", "pending");

        var stored = await site.QuestionAsync(question.Id);
        Assert.Equal(QuestionStatus.Rejected, stored.Status);
        Assert.Equal(question.Version + 1, stored.Version);
        await visit.ScreenshotAsync("moderate-stale-1280");

        // Deciding again on the fresh state works, and the notice goes.
        await card.Locator("[data-action=reopen]").ClickAsync();
        await Expect(page.Locator($"[data-list=incoming] #q-{question.Id}")).ToBeVisibleAsync();
        await Expect(Card(page, question.Id).Locator(".q-stale-notice")).ToHaveCountAsync(0);
        Assert.Equal(QuestionStatus.Pending, (await site.QuestionAsync(question.Id)).Status);
    }

    [Fact]
    public async Task A_lost_message_makes_the_console_fetch_a_fresh_snapshot()
    {
        await using var site = await StartAsync();
        var first = await site.AskAsync("Erste Frage?");
        var second = await site.AskAsync("Zweite Frage?");
        HubLine? hub = null;
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync(), prepare: async page => hub = await HubLine.InstallAsync(page));
        var page = visit.Page;

        hub!.SwallowNext("QueueChanged");
        await site.ApproveAsync(first.Id);
        await hub.SwallowedAsync();
        Assert.Equal(1, hub.Swallowed);
        await Expect(Card(page, first.Id)).ToHaveAttributeAsync("data-status", "pending", new() { Timeout = 100 });

        // The next change skips a number: the console asks for a snapshot, which has both changes.
        await site.ApproveAsync(second.Id);
        await Expect(page.Locator($"[data-list=approved] #q-{first.Id}")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-list=approved] #q-{second.Id}")).ToBeVisibleAsync();
        await Expect(page.Locator("#moderate")).ToHaveAttributeAsync(
            "data-seq", (await site.SnapshotAsync()).Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(hub.Sent("GetSnapshot") >= 1);
    }

    [Fact]
    public async Task The_viewer_count_rises_as_viewers_join_and_falls_as_they_leave()
    {
        await using var site = await StartAsync();
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        var count = page.Locator("#viewer-number");
        await Expect(count).ToHaveTextAsync("0");

        // The count goes out at most once per interval on the app's fake clock: after each number
        // seen, the clock moves past the interval, so the next change goes out at once.
        // A viewer over the hub protocol.
        var viewer = await site.App.ConnectAsync();
        await viewer.InvokeAsync("JoinEvent", Slug);
        await Expect(count).ToHaveTextAsync("1");
        site.App.Time.Advance(ViewerCounter.Interval);

        // A viewer in a browser, on the public event page.
        await using var audience = await browser.VisitAsync(360, 800);
        await audience.Page.GotoAsync(new Uri(site.App.BaseAddress, $"/events/{Slug}").ToString());
        await Expect(count).ToHaveTextAsync("2");
        site.App.Time.Advance(ViewerCounter.Interval);

        // Other moderators and organisers are not viewers.
        await using var organiser = await site.App.ConnectAsync(await site.App.SignInAsync());
        await organiser.InvokeAsync("JoinEvent", Slug);

        await viewer.DisposeAsync();
        await Expect(count).ToHaveTextAsync("1");
        await Expect(page.Locator("#viewer-count")).ToHaveTextAsync("Zuschauende live: 1");

        // A console opened now starts with the current number.
        await using var later = await site.OpenConsoleAsync(browser);
        await Expect(later.Page.Locator("#viewer-number")).ToHaveTextAsync("1");
    }
}
