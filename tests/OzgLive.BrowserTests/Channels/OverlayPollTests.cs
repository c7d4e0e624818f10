using Microsoft.Playwright;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Channels;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Channels;

/// <summary>Issue 14 on the stream overlay (1920×1080, as OBS loads it): the open poll once a moderator switches it on, its results once revealed.</summary>
public sealed class OverlayPollTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_overlay_shows_the_open_poll_when_switched_on_and_its_results_once_revealed()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Viewer.Moderation.ConnectAsync(app);
        var key = await app.Get<OverlayKeys>().RegenerateAsync(moderation.EventId, "test");
        var polls = app.Get<PollService>();
        var poll = await polls.PrepareAsync(moderation.EventId, new PollDraft(
            null, PollKind.Single, "Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?", ["Ja", "Noch nicht", "Nein"]));
        await moderation.PollAsync("OpenPoll", poll.Id, (int?)null);
        for (var i = 0; i < 4; i++)
        {
            await polls.AnswerAsync(new Caller($"viewer-{i}", "127.0.0.1", $"viewer:viewer-{i}"), moderation.EventId, poll.Id, new PollAnswer([i == 3 ? 2 : 1], null, null, null), replace: false);
        }

        await using var visit = await browser.VisitAsync(1920, 1080);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, OverlayKeys.OverlayPath(Slug, key)).ToString());
        await Expect(page.Locator(".overlay-join .join-qr-image svg")).ToBeVisibleAsync();
        var card = page.Locator("#overlay-poll");
        // Off until a moderator switches it on.
        await Expect(card).ToBeHiddenAsync();

        await app.Get<OverlaySwitches>().SetAsync(moderation.EventId, OverlayPart.Poll, show: true);
        await Expect(card.Locator(".overlay-poll-question")).ToHaveTextAsync("Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?");
        // Hidden results: where to vote, no counts.
        await Expect(card.Locator(".overlay-poll-note")).ToHaveTextAsync("Jetzt abstimmen: auf der Veranstaltungsseite.");
        await Expect(card.Locator(".overlay-poll-row")).ToHaveCountAsync(0);

        await moderation.PollAsync("RevealPollResults", poll.Id, true);
        await Expect(card.Locator(".overlay-poll-row")).ToHaveCountAsync(3);
        await Expect(card.Locator(".overlay-poll-row[data-key='1'] .overlay-poll-share")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^75\s?%$"));
        await Expect(card.Locator(".overlay-poll-row[data-key='2'] .overlay-poll-share")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^25\s?%$"));
        await Expect(card.Locator(".overlay-poll-note")).ToHaveTextAsync("4 Personen haben geantwortet.");
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.DocsScreenshot("overlay-poll-1920"), OmitBackground = true });
        await Axe.AssertNoViolationsAsync(page, "overlay with poll");

        await app.Get<OverlaySwitches>().SetAsync(moderation.EventId, OverlayPart.Poll, show: false);
        await Expect(card).ToBeHiddenAsync();
        EventPageTests.AssertOnlyLocalRequests(visit, app);
    }
}
