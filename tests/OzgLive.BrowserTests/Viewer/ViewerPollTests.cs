using Microsoft.Playwright;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Polls;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Viewer;

/// <summary>Issue 14 on a phone: a viewer answers a single-choice poll, changes the answer, and sees the results once revealed.</summary>
public sealed class ViewerPollTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_viewer_answers_a_single_choice_poll_at_360_px_and_sees_the_revealed_results_without_axe_violations()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        var poll = await app.Get<PollService>().PrepareAsync(moderation.EventId, new PollDraft(
            null, PollKind.Single, "Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?", ["Ja", "Nein", "Noch nicht entschieden"]));
        await moderation.PollAsync("OpenPoll", poll.Id, (int?)null);

        await using var check = await AccessibilityCheck.StartAsync(browser, app, "de", 360);
        var page = check.Page;
        await check.GoAsync($"/events/{Slug}");
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "Umfrage" });
        await Expect(section).ToBeVisibleAsync();
        await Expect(section.GetByRole(AriaRole.Group, new() { Name = "Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?" })).ToBeVisibleAsync();
        await Expect(section.GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);

        // Nothing chosen: said at the button, nothing sent.
        await section.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
        await Expect(page.Locator("#poll-error")).ToHaveTextAsync("Bitte wählen Sie eine Antwort.");

        await section.GetByLabel("Nein").CheckAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
        await Expect(page.Locator("#poll-status")).ToHaveTextAsync("Ihre Antwort ist angekommen.");
        await Expect(page.Locator("#poll-error")).ToBeHiddenAsync();
        // Results are hidden until the moderators reveal them: no table yet.
        await Expect(page.Locator("#poll-results")).ToBeHiddenAsync();
        await check.CheckAsync("viewer-poll-answered");

        // Changed while the poll is open: the button says so, and the server keeps one answer per viewer.
        await section.GetByLabel("Ja").CheckAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Antwort ändern" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Button, new() { Name = "Antwort ändern" })).ToBeEnabledAsync();

        await moderation.PollAsync("RevealPollResults", poll.Id, true);

        var results = page.Locator("#poll-results");
        await Expect(results).ToBeVisibleAsync();
        await Expect(page.Locator("#poll-respondents")).ToHaveTextAsync("1 Person hat geantwortet.");
        await Expect(page.Locator("#poll-rows tr[data-key='1'] td").First).ToHaveTextAsync("1");
        await Expect(page.Locator("#poll-rows tr[data-key='2'] td").First).ToHaveTextAsync("0");
        await Expect(section.GetByLabel("Ja")).ToBeCheckedAsync();
        // The chart beside the table: one bar per option, the chosen one drawn, the others empty.
        await Expect(page.Locator("#poll-chart .poll-bar-row")).ToHaveCountAsync(3);
        await Expect(page.Locator("#poll-chart [data-key='1'] .poll-bar")).ToHaveAttributeAsync("width", "260");
        await Expect(page.Locator("#poll-chart [data-key='2'] .poll-bar")).ToHaveAttributeAsync("width", "0");
        await Expect(page.Locator("#poll-chart [data-key='1'] .poll-bar-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^100\s?%$"));
        await check.CheckAsync("viewer-poll-results");

        // Closed: no more answers, the results stay.
        await moderation.PollAsync("ClosePoll", poll.Id);
        await Expect(page.Locator("#poll-closed")).ToHaveTextAsync("Die Umfrage ist beendet.");
        await Expect(page.Locator("#poll-form")).ToBeHiddenAsync();
        await Expect(results).ToBeVisibleAsync();

        check.AssertNoViolations();
    }

    [Fact]
    public async Task A_time_limit_counts_down_from_the_servers_close_time_and_a_word_clouds_results_are_words_with_counts()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        var poll = await app.Get<PollService>().PrepareAsync(moderation.EventId, new PollDraft(
            null, PollKind.WordCloud, "Was bremst die Digitalisierung bei Ihnen?", [], MaxChoices: 2, ResultsMode: PollResultsMode.Live));
        await moderation.PollAsync("OpenPoll", poll.Id, 60);

        await using var check = await AccessibilityCheck.StartAsync(browser, app, "de", 360);
        var page = check.Page;
        await check.GoAsync($"/events/{Slug}");
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        // The server's clock stands still (a fake); the page counts on the server's time line from closesAt,
        // so it starts at a minute and goes down with the seconds the browser lived through since.
        var countdown = page.GetByRole(AriaRole.Timer);
        await Expect(countdown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Noch (1:00|0:5[0-9]) zum Abstimmen$"));

        var section = page.GetByRole(AriaRole.Region, new() { Name = "Umfrage" });
        await section.GetByLabel("Wort 1").FillAsync("Personal");
        await section.GetByLabel("Wort 2").FillAsync("zeit");
        await section.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
        await Expect(page.Locator("#poll-status")).ToHaveTextAsync("Ihre Antwort ist angekommen.");

        // Live results of a word cloud, sent coalesced on the server's clock: the words with their counts as text, no table.
        app.Time.Advance(PollResultsBroadcaster.Interval);
        await Expect(page.Locator("#poll-items li")).ToHaveTextAsync(["Personal: 1", "zeit: 1"]);
        await Expect(page.Locator("#poll-list-heading")).ToHaveTextAsync("Alle Wörter mit Anzahl");
        await Expect(page.Locator("#poll-figure")).ToBeHiddenAsync();
        await check.CheckAsync("viewer-poll-words");

        // The server's time is up: it closes the poll, and the countdown goes with it.
        app.Time.Advance(TimeSpan.FromSeconds(61));
        await Expect(page.Locator("#poll-closed")).ToBeVisibleAsync();
        await Expect(countdown).ToHaveCountAsync(0);
        await Expect(page.Locator("#poll-items li")).ToHaveTextAsync(["Personal: 1", "zeit: 1"]);

        check.AssertNoViolations();
    }
}
