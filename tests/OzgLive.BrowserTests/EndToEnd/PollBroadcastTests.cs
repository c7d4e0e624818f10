using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Live;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay.Review;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.EndToEnd;

/// <summary>
/// Issue 14 from end to end in real Chromium against the real app: a viewer answers a poll on a
/// 360×740 phone, the moderators reveal the results, the presenter screen (1920×1080) shows them,
/// the event ends and the replay keeps them in its "Umfragen" section; axe on the viewer page with the
/// open poll and on the replay, in German and English. The German run takes the README's screenshots.
/// </summary>
public sealed class PollBroadcastTests(BrowserFixture browser)
{
    private const string Question = "Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?";

    private static readonly Dictionary<string, Dictionary<string, string>> Words = new()
    {
        ["de"] = new() { ["connected"] = "Verbunden", ["send"] = "Antwort senden", ["sent"] = "Ihre Antwort ist angekommen.", ["respondents"] = "12 Personen haben geantwortet.", ["polls"] = "Umfragen" },
        ["en"] = new() { ["connected"] = "Connected", ["send"] = "Send answer", ["sent"] = "Your answer has arrived.", ["respondents"] = "12 people answered.", ["polls"] = "Polls" },
    };

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public async Task A_viewer_answers_on_a_phone_the_presenter_screen_shows_the_revealed_results_and_the_replay_keeps_them(string language)
    {
        var words = Words[language];
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Viewer.Moderation.ConnectAsync(app);
        var eventId = moderation.EventId;
        var presenterKey = await app.Get<PresenterKeys>().RegenerateAsync(eventId, "test");
        await moderation.ClockAsync("StartEvent");
        await moderation.ClockAsync("StartBlock", 1);
        var polls = app.Get<PollService>();
        var poll = await polls.PrepareAsync(eventId, new PollDraft(1, PollKind.Single, Question, ["Ja", "Noch nicht, aber geplant", "Nein"]));
        await moderation.PollAsync("OpenPoll", poll.Id, (int?)null);
        // Eleven others have answered already, through the service the hub calls: 4 × Ja, 4 × Noch nicht, 3 × Nein.
        for (var i = 0; i < 11; i++)
        {
            await polls.AnswerAsync(new Caller($"viewer-{i}", "127.0.0.1", $"viewer:viewer-{i}"), eventId, poll.Id, new PollAnswer([1 + (i % 3)], null, null, null), replace: false);
        }

        // The phone: the open poll, answered with a tap; axe on the page as it is then.
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, 360, height: 740);
        var phone = check.Page;
        await check.GoAsync($"/events/{Slug}");
        await Expect(phone.Locator("#connection-state")).ToHaveTextAsync(words["connected"]);
        var section = phone.Locator("#poll");
        await Expect(section.GetByRole(AriaRole.Group, new() { Name = Question })).ToBeVisibleAsync();
        await section.GetByLabel("Ja", new() { Exact = true }).CheckAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = words["send"] }).ClickAsync();
        await Expect(phone.Locator("#poll-status")).ToHaveTextAsync(words["sent"]);
        await Expect(phone.Locator("#poll-results")).ToBeHiddenAsync();
        await check.CheckAsync("poll-open-viewer");

        // The presenter screen: the question, and the line that the results follow.
        await using var presenter = await browser.VisitAsync(1920, 1080);
        var stage = presenter.Page;
        await stage.GotoAsync(new Uri(app.BaseAddress, $"/events/{Slug}/stage?key={Uri.EscapeDataString(presenterKey)}").ToString());
        await Expect(stage.Locator("#stage[data-interactive=true]")).ToBeVisibleAsync();
        var stagePoll = stage.Locator("#stage-poll");
        await Expect(stagePoll.Locator(".poll-question")).ToHaveTextAsync(Question);
        await Expect(stagePoll.Locator(".stage-poll-answering")).ToBeVisibleAsync();
        await Expect(stagePoll.Locator(".poll-table")).ToHaveCountAsync(0);

        await moderation.PollAsync("RevealPollResults", poll.Id, true);

        // Revealed: the counts on the presenter screen and on the phone, with the chart beside the table.
        await Expect(stagePoll.Locator("tr[data-key='1'] td").First).ToHaveTextAsync("5");
        await Expect(stagePoll.Locator("tr[data-key='2'] td").First).ToHaveTextAsync("4");
        await Expect(stagePoll.Locator("tr[data-key='3'] td").First).ToHaveTextAsync("3");
        await Expect(stagePoll.Locator(".poll-chart .poll-bar")).ToHaveCountAsync(3);
        await Expect(phone.Locator("#poll-respondents")).ToHaveTextAsync(words["respondents"]);
        await Expect(phone.Locator("#poll-rows tr[data-key='1'] td").First).ToHaveTextAsync("5");
        await Expect(phone.Locator("#poll-chart .poll-bar-row")).ToHaveCountAsync(3);
        await check.CheckAsync("poll-results-viewer");
        if (language == "de")
        {
            // The whole poll at once: a taller screen for the picture, without the fixed "Frage stellen" bar over it.
            await phone.SetViewportSizeAsync(360, 1400);
            await section.ScreenshotAsync(new() { Path = BrowserFixture.DocsScreenshot("poll-phone-360"), Style = "#ask-open-bar { display: none !important; }" });
            await phone.SetViewportSizeAsync(360, 740);
            await stage.ScreenshotAsync(new() { Path = BrowserFixture.DocsScreenshot("poll-presenter-1920x1080") });
        }

        // The end of the event closes the poll; once published, the replay keeps its results.
        await moderation.ClockAsync("EndEvent");
        await Expect(phone.Locator("#poll-form")).ToBeHiddenAsync();
        Assert.Null(await app.Get<TranscriptReview>().PublishAsync(eventId, confirmedFlags: true, "account:test"));

        await check.GoAsync($"/events/{Slug}/replay");
        var replayPolls = phone.GetByRole(AriaRole.Region, new() { Name = words["polls"], Exact = true });
        await Expect(replayPolls.Locator(".poll-question")).ToHaveTextAsync(Question);
        await Expect(replayPolls.Locator("tr[data-key='1'] td").First).ToHaveTextAsync("5");
        await Expect(replayPolls.Locator(".poll-respondents")).ToHaveTextAsync(new Regex("^" + Regex.Escape(words["respondents"])));
        await check.CheckAsync("poll-replay");
        if (language == "de")
        {
            await replayPolls.ScreenshotAsync(new() { Path = BrowserFixture.DocsScreenshot("poll-replay-360") });
        }

        check.AssertNoViolations();
        EventPageTests.AssertOnlyLocalRequests(presenter, app);
    }
}
