using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Viewer;

/// <summary>
/// The page when the connection to the hub goes and comes back: nothing typed is lost, a question
/// sent meanwhile goes out once when the connection is back, and the page says where it stands.
/// </summary>
public sealed class ViewerConnectionTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_question_sent_while_the_connection_is_down_goes_out_exactly_once_when_it_is_back()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        var hub = await HubLine.InstallAsync(page);
        await OpenAsync(page, app);
        const string text = "Gilt die Förderung auch für Zweckverbände?";

        // Typed, not sent: still there after a reload.
        await page.Locator("#ask-text").FillAsync("Ein Entwurf");
        await page.Locator("#ask-name").FillAsync("Ute Berg");
        await page.ReloadAsync();
        await Expect(page.Locator("#ask-text")).ToHaveValueAsync("Ein Entwurf");
        await Expect(page.Locator("#ask-name")).ToHaveValueAsync("Ute Berg");
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");

        await hub.CutAsync();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync(new Regex("^(Verbindung wird wiederhergestellt …|Offline – neuer Versuch folgt automatisch)$"));
        await Expect(page.Locator("#connection-state")).ToHaveAttributeAsync("aria-live", "polite");
        await AskAsync(page, text);
        await Expect(page.Locator("#ask-done")).ToHaveTextAsync("Gerade besteht keine Verbindung. Ihre Frage ist gespeichert und wird gesendet, sobald die Verbindung wieder besteht.");
        var mine = MyQuestions(page);
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("wird gesendet, sobald die Verbindung besteht");
        await Expect(page.Locator("#ask-text")).ToHaveValueAsync("");

        // Still down after a reload: the question waits in this browser.
        await page.ReloadAsync();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Offline – neuer Versuch folgt automatisch");
        await Expect(mine.Locator(".question-text")).ToHaveTextAsync(text);
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("wird gesendet, sobald die Verbindung besteht");
        Assert.DoesNotContain(await moderation.QueueAsync(), q => q.GetProperty("text").GetString() == text);
        Assert.Equal(0, hub.Sent("AskQuestion"));

        hub.Restore();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden", new() { Timeout = 45_000 });
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("wartet auf Freigabe");
        await Expect(mine).ToHaveCountAsync(1);
        Assert.Single(await moderation.QueueAsync(), q => q.GetProperty("text").GetString() == text);
        Assert.Equal(1, hub.Sent("AskQuestion"));

        // Nothing is left to send: a reload sends nothing and shows the one question.
        await page.ReloadAsync();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("wartet auf Freigabe");
        Assert.Equal(1, hub.Sent("AskQuestion"));
        Assert.Single(await moderation.QueueAsync(), q => q.GetProperty("text").GetString() == text);
        AssertOnlyLocalRequests(visit.Requests, app);
    }

    [Fact]
    public async Task A_retry_with_the_same_client_id_is_stored_once()
    {
        // What the page relies on when an answer is lost on the way: the server answers a repeated
        // AskQuestion with the question it stored.
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await using var viewer = await app.ConnectAsync();
        var ticket = await viewer.InvokeAsync("IdentifyViewer", (string?)null);
        var request = new { clientId = "q-retry-1", text = "Zweimal gesendet, einmal gespeichert?", displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null };
        var first = await viewer.InvokeAsync("AskQuestion", moderation.EventId, request);

        await using var again = await app.ConnectAsync();
        await again.InvokeAsync("IdentifyViewer", ticket.GetProperty("token").GetString());
        var second = await again.InvokeAsync("AskQuestion", moderation.EventId, request);

        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Single(await moderation.QueueAsync(), q => q.GetProperty("text").GetString() == request.text);
    }

    [Fact]
    public async Task A_missed_question_change_makes_the_page_fetch_a_snapshot_with_it()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        var hub = await HubLine.InstallAsync(page);
        await OpenAsync(page, app);

        hub.SwallowNext("QuestionsChanged");
        await moderation.AddAsync("Diese Nachricht geht verloren");
        await hub.SwallowedAsync();
        Assert.Equal(1, hub.Swallowed);
        await Expect(Questions(page)).ToHaveCountAsync(0, new() { Timeout = 100 });

        // The next change skips a number: the page asks for a snapshot, which has both.
        await moderation.AddAsync("Diese Nachricht kommt an");
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync(["Diese Nachricht geht verloren", "Diese Nachricht kommt an"]);
        Assert.True(hub.Sent("GetSnapshot") >= 1);
    }
}
