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
        await moderation.InvokeAsync("OpenPoll", poll.Id, null);

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

        await moderation.InvokeAsync("RevealPollResults", poll.Id, true);

        var results = page.Locator("#poll-results");
        await Expect(results).ToBeVisibleAsync();
        await Expect(page.Locator("#poll-respondents")).ToHaveTextAsync("1 Person hat geantwortet.");
        await Expect(page.Locator("#poll-rows tr[data-key='1'] td").First).ToHaveTextAsync("1");
        await Expect(page.Locator("#poll-rows tr[data-key='2'] td").First).ToHaveTextAsync("0");
        await Expect(section.GetByLabel("Ja")).ToBeCheckedAsync();
        await check.CheckAsync("viewer-poll-results");

        // Closed: no more answers, the results stay.
        await moderation.InvokeAsync("ClosePoll", poll.Id);
        await Expect(page.Locator("#poll-closed")).ToHaveTextAsync("Die Umfrage ist beendet.");
        await Expect(page.Locator("#poll-form")).ToBeHiddenAsync();
        await Expect(results).ToBeVisibleAsync();

        check.AssertNoViolations();
    }
}
