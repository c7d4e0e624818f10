using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.BrowserTests.Moderation;
using OzgLive.BrowserTests.Viewer;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.EndToEnd;

/// <summary>
/// One question's whole way through the three screens, each a real page in its own browser profile:
/// viewer page -> moderator console -> presenter screen, and back to the viewers. No hub client acts
/// for any screen; the app runs on real Kestrel over a real SQLite file.
/// </summary>
public sealed class ThreeScreensTests(BrowserFixture browser)
{
    private const string Text = "Wie kommen kleine Kommunen an die Fördermittel für die OZG-Umsetzung?";

    /// <summary>The approval has to reach every viewer within this (measured by the expectation's timeout, not a stopwatch).</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2000 };

    [Fact]
    public async Task A_viewers_question_is_approved_staged_and_answered_across_viewer_console_and_presenter_screen()
    {
        await using var site = await ModerationSite.StartAsync();

        // B: the organiser signs in through /login and runs the clock from the console.
        await using var moderatorVisit = await site.OpenConsoleAsync(browser);
        var console = moderatorVisit.Page;
        await console.Locator("#clock [data-clock=startEvent]").ClickAsync();
        await Expect(console.Locator("#clock-status")).ToHaveTextAsync("Live: Begrüßung.");
        await console.Locator("#clock [data-clock=nextBlock]").ClickAsync();
        await Expect(console.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");

        // The presenter link, created in the console's presenter section.
        await console.Locator("#presenter-renew").ClickAsync();
        var presenterUrl = console.Locator("#presenter-url");
        await Expect(presenterUrl).ToHaveValueAsync(new Regex($"/events/{ModerationSite.Slug}/stage\\?key=.+"));
        var stageUrl = await presenterUrl.InputValueAsync();

        // D: the presenter screen with that link.
        await using var presenterVisit = await browser.VisitAsync(1280, 800);
        var stage = presenterVisit.Page;
        await stage.GotoAsync(stageUrl);
        await Expect(stage.Locator("#stage-connection")).ToHaveTextAsync("Verbunden");
        await Expect(stage.Locator("#stage")).ToHaveAttributeAsync("data-role", "presenter");
        await Expect(stage.Locator("#stage-block .stage-kicker")).ToHaveTextAsync("Block 1 von 3");
        await Expect(stage.Locator("#stage-onstage")).ToContainTextAsync("Gerade ist keine Frage auf der Bühne.");

        // A asks; C only watches (on a phone).
        await using var askerVisit = await browser.VisitAsync(1280, 900);
        await using var otherVisit = await browser.VisitAsync(360, 800);
        var asker = askerVisit.Page;
        var other = otherVisit.Page;
        await ViewerSite.OpenAsync(asker, site.App);
        await ViewerSite.OpenAsync(other, site.App);
        await ViewerSite.AskAsync(asker, Text, "Anna Schmidt", "Gemeinde Musterstadt");
        var mine = ViewerSite.MyQuestions(asker);
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("wartet auf Freigabe");

        // It arrives in the console's incoming column, and nowhere public yet.
        var incoming = console.Locator("[data-list=incoming] article").Filter(new() { Has = console.Locator(".q-text", new() { HasTextString = Text }) });
        await Expect(incoming).ToHaveCountAsync(1);
        var id = long.Parse((await incoming.GetAttributeAsync("data-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        var card = ModerationSite.Card(console, id);
        await Expect(ViewerSite.Question(other, Text)).ToHaveCountAsync(0);
        await Expect(ViewerSite.Question(asker, Text)).ToHaveCountAsync(0);
        await Expect(stage.Locator("#stage-next")).ToContainTextAsync("Keine weiteren freigegebenen Fragen.");

        // Approve: both viewers see it in the approved list within two seconds of the click.
        await card.Locator("[data-action=approve]").ClickAsync();
        await Task.WhenAll(
            Expect(ViewerSite.Question(asker, Text)).ToBeVisibleAsync(WithinTwoSeconds),
            Expect(ViewerSite.Question(other, Text)).ToBeVisibleAsync(WithinTwoSeconds));
        await Expect(console.Locator($"[data-list=approved] #q-{id}")).ToBeVisibleAsync();
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("freigegeben");
        await Expect(ViewerSite.Question(other, Text).Locator(".question-meta [data-field=author]")).ToHaveTextAsync(new Regex("Anna Schmidt"));
        // Approved but not yet staged: the presenter sees it among the next questions.
        await Expect(stage.Locator("#stage-next li .stage-next-text")).ToHaveTextAsync([Text]);

        // Stage it from the console: large type on the presenter screen, highlighted for viewers.
        await card.Locator("[data-action=stage]").ClickAsync();
        await Expect(console.Locator($"[data-list=stage] #q-{id}")).ToBeVisibleAsync();
        var onStage = stage.Locator("#stage-onstage .stage-question");
        await Expect(onStage).ToHaveTextAsync(Text, new() { Timeout = 2000 });
        await Expect(stage.Locator("#stage-onstage .stage-asker")).ToHaveTextAsync("Anna Schmidt, Gemeinde Musterstadt");
        var fontSize = await onStage.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(fontSize >= 40, $"The question on stage is set in {fontSize} px.");
        await Expect(stage.Locator("#stage-next")).ToContainTextAsync("Keine weiteren freigegebenen Fragen.");
        foreach (var viewer in new[] { asker, other })
        {
            var item = ViewerSite.Question(viewer, Text);
            await Expect(item).ToHaveClassAsync("question question-on-stage");
            await Expect(item.Locator(".question-flag")).ToHaveTextAsync("Jetzt auf der Bühne");
        }

        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("jetzt auf der Bühne");

        // All four screens at this moment.
        await askerVisit.ScreenshotAsync("e2e-viewer-1280");
        await otherVisit.ScreenshotAsync("e2e-viewer-360");
        await moderatorVisit.ScreenshotAsync("e2e-console-1280");
        await presenterVisit.ScreenshotAsync("e2e-stage-1280");

        // Mark it answered: the viewers see it as answered, the stage is empty again.
        await ModerationSite.Card(console, id).Locator("[data-action=answer]").ClickAsync();
        await Expect(console.Locator($"[data-list=answered] #q-{id}")).ToBeVisibleAsync();
        foreach (var viewer in new[] { asker, other })
        {
            var item = ViewerSite.Question(viewer, Text);
            await Expect(item).ToHaveClassAsync("question");
            await Expect(item.Locator(".question-flag")).ToHaveTextAsync("Beantwortet");
            await Expect(item.Locator("button.vote")).ToBeHiddenAsync();
        }

        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("beantwortet");
        await Expect(stage.Locator("#stage-onstage .stage-question")).ToHaveCountAsync(0);
        await Expect(stage.Locator("#stage-onstage")).ToContainTextAsync("Gerade ist keine Frage auf der Bühne.");
        await Expect(stage.Locator("body")).Not.ToContainTextAsync(Text);

        // What the screens showed is what was stored.
        var stored = await site.QuestionAsync(id);
        Assert.Equal(QuestionStatus.Answered, stored.Status);
        Assert.NotNull(stored.StagedAt);
        Assert.NotNull(stored.AnsweredAt);

        // Nothing but our own server was asked for anything, by any of the screens.
        foreach (var visit in new[] { askerVisit, otherVisit, moderatorVisit, presenterVisit })
        {
            ViewerSite.AssertOnlyLocalRequests(visit.Requests, site.App);
        }
    }
}
