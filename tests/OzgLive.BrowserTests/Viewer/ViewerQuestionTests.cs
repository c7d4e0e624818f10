using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Viewer;

/// <summary>
/// Asking, voting, sorting and the question on stage, in Chromium against the real app, with an
/// organiser moderating over the real hub protocol.
/// </summary>
public sealed partial class ViewerQuestionTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_question_waits_for_approval_and_then_reaches_this_viewer_and_another_within_two_seconds()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await using var asker = await browser.VisitAsync(1280);
        await using var other = await browser.VisitAsync(360, 800);
        await OpenAsync(asker.Page, app);
        await OpenAsync(other.Page, app);
        var page = asker.Page;
        const string text = "Wo beantrage ich den Voucher für die Digitalisierungsberatung?";

        await Expect(page.Locator("#questions-empty")).ToHaveTextAsync("Noch keine freigegebenen Fragen.");
        await page.Locator("#ask-text").FillAsync(text);
        await Expect(page.Locator("#ask-counter")).ToHaveTextAsync($"Noch {500 - text.Length} Zeichen");
        await AskAsync(page, text, "Anna Schmidt", "Gemeinde Musterstadt", remember: true);

        var mine = MyQuestions(page);
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(mine.Locator(".question-text")).ToHaveTextAsync(text);
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("wartet auf Freigabe");
        await Expect(page.Locator("#ask-done")).ToHaveTextAsync("Danke! Ihre Frage ist angekommen und wartet auf Freigabe durch die Moderation.");
        await Expect(page.Locator("#ask-text")).ToHaveValueAsync("");
        // Name and organisation stay for the next question (the asker ticked "merken").
        await Expect(page.Locator("#ask-name")).ToHaveValueAsync("Anna Schmidt");
        // A pending question is the author's alone: no vote button, nobody else sees it.
        await Expect(mine.Locator("button[data-action='vote']")).ToHaveCountAsync(0);
        await Expect(Questions(page)).ToHaveCountAsync(0);
        await Expect(other.Page.Locator("#mine")).ToBeHiddenAsync();
        await Expect(Questions(other.Page)).ToHaveCountAsync(0);

        await moderation.ApproveAsync(text);

        var within = new LocatorAssertionsToHaveTextOptions { Timeout = 2000 };
        await Expect(Questions(page).Locator(".question-text")).ToHaveTextAsync(text, within);
        await Expect(Questions(other.Page).Locator(".question-text")).ToHaveTextAsync(text, within);
        await Expect(Questions(other.Page).Locator("[data-field='author']")).ToHaveTextAsync("Anna Schmidt, Gemeinde Musterstadt");
        await Expect(Questions(other.Page).Locator("time")).ToHaveTextAsync("jetzt");
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("freigegeben");
        await Expect(other.Page.Locator("#questions-empty")).ToBeHiddenAsync();
        // Screen readers hear of it, politely.
        await Expect(other.Page.Locator("#viewer-announcer")).ToHaveTextAsync("Neue Frage: " + text);
        await Expect(other.Page.Locator("#viewer-announcer")).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(page.Locator("#viewer-announcer")).ToHaveTextAsync("Ihre Frage wurde freigegeben.");

        // What the script built is what the server renders for the same state (once the brief
        // highlight of a new question has passed).
        await Expect(Questions(other.Page).First).ToHaveClassAsync("question");
        var built = await Questions(other.Page).First.EvaluateAsync<string>("li => li.outerHTML");
        await other.Page.ReloadAsync();
        await Expect(other.Page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        var rendered = await Questions(other.Page).First.EvaluateAsync<string>("li => li.outerHTML");
        Assert.Equal(Normalise(rendered), Normalise(built));

        // The author keeps their question across a reload: the viewer token is in the browser.
        await page.ReloadAsync();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("freigegeben");
        AssertOnlyLocalRequests(asker.Requests, app);
        AssertOnlyLocalRequests(other.Requests, app);
    }

    [Fact]
    public async Task Votes_count_for_everyone_and_can_be_taken_back()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        const string text = "Welche Förderprogramme gibt es für kleine Gemeinden?";
        await moderation.AddAsync(text, "Jens Weber", "Stadt Wetzlar");
        await using var voter = await browser.VisitAsync(1280);
        await using var watcher = await browser.VisitAsync(1280);
        await OpenAsync(voter.Page, app);
        await OpenAsync(watcher.Page, app);

        var vote = Question(voter.Page, text).GetByRole(AriaRole.Button, new() { Name = "Frage unterstützen" });
        await Expect(vote).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(vote).ToHaveAccessibleNameAsync("Frage unterstützen 0 Stimmen");
        // Which question the button is for: its text is the button's description.
        await Expect(vote).ToHaveAccessibleDescriptionAsync(text);
        var watched = Question(watcher.Page, text).Locator(".vote-count");
        await Expect(watched).ToHaveTextAsync("0 Stimmen");

        await vote.ClickAsync();
        await Expect(vote).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(vote.Locator("[data-field='votes']")).ToHaveTextAsync("1");
        await Expect(vote).ToHaveAccessibleNameAsync("Frage unterstützen 1 Stimme");
        // The server answered the vote; the count for everyone else goes out coalesced, on the fake clock.
        app.Time.Advance(VoteBroadcaster.Interval);
        await Expect(watched).ToHaveTextAsync("1 Stimme");
        await Expect(Question(watcher.Page, text).Locator("button.vote")).ToHaveAttributeAsync("aria-pressed", "false");

        // The vote is this viewer's: after a reload it is still pressed.
        await voter.Page.ReloadAsync();
        await Expect(voter.Page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(vote).ToHaveAttributeAsync("aria-pressed", "true");

        await vote.ClickAsync();
        await Expect(vote).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(vote.Locator("[data-field='votes']")).ToHaveTextAsync("0");
        app.Time.Advance(VoteBroadcaster.Interval);
        await Expect(watched).ToHaveTextAsync("0 Stimmen");
        var stored = await moderation.FindAsync(text);
        Assert.Equal(0, stored.GetProperty("votes").GetInt32());
    }

    [Fact]
    public async Task The_list_sorts_by_votes_or_newest_and_a_reload_keeps_the_choice()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        const string oldest = "Wie lange dauert die Beantragung des Vouchers?";
        const string middle = "Gibt es Vorlagen für die Ausschreibung?";
        const string newest = "Wer berät uns bei der Umsetzung vor Ort?";
        var first = await moderation.AddAsync(oldest);
        app.Time.Advance(TimeSpan.FromMinutes(3));
        await moderation.AddAsync(middle);
        app.Time.Advance(TimeSpan.FromMinutes(3));
        var third = await moderation.AddAsync(newest);
        await Voters.VoteAsync(app, moderation.EventId, first, 2);
        await Voters.VoteAsync(app, moderation.EventId, third, 1);

        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await OpenAsync(page, app);
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([oldest, newest, middle]);
        await Expect(Question(page, oldest).Locator("time")).ToHaveTextAsync("vor 6 Minuten");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "meisten Stimmen" })).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "neuesten zuerst" }).CheckAsync();
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([newest, middle, oldest]);
        Assert.EndsWith("?sortierung=neueste", page.Url);

        // A vote that changes the order by votes does not reorder "newest".
        await Voters.VoteAsync(app, moderation.EventId, (await moderation.FindAsync(middle)).GetProperty("id").GetInt64(), 3);
        await Expect(Question(page, middle).Locator("[data-field='votes']")).ToHaveTextAsync("3");
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([newest, middle, oldest]);

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "neuesten zuerst" })).ToBeCheckedAsync();
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([newest, middle, oldest]);
        await page.GetByRole(AriaRole.Radio, new() { Name = "meisten Stimmen" }).CheckAsync();
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([middle, oldest, newest]);
    }

    [Fact]
    public async Task The_question_on_stage_leads_the_list_highlighted_and_answered_ones_go_last()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        const string popular = "Wie viele Kommunen haben den Voucher schon genutzt?";
        const string staged = "Was kostet die Beratung die Kommune?";
        await Voters.VoteAsync(app, moderation.EventId, await moderation.AddAsync(popular), 2);
        await moderation.AddAsync(staged, "Petra Klein");

        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await OpenAsync(page, app);
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([popular, staged]);
        await Expect(page.Locator(".question-on-stage")).ToHaveCountAsync(0);

        await moderation.ActAsync("StageQuestion", staged);
        var onStage = Question(page, staged);
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([staged, popular]);
        await Expect(onStage).ToHaveClassAsync("question question-on-stage");
        await Expect(onStage.Locator(".question-flag")).ToHaveTextAsync("Jetzt auf der Bühne");
        await Expect(onStage.Locator(".question-flag")).ToBeVisibleAsync();
        await Expect(page.Locator("#viewer-announcer")).ToHaveTextAsync("Jetzt auf der Bühne: " + staged);
        await visit.ScreenshotAsync("viewer-question-on-stage-1280");

        // Without JavaScript the server shows the same.
        await using var plain = await browser.VisitAsync(1280, javaScript: false);
        await plain.Page.GotoAsync(Url(app));
        await Expect(plain.Page.Locator("#question-list .question-text")).ToHaveTextAsync([staged, popular]);
        await Expect(Question(plain.Page, staged).Locator(".question-flag")).ToHaveTextAsync("Jetzt auf der Bühne");

        await moderation.ActAsync("MarkAnswered", staged, "Nichts: Das Land trägt die Kosten.");
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([popular, staged]);
        var answered = Question(page, staged);
        await Expect(answered).ToHaveClassAsync("question");
        await Expect(answered.Locator(".question-flag")).ToHaveTextAsync("Beantwortet");
        await Expect(answered.Locator(".question-answer")).ToHaveTextAsync("Antwort: Nichts: Das Land trägt die Kosten.");
        await Expect(answered.Locator("button.vote")).ToBeHiddenAsync();
        await Expect(answered.Locator(".vote-total")).ToHaveTextAsync("0 Stimmen");
    }

    [Fact]
    public async Task Pausing_live_updates_holds_new_questions_until_resumed()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        const string first = "Gilt das Angebot auch für Landkreise?";
        const string held = "Wie wird der Erfolg der Beratung gemessen?";
        var firstId = await moderation.AddAsync(first);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        // The page's clock runs as usual but can be moved on (below, past the announcer's delay).
        await page.Clock.InstallAsync();
        await OpenAsync(page, app);
        await Expect(Questions(page)).ToHaveCountAsync(1);

        var toggle = page.Locator("#live-toggle");
        await Expect(toggle).ToHaveTextAsync("Live-Aktualisierung anhalten");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveTextAsync("Live-Aktualisierung fortsetzen");
        await Expect(page.Locator("#live-held")).ToHaveTextAsync("Live-Aktualisierung angehalten.");

        await moderation.AddAsync(held);
        await Expect(page.Locator("#live-held")).ToHaveTextAsync("Live-Aktualisierung angehalten: 1 neue Änderung wartet.");
        await Voters.VoteAsync(app, moderation.EventId, firstId, 1);
        await Expect(page.Locator("#live-held")).ToHaveTextAsync("Live-Aktualisierung angehalten: 2 neue Änderungen warten.");
        // Both changes are in; a second on, any announcement they had scheduled would be written too.
        await page.Clock.FastForwardAsync(1000);
        await Expect(Questions(page)).ToHaveCountAsync(1, new() { Timeout = 100 });
        await Expect(Question(page, first).Locator("[data-field='votes']")).ToHaveTextAsync("0", new() { Timeout = 100 });
        await Expect(page.Locator("#viewer-announcer")).Not.ToHaveTextAsync(new Regex("Neue Frage"), new() { Timeout = 100 });

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveTextAsync("Live-Aktualisierung anhalten");
        await Expect(page.Locator("#live-held")).ToBeHiddenAsync();
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([first, held]);
        await Expect(Question(page, first).Locator("[data-field='votes']")).ToHaveTextAsync("1");
        await Expect(page.Locator("#viewer-announcer")).ToHaveTextAsync("Neue Frage: " + held);
    }

    [Fact]
    public async Task Paused_or_closed_questions_disable_the_form_with_the_reason_and_reopening_enables_it()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await OpenAsync(page, app);
        var text = page.Locator("#ask-text");
        await Expect(text).ToBeEnabledAsync();
        await text.FillAsync("Eine Frage, die warten muss");

        await moderation.SetQuestionsStateAsync("paused");
        await Expect(page.Locator("#ask-state")).ToHaveTextAsync("Fragen sind gerade pausiert. Bitte versuchen Sie es in Kürze noch einmal – was Sie geschrieben haben, bleibt erhalten.");
        await Expect(text).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Frage senden" })).ToBeDisabledAsync();
        await Expect(text).ToHaveValueAsync("Eine Frage, die warten muss");

        await moderation.SetQuestionsStateAsync("closed");
        await Expect(page.Locator("#ask-state")).ToHaveTextAsync("Für diese Veranstaltung werden keine Fragen mehr angenommen.");
        await Expect(text).ToBeDisabledAsync();
        // The server renders the same on a fresh page.
        await page.ReloadAsync();
        await Expect(page.Locator("#ask-state")).ToHaveTextAsync("Für diese Veranstaltung werden keine Fragen mehr angenommen.");
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(text).ToBeDisabledAsync();

        // Questions for the event open again, but the running block takes none.
        await moderation.SetQuestionsStateAsync("open");
        await moderation.ClockAsync("StartEvent");
        await moderation.ClockAsync("StartBlock", 1);
        await moderation.SetQuestionsStateAsync("closed", 1);
        await Expect(page.Locator("#ask-state")).ToHaveTextAsync("Für den laufenden Block werden gerade keine Fragen angenommen.");
        await Expect(text).ToBeDisabledAsync();

        await moderation.SetQuestionsStateAsync("open", 1);
        await Expect(text).ToBeEnabledAsync();
        await Expect(page.Locator("#ask-state")).ToBeHiddenAsync();
        await Expect(text).ToHaveValueAsync("Eine Frage, die warten muss");

        await moderation.ClockAsync("EndEvent");
        await Expect(page.Locator("#ask-state")).ToHaveTextAsync("Die Veranstaltung ist beendet: Es werden keine Fragen mehr angenommen.");
        await Expect(text).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Refused_questions_show_the_reason_next_to_the_form_and_keep_the_text()
    {
        await using var app = await TestApp.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Questions:QuestionsPerViewerPerMinute"] = "1",
        });
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await OpenAsync(page, app);

        // Checked in the browser before anything is sent.
        await AskAsync(page, "Hm");
        await Expect(page.Locator("#ask-error")).ToHaveTextAsync("Bitte schreiben Sie eine Frage mit mindestens 3 Zeichen.");
        await Expect(page.Locator("#ask-error")).ToHaveAttributeAsync("role", "alert");
        await Expect(page.Locator("#ask-text")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#ask-text")).ToBeFocusedAsync();
        await AskAsync(page, new string('x', 503));
        await Expect(page.Locator("#ask-counter")).ToHaveTextAsync("3 Zeichen zu viel");
        await Expect(page.Locator("#ask-error")).ToHaveTextAsync("Ihre Frage ist 3 Zeichen zu lang: Es sind höchstens 500 Zeichen möglich.");

        await AskAsync(page, "Die erste Frage in dieser Minute");
        await Expect(MyQuestions(page).Locator(".status-label")).ToHaveTextAsync("wartet auf Freigabe");
        await Expect(page.Locator("#ask-error")).ToBeHiddenAsync();

        const string second = "Die zweite Frage in derselben Minute";
        await AskAsync(page, second);
        await Expect(page.Locator("#ask-error")).ToHaveTextAsync("Sie haben in der letzten Minute viele Fragen gesendet. Bitte warten Sie eine Minute und senden Sie dann noch einmal.");
        await Expect(page.Locator("#ask-text")).ToHaveValueAsync(second);
        await Expect(MyQuestions(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Screenshots_of_the_viewer_page_with_questions_fit_360_and_1280_pixels()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await SetLiveVideoAsync(app, "dQw4w9WgXcQ");
        await moderation.ClockAsync("StartEvent");
        await moderation.ClockAsync("StartBlock", 2);
        var voucher = await moderation.AddAsync("Wo beantrage ich den Voucher für die Digitalisierungsberatung, und wie lange ist er gültig?", "Anna Schmidt", "Gemeinde Musterstadt");
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await moderation.AddAsync("Können sich mehrere kleine Gemeinden eine Beratung teilen?", null, "Verbandsgemeinde Nord");
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await moderation.AddAsync("Welche Fristen gelten für die Förderanträge im nächsten Jahr?", "Jens Weber");
        await Voters.VoteAsync(app, moderation.EventId, voucher, 4);
        await moderation.ActAsync("StageQuestion", "Können sich mehrere kleine Gemeinden eine Beratung teilen?");

        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await OpenAsync(page, app);
        await AskAsync(page, "Gibt es die Präsentation hinterher zum Herunterladen?", "Mia Roth");
        await Expect(MyQuestions(page).Locator(".status-label")).ToHaveTextAsync("wartet auf Freigabe");
        await Question(page, "Welche Fristen gelten für die Förderanträge im nächsten Jahr?").Locator("button.vote").ClickAsync();
        await Expect(Question(page, "Welche Fristen gelten für die Förderanträge im nächsten Jahr?").Locator("button.vote")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Mouse.MoveAsync(0, 0);
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
        await visit.ScreenshotAsync("viewer-questions-1280");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await visit.ScreenshotAsync("viewer-questions-1280-dark");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        await page.SetViewportSizeAsync(360, 800);
        Assert.True(await FitsWidthAsync(page), "The viewer page scrolls sideways at 360 px.");
        await visit.ScreenshotAsync("viewer-questions-360");
        await page.Locator("#qa").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "viewer-qa-360.png") });
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await visit.ScreenshotAsync("viewer-questions-360-dark");
        AssertOnlyLocalRequests(visit.Requests, app);
    }

    /// <summary>Markup without the whitespace between tags.</summary>
    private static string Normalise(string html) => Whitespace().Replace(html, "><").Trim();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex Whitespace();
}
