using Microsoft.Playwright;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Moderation.ModerationSite;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>Each moderation action from the console, checked on screen and in what the server stored.</summary>
public sealed class ConsoleActionTests(BrowserFixture browser)
{
    [Fact]
    public async Task Keyboard_shortcuts_approve_stage_and_mark_answered_and_stay_quiet_while_typing()
    {
        await using var site = await StartAsync();
        var first = await site.AskAsync("Erste Frage: Wie beantrage ich den Voucher?");
        var second = await site.AskAsync("Zweite Frage: Wer berät die Kommunen?");
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        await page.Locator("h1").ClickAsync();

        // No question chosen yet: the shortcut says what to do instead of guessing.
        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator("#action-status")).ToHaveTextAsync("Keine Frage gewählt: Mit J oder K eine Frage wählen.");

        await page.Keyboard.PressAsync("j");
        await Expect(Card(page, first.Id)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Card(page, second.Id)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("k");
        await Expect(Card(page, first.Id)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator($"[data-list=approved] #q-{first.Id}")).ToBeVisibleAsync();
        await Expect(page.Locator("#action-status")).ToHaveTextAsync($"Frage {first.Id} freigegeben.");
        await Expect(Card(page, second.Id)).ToBeFocusedAsync();
        Assert.Equal(QuestionStatus.Approved, (await site.QuestionAsync(first.Id)).Status);

        // Typing in a field is typing, not a shortcut.
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#filter-text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("asb");
        await Expect(page.Locator("#filter-text")).ToHaveValueAsync("asb");
        await page.Locator("#backstage-text").FocusAsync();
        await page.Keyboard.TypeAsync("Bitte a s b");
        await page.Locator("#filter-text").FillAsync("");
        // Sending the note is a round trip through the hub, and the hub runs one console's calls in
        // order: had a key typed above acted on a question, that is stored by the time the note shows.
        await page.Locator("#backstage-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#backstage-list")).ToContainTextAsync("Bitte a s b");
        Assert.Equal(QuestionStatus.Pending, (await site.QuestionAsync(second.Id)).Status);
        Assert.Equal(QuestionStatus.Approved, (await site.QuestionAsync(first.Id)).Status);

        // S on a new question is not possible, and says so.
        await Card(page, second.Id).FocusAsync();
        await page.Keyboard.PressAsync("s");
        await Expect(page.Locator("#action-status")).ToHaveTextAsync($"Diese Aktion ist für Frage {second.Id} in ihrem jetzigen Zustand nicht möglich.");

        // J goes on to the approved column; S puts the question on stage, B marks it answered.
        await page.Keyboard.PressAsync("j");
        await Expect(Card(page, first.Id)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("s");
        await Expect(page.Locator($"[data-list=stage] #q-{first.Id}")).ToBeVisibleAsync();
        Assert.Equal(QuestionStatus.OnStage, (await site.QuestionAsync(first.Id)).Status);
        // Nothing left in the approved column: the focus lands on its heading.
        await Expect(page.Locator("#col-approved-heading")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await Expect(Card(page, first.Id)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("b");
        await Expect(page.Locator($"[data-list=answered] #q-{first.Id}")).ToBeVisibleAsync();
        await Expect(page.Locator("#action-status")).ToHaveTextAsync($"Frage {first.Id} als beantwortet markiert.");
        var answered = await site.QuestionAsync(first.Id);
        Assert.Equal(QuestionStatus.Answered, answered.Status);
        Assert.Null(answered.AnswerText);
    }

    [Fact]
    public async Task Every_action_is_reachable_with_tab_and_buttons()
    {
        await using var site = await StartAsync();
        var question = await site.AskAsync("Wer berät die Kommunen?");
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;

        // From the search field, Tab reaches the question's checkbox and then its approve button.
        await page.Locator("#filter-source").FocusAsync();
        var reached = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-action') || document.activeElement.id || document.activeElement.tagName"));
            if (reached[^1] == "approve")
            {
                break;
            }
        }

        Assert.Equal("approve", reached[^1]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator($"[data-list=approved] #q-{question.Id}")).ToBeVisibleAsync();
        Assert.Equal(QuestionStatus.Approved, (await site.QuestionAsync(question.Id)).Status);
    }

    [Fact]
    public async Task Rejecting_asks_for_a_reason_and_escape_cancels()
    {
        await using var site = await StartAsync();
        var question = await site.AskAsync("Mein Nachbar Herr Müller, Hauptstraße 5, hat auch eine Frage.");
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        var dialog = page.Locator("#reject-dialog");

        // R opens the reasons; Escape closes them and nothing happens.
        await Card(page, question.Id).FocusAsync();
        await page.Keyboard.PressAsync("r");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-dialog-question]")).ToHaveTextAsync($"Frage {question.Id}: {question.Text}");
        await Expect(dialog.Locator("input[value=offTopic]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Card(page, question.Id)).ToBeFocusedAsync();
        Assert.Equal(QuestionStatus.Pending, (await site.QuestionAsync(question.Id)).Status);

        await Card(page, question.Id).Locator("[data-action=reject]").ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Enthält personenbezogene Daten").CheckAsync();
        await visit.ScreenshotAsync("moderate-reject-dialog-1280");
        await dialog.Locator("button[type=submit]").ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        var card = page.Locator($"[data-list=rejected] #q-{question.Id}");
        await Expect(card.Locator(".q-reason")).ToHaveTextAsync("Abgelehnt wegen: Enthält personenbezogene Daten");
        await Expect(page.Locator("#action-status")).ToHaveTextAsync($"Frage {question.Id} abgelehnt.");
        var stored = await site.QuestionAsync(question.Id);
        Assert.Equal(QuestionStatus.Rejected, stored.Status);
        Assert.Equal(RejectReason.PersonalData, stored.RejectReason);
    }

    [Fact]
    public async Task Editing_keeps_the_original_text_in_view()
    {
        await using var site = await StartAsync();
        var question = await site.AskAsync("wie lang dauert dass noch mit dem portal");
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;

        await Card(page, question.Id).Locator("summary").ClickAsync();
        await Card(page, question.Id).Locator("[data-action=edit]").ClickAsync();
        var dialog = page.Locator("#edit-dialog");
        await Expect(dialog.Locator("#edit-text")).ToHaveValueAsync("wie lang dauert dass noch mit dem portal");
        await Expect(dialog.Locator("#edit-text")).ToBeFocusedAsync();
        await dialog.Locator("#edit-text").FillAsync("Wie lange dauert es noch mit dem Portal?");
        await dialog.Locator("button[type=submit]").ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Card(page, question.Id).Locator(".q-text")).ToHaveTextAsync("Wie lange dauert es noch mit dem Portal?");
        await Expect(Card(page, question.Id).Locator(".q-original")).ToHaveTextAsync("Ursprünglich gefragt: wie lang dauert dass noch mit dem portal");
        var stored = await site.QuestionAsync(question.Id);
        Assert.Equal("Wie lange dauert es noch mit dem Portal?", stored.Text);
        Assert.Equal("wie lang dauert dass noch mit dem portal", stored.OriginalText);
        Assert.Equal(QuestionStatus.Pending, stored.Status);

        // Empty text is refused inside the dialog; nothing changes.
        await Card(page, question.Id).Locator("summary").ClickAsync();
        await Card(page, question.Id).Locator("[data-action=edit]").ClickAsync();
        await dialog.Locator("#edit-text").FillAsync("ab");
        await dialog.Locator("button[type=submit]").ClickAsync();
        await Expect(dialog.Locator("[data-dialog-error]")).ToContainTextAsync("Nicht ausgeführt:");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("[data-dialog-cancel]").ClickAsync();
        Assert.Equal("Wie lange dauert es noch mit dem Portal?", (await site.QuestionAsync(question.Id)).Text);
    }

    [Fact]
    public async Task Merging_a_duplicate_combines_askers_and_votes()
    {
        await using var site = await StartAsync();
        var original = await site.AskAsync("Wo beantrage ich den Voucher?");
        await site.ApproveAsync(original.Id);
        await site.VoteAsync(original.Id);
        var duplicate = await site.AskAsync("Wo kann man den Voucher beantragen?");
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;

        await Card(page, duplicate.Id).Locator("summary").ClickAsync();
        await Card(page, duplicate.Id).Locator("[data-action=merge]").ClickAsync();
        var dialog = page.Locator("#merge-dialog");
        await Expect(dialog.Locator("#merge-target option")).ToHaveTextAsync([$"Frage {original.Id} (Freigegeben): Wo beantrage ich den Voucher?"]);
        await dialog.Locator("button[type=submit]").ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Card(page, duplicate.Id)).ToHaveCountAsync(0);
        await Expect(page.Locator("#action-status")).ToHaveTextAsync($"Frage {duplicate.Id} mit Frage {original.Id} zusammengeführt.");
        await Expect(Meta(Card(page, original.Id), "Fragende")).ToHaveTextAsync("2");
        await Expect(Meta(Card(page, original.Id), "Stimmen")).ToHaveTextAsync("1");
        Assert.Equal(QuestionStatus.Merged, (await site.SnapshotAsync()).Queue!.Single(q => q.Id == duplicate.Id).Status);
        Assert.Equal(2, (await site.QuestionAsync(original.Id)).Askers);
    }

    [Fact]
    public async Task A_question_from_elsewhere_is_added_with_its_source_and_approved()
    {
        await using var site = await StartAsync();
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;

        var form = page.Locator("#add-question-form");
        await form.GetByLabel("Frage", new() { Exact = true }).FillAsync("Per E-Mail: Gilt das auch für Landkreise?");
        await form.GetByLabel("Quelle").SelectOptionAsync("email");
        await form.GetByLabel("Name (optional)").FillAsync("Jonas Weber");
        await form.GetByLabel("Block").SelectOptionAsync("2");
        await form.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("#action-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Frage \d+ hinzugefügt und freigegeben\.$"));
        var added = (await site.SnapshotAsync()).Queue!.Single();
        await Expect(page.Locator("#action-status")).ToHaveTextAsync($"Frage {added.Id} hinzugefügt und freigegeben.");
        var card = page.Locator($"[data-list=approved] #q-{added.Id}");
        await Expect(card.Locator(".q-text")).ToHaveTextAsync("Per E-Mail: Gilt das auch für Landkreise?");
        await Expect(Meta(card, "Quelle")).ToHaveTextAsync("E-Mail");
        await Expect(Meta(card, "Block")).ToHaveTextAsync("Block 2");
        await Expect(Meta(card, "Von")).ToHaveTextAsync("Jonas Weber");
        await Expect(form.GetByLabel("Frage", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(form.GetByLabel("Frage", new() { Exact = true })).ToBeFocusedAsync();
        Assert.Equal(QuestionSource.Email, added.Source);
        Assert.Equal(2, added.BlockNumber);
        Assert.Equal(QuestionStatus.Approved, added.Status);
    }

    [Fact]
    public async Task Backstage_messages_reach_the_presenter_screen_and_can_be_dismissed()
    {
        await using var site = await StartAsync();
        var key = await site.App.Get<PresenterKeys>().RegenerateAsync(site.EventId, "test");
        await using var presenter = await site.App.ConnectAsync();
        await presenter.InvokeAsync("JoinAsPresenter", Slug, key);
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        await Expect(page.Locator("#backstage-empty")).ToBeVisibleAsync();

        await page.Locator("#backstage-text").FillAsync("Noch zwei Minuten, dann Block 2.");
        await page.Locator("#backstage-form button[type=submit]").ClickAsync();

        var note = page.Locator("#backstage-list li");
        await Expect(note.Locator(".mod-backstage-text")).ToHaveTextAsync("Noch zwei Minuten, dann Block 2.");
        await Expect(page.Locator("#backstage-empty")).ToBeHiddenAsync();
        await Expect(page.Locator("#backstage-text")).ToHaveValueAsync("");
        var received = await presenter.WaitForAsync("BackstageChanged", m => m.GetProperty("messages").GetArrayLength() == 1);
        Assert.Equal("Noch zwei Minuten, dann Block 2.", received.GetProperty("messages")[0].GetProperty("text").GetString());

        await note.Locator("button[data-dismiss]").ClickAsync();
        await Expect(page.Locator("#backstage-list li")).ToHaveCountAsync(0);
        await Expect(page.Locator("#backstage-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#backstage-text")).ToBeFocusedAsync();
        await presenter.WaitForAsync("BackstageChanged", m => m.GetProperty("messages").GetArrayLength() == 0);
    }

    [Fact]
    public async Task Organisers_create_copy_and_revoke_the_presenter_link_and_moderators_see_it()
    {
        await using var site = await StartAsync();
        await using var visit = await site.OpenConsoleAsync(browser);
        var page = visit.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await Expect(page.Locator("#presenter-no-key")).ToHaveTextAsync("Es gibt noch keinen Link. Erzeugen Sie einen für die Referierenden.");

        await page.Locator("#presenter-renew").ClickAsync();
        await Expect(page.Locator("#presenter-with-key")).ToBeVisibleAsync();
        var key = (await site.SnapshotAsync()).PresenterKey!;
        var url = new Uri(site.App.BaseAddress, $"/events/{Slug}/stage?key={Uri.EscapeDataString(key)}").ToString();
        await Expect(page.Locator("#presenter-url")).ToHaveValueAsync(url);
        await Expect(page.Locator("#presenter-renew")).ToHaveTextAsync("Neuen Link erzeugen");
        await page.Locator("#presenter-copy").ClickAsync();
        await Expect(page.Locator("#action-status")).ToHaveTextAsync("Link kopiert.");
        Assert.Equal(url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // A moderator copies the same link but cannot change it.
        await using var moderator = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        await Expect(moderator.Page.Locator("#presenter-url")).ToHaveValueAsync(url);
        await Expect(moderator.Page.Locator("#presenter-renew, #presenter-revoke")).ToHaveCountAsync(0);

        await page.Locator("#presenter-revoke").ClickAsync();
        await page.Locator("#revoke-dialog button[type=submit]").ClickAsync();
        await Expect(page.Locator("#presenter-with-key")).ToBeHiddenAsync();
        await Expect(page.Locator("#presenter-no-key")).ToBeVisibleAsync();
        Assert.Null((await site.SnapshotAsync()).PresenterKey);
    }

    [Fact]
    public async Task Filter_and_search_narrow_the_columns()
    {
        await using var site = await StartAsync();
        var voucher = await site.AskAsync("Wo beantrage ich den Voucher?", "Anna Schmidt", null, 1);
        var fibre = await site.AskAsync("Wann kommt Glasfaser?", null, "Gemeinde Musterstadt", null);
        var mail = await site.Questions.AddAsync(Organiser, site.EventId, "Gilt das auch für Landkreise?", null, null, QuestionSource.Email, 2);
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        var shown = page.Locator(".q-list > li:not([hidden]) > article");
        await Expect(shown).ToHaveCountAsync(3);
        await Expect(page.Locator("#filter-result")).ToHaveTextAsync("3 Fragen");

        await page.Locator("#filter-text").FillAsync("voucher");
        await Expect(shown).ToHaveCountAsync(1);
        await Expect(Card(page, voucher.Id)).ToBeVisibleAsync();
        await Expect(page.Locator("#filter-result")).ToHaveTextAsync("1 von 3 Fragen passen zum Filter.");
        await Expect(page.Locator("[data-empty=approved]")).ToHaveTextAsync("Keine Frage hier passt zum Filter.");

        // The organisation counts too.
        await page.Locator("#filter-text").FillAsync("musterstadt");
        await Expect(shown).ToHaveCountAsync(1);
        await Expect(Card(page, fibre.Id)).ToBeVisibleAsync();

        await page.Locator("#filter-text").FillAsync("");
        await page.Locator("#filter-block").SelectOptionAsync("none");
        await Expect(shown).ToHaveCountAsync(1);
        await Expect(Card(page, fibre.Id)).ToBeVisibleAsync();

        await page.Locator("#filter-block").SelectOptionAsync("");
        await page.Locator("#filter-source").SelectOptionAsync("email");
        await Expect(shown).ToHaveCountAsync(1);
        await Expect(Card(page, mail.Id)).ToBeVisibleAsync();

        // A question arriving while filtering is filtered too.
        await site.AskAsync("Noch eine Live-Frage?");
        await Expect(page.Locator("#filter-result")).ToHaveTextAsync("1 von 4 Fragen passen zum Filter.");
        await page.Locator("#filter-source").SelectOptionAsync("");
        await Expect(shown).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task Ticked_new_questions_are_approved_together()
    {
        await using var site = await StartAsync();
        var a = await site.AskAsync("Frage A zum Voucher?");
        var b = await site.AskAsync("Frage B zur Beratung?");
        var c = await site.AskAsync("Frage C zum Zeitplan?");
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;

        await Card(page, a.Id).Locator("[data-select]").CheckAsync();
        await Card(page, c.Id).Locator("[data-select]").CheckAsync();
        await Expect(page.Locator("#bulk-approve")).ToHaveTextAsync("Ausgewählte freigeben (2)");
        await page.Locator("#bulk-approve").ClickAsync();

        await Expect(page.Locator("#action-status")).ToHaveTextAsync("2 Fragen freigegeben.");
        await Expect(Column(page, "approved")).ToHaveCountAsync(2);
        await Expect(Column(page, "incoming")).ToHaveCountAsync(1);
        await Expect(page.Locator("#bulk-approve")).ToBeDisabledAsync();
        Assert.Equal(QuestionStatus.Pending, (await site.QuestionAsync(b.Id)).Status);
        Assert.Equal(QuestionStatus.Approved, (await site.QuestionAsync(c.Id)).Status);

        await page.Locator("#select-all").CheckAsync();
        await Expect(page.Locator("#bulk-approve")).ToHaveTextAsync("Ausgewählte freigeben (1)");
    }

    [Fact]
    public async Task Pin_move_answer_with_text_and_question_settings()
    {
        await using var site = await StartAsync();
        var question = await site.AskAsync("Was kostet die Beratung?", null, null, 1);
        await site.ApproveAsync(question.Id);
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        var card = Card(page, question.Id);

        await card.FocusAsync();
        await page.Keyboard.PressAsync("p");
        await Expect(card.Locator(".q-badge-pinned")).ToHaveTextAsync("Angeheftet");
        await Expect(card).ToBeFocusedAsync();
        Assert.True((await site.QuestionAsync(question.Id)).Pinned);

        await card.Locator("summary").ClickAsync();
        await card.Locator("[data-action=move]").ClickAsync();
        await page.Locator("#move-block").SelectOptionAsync("3");
        await page.Locator("#move-dialog button[type=submit]").ClickAsync();
        await Expect(Meta(card, "Block")).ToHaveTextAsync("Block 3");
        Assert.Equal(3, (await site.QuestionAsync(question.Id)).BlockNumber);

        await card.Locator("summary").ClickAsync();
        await card.Locator("[data-action=answer-text]").ClickAsync();
        await page.Locator("#answer-text").FillAsync("Die Beratung ist für Kommunen kostenfrei.");
        await page.Locator("#answer-dialog button[type=submit]").ClickAsync();
        await Expect(page.Locator($"[data-list=answered] #q-{question.Id} .q-answer")).ToHaveTextAsync("Schriftliche Antwort: Die Beratung ist für Kommunen kostenfrei.");
        var answered = await site.QuestionAsync(question.Id);
        Assert.Equal(QuestionStatus.Answered, answered.Status);
        Assert.Equal("Die Beratung ist für Kommunen kostenfrei.", answered.AnswerText);

        // Question settings: auto-approve and a paused block, with the settings version.
        await page.Locator("#auto-approve").CheckAsync();
        await Expect(page.Locator("#action-status")).ToHaveTextAsync("Einstellung gespeichert.");
        await page.Locator("[data-scope='2'] [data-questions-state=paused]").ClickAsync();
        await Expect(page.Locator("[data-scope='2'] [data-questions-state=paused]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator("[data-scope=''] [data-questions-state=closed]").ClickAsync();
        await Expect(page.Locator("[data-scope=''] [data-questions-state=closed]")).ToHaveAttributeAsync("aria-pressed", "true");
        var settings = (await site.SnapshotAsync()).Questions;
        Assert.True(settings.AutoApprove);
        Assert.Equal(QuestionsState.Closed, settings.QuestionsState);
        Assert.Equal(QuestionsState.Paused, settings.Blocks[1].QuestionsState);
    }
}
