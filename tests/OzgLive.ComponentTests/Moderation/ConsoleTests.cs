using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Coverage;
using OzgLive.Web.Accounts;
using OzgLive.Web.Live;
using OzgLive.Web.Moderation;
using OzgLive.Web.Questions;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>
/// The interactive console over a real database, driven as a moderator drives it: keys and clicks.
/// Its own actions and everyone else's arrive through the event's feed (EventFeed), made by the same
/// services the hub calls; nothing is mocked.
/// </summary>
public sealed class ConsoleTests : AppPageContext
{
    private long eventId;

    private async Task<IRenderedComponent<ModerationConsole>> OpenAsync(string role = AccountRoles.Organiser)
    {
        eventId = await EventIdAsync();
        var account = await CreateAccountAsync($"{role}@example.org", "Mona Moderation", role);
        if (role == AccountRoles.Moderator)
        {
            await Services.GetRequiredService<AccountStore>().AssignModeratorAsync(eventId, account.Id);
        }

        AsCircuitUser(Request(account));
        return Render<ModerationConsole>(p => p.Add(x => x.EventId, eventId));
    }

    private Task AskAsync(string text, string viewer = "viewer-1", string? name = null) =>
        Services.GetRequiredService<QuestionService>().AskAsync(
            new Caller(viewer, "127.0.0.1", $"viewer:{viewer}"), eventId, Guid.NewGuid().ToString("N"), text, name, null, null);

    private static IReadOnlyList<string> Rows(IRenderedComponent<ModerationConsole> console) =>
        console.FindAll(".q-line").Select(r => Text(r.QuerySelector(".q-number")!) + " " + Text(r.QuerySelector(".q-text")!)).ToList();

    private static string Text(IElement element) => System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    /// <summary>Awaits the key's handling: under load, a change arriving meanwhile must not overtake it.</summary>
    private static Task PressAsync(IRenderedComponent<ModerationConsole> console, string selector, string key) =>
        console.Find(selector).KeyDownAsync(new KeyboardEventArgs { Key = key });

    private static string Tab(IRenderedComponent<ModerationConsole> console, string key) => Text(console.Find($"#tab-{key}"));

    [Fact]
    public async Task A_question_asked_elsewhere_arrives_through_the_feed_numbered_in_the_event_and_oldest_first()
    {
        var console = await OpenAsync();
        Assert.Equal("Keine neuen Fragen.", console.Find(".mod-empty").TextContent);

        await OpenAndAskAsync();

        console.WaitForAssertion(() => Assert.Equal(["#1 Wie lange dauert die Umstellung?", "#2 Gibt es Fördermittel für Kommunen?"], Rows(console)));
        Assert.Equal("Eingang 2", Tab(console, "incoming"));
        // At a glance: two incoming, none approved, and how long the oldest has waited.
        Assert.Equal("2", console.FindAll(".mod-glance dd")[1].TextContent);
        Assert.NotEqual("–", console.Find("#oldest-wait").TextContent);
    }

    private async Task OpenAndAskAsync()
    {
        await AskAsync("Wie lange dauert die Umstellung?");
        await AskAsync("Gibt es Fördermittel für Kommunen?", "viewer-2");
    }

    [Fact]
    public async Task Approve_by_key_keeps_the_focus_on_the_queue_and_names_the_question_in_the_status()
    {
        var console = await OpenAsync();
        await OpenAndAskAsync();
        console.WaitForAssertion(() => Assert.Equal(2, Rows(console).Count));

        await PressAsync(console, "#queue-panel", "a");

        console.WaitForAssertion(() => Assert.Equal(["#2 Gibt es Fördermittel für Kommunen?"], Rows(console)));
        // The action's answer and the feed's re-read arrive in either order: wait for both.
        console.WaitForAssertion(() => Assert.Equal("Frage #1 freigegeben.", console.Find("#action-status").TextContent));
        console.WaitForAssertion(() => Assert.Equal("Freigegeben 1", Tab(console, "approved")));
        // The question now in its place is the selected one, ready for the next key.
        Assert.Equal("true", console.Find(".q-line").GetAttribute("aria-current"));
        console.WaitForAssertion(() => Assert.Equal("#1 Wie lange dauert die Umstellung?", Text(console.Find("#bar-next .mod-bar-question"))));
    }

    [Fact]
    public async Task Merge_offers_the_most_similar_question_first_and_takes_two_keystrokes()
    {
        var console = await OpenAsync();
        await AskAsync("Gibt es Fördermittel für Kommunen?");
        await AskAsync("Wann startet das Onlinezugangsgesetz 2.0?", "viewer-2");
        await AskAsync("Gibt es Fördermittel für kleine Kommunen?", "viewer-3");
        console.WaitForAssertion(() => Assert.Equal(3, Rows(console).Count));

        const string queueSelector = "#queue-panel";
        await PressAsync(console, queueSelector, "j");
        await PressAsync(console, queueSelector, "j");
        await PressAsync(console, queueSelector, "m");

        var choices = console.FindAll(".q-choice").Select(Text).ToList();
        Assert.Equal("1 #1 Gibt es Fördermittel für Kommunen?", choices[0]);
        Assert.Equal("2 #2 Wann startet das Onlinezugangsgesetz 2.0?", choices[1]);

        await PressAsync(console, "#queue-panel", "1");

        console.WaitForAssertion(() => Assert.Equal(["#1 Gibt es Fördermittel für Kommunen?", "#2 Wann startet das Onlinezugangsgesetz 2.0?"], Rows(console)));
        Assert.Equal("Frage #3 mit Frage #1 zusammengeführt.", console.Find("#action-status").TextContent);
    }

    [Fact]
    public async Task Reject_asks_for_the_reason_by_digit_and_stage_and_answered_follow_the_question()
    {
        var console = await OpenAsync();
        await OpenAndAskAsync();
        console.WaitForAssertion(() => Assert.Equal(2, Rows(console).Count));
        const string queueSelector = "#queue-panel";

        await PressAsync(console, queueSelector, "r");
        Assert.Equal(
            ["1 Nicht zum Thema", "2 Doppelt", "3 Enthält personenbezogene Daten", "4 Beleidigend", "5 Sonstiges"],
            console.FindAll(".q-choice").Select(Text).ToArray());
        await PressAsync(console, "#queue-panel", "1");
        console.WaitForAssertion(() => Assert.Equal("Abgelehnt 1", Tab(console, "rejected")));

        // The other question: approve, then from the approved tab on stage and answered, by key.
        await PressAsync(console, "#queue-panel", "a");
        console.WaitForAssertion(() => Assert.Equal("Freigegeben 1", Tab(console, "approved")));
        await console.Find("#tab-approved").ClickAsync(new MouseEventArgs());
        await PressAsync(console, "#queue-panel", "s");
        console.WaitForAssertion(() => Assert.Equal("#2 Gibt es Fördermittel für Kommunen?", Text(console.Find("#bar-onstage .mod-bar-question"))));
        await console.Find("#tab-stage").ClickAsync(new MouseEventArgs());
        await PressAsync(console, "#queue-panel", "b");
        console.WaitForAssertion(() => Assert.Equal("Beantwortet 1", Tab(console, "answered")));
        Assert.Equal("keine Frage", console.Find("#bar-onstage .mod-bar-none").TextContent);
    }

    [Fact]
    public async Task The_clock_is_run_from_the_bar_by_keys_with_the_keys_shown()
    {
        var console = await OpenAsync();
        Assert.Equal("Noch nicht begonnen.", console.Find("#clock-status").TextContent);
        Assert.Equal("Veranstaltung starten N", Text(console.Find(".mod-bar-buttons .button")));

        const string barSelector = "#command-bar";
        await PressAsync(console, barSelector, "n");
        console.WaitForAssertion(() => Assert.Equal("Live: Begrüßung.", console.Find("#clock-status").TextContent));
        await PressAsync(console, "#command-bar", "n");
        console.WaitForAssertion(() => Assert.Equal("Live: Block 1 läuft.", console.Find("#clock-status").TextContent));

        Assert.Equal(
            ["Block 2 starten N", "+1 Minute +", "+5 Minuten F", "Pausieren H", "Block beenden X", "Veranstaltung beenden …"],
            console.FindAll(".mod-bar-buttons > .button").Select(Text).ToArray());
        await PressAsync(console, "#command-bar", "f");
        console.WaitForAssertion(() => Assert.Contains("+ 5", Text(console.Find("#blocks .mod-block[aria-current=true] .mod-block-minutes")), StringComparison.Ordinal));
        Assert.Equal("Im Zeitplan", console.Find("#clock-warning").TextContent);
    }

    [Fact]
    public async Task Pause_resume_and_end_block_have_keys_shown_on_their_buttons_and_in_the_help()
    {
        var console = await OpenAsync();
        await PressAsync(console, "#command-bar", "n");
        console.WaitForAssertion(() => Assert.Equal("Live: Begrüßung.", console.Find("#clock-status").TextContent));
        await PressAsync(console, "#command-bar", "n");
        console.WaitForAssertion(() => Assert.Equal("Live: Block 1 läuft.", console.Find("#clock-status").TextContent));

        await PressAsync(console, "#queue-panel", "h");
        console.WaitForAssertion(() => Assert.Equal("Live: Block 1 ist pausiert.", console.Find("#clock-status").TextContent));
        Assert.Contains("Fortsetzen H", console.FindAll(".mod-bar-buttons > .button").Select(Text));

        await PressAsync(console, "#command-bar", "H");
        console.WaitForAssertion(() => Assert.Equal("Live: Block 1 läuft.", console.Find("#clock-status").TextContent));

        await PressAsync(console, "#command-bar", "x");
        console.WaitForAssertion(() => Assert.Equal("Live: Übergang zum nächsten Block.", console.Find("#clock-status").TextContent));

        var help = console.FindAll("#shortcuts .mod-keys > div").Select(Text).ToList();
        Assert.Contains("H Block pausieren oder fortsetzen", help);
        Assert.Contains("X Block beenden", help);
    }

    [Fact]
    public async Task An_over_long_edit_is_refused_at_the_row_and_the_draft_stays()
    {
        var console = await OpenAsync();
        await AskAsync("Wie lange dauert die Umstellung?");
        console.WaitForAssertion(() => Assert.Single(Rows(console)));

        await PressAsync(console, "#queue-panel", "e");
        var text = new string('x', 600);
        await console.Find("form.q-panel textarea").InputAsync(new ChangeEventArgs { Value = text });
        // While a text is written, keys are the text's: "a" approves nothing.
        await PressAsync(console, "#queue-panel", "a");
        await console.Find("form.q-panel").SubmitAsync();

        console.WaitForAssertion(() => Assert.StartsWith("Eine Frage muss", console.Find(".q-message").TextContent, StringComparison.Ordinal));
        Assert.Equal("Eingang 1", Tab(console, "incoming"));
        Assert.Equal(text, console.Find("form.q-panel textarea").GetAttribute("value"));
    }

    [Fact]
    public async Task A_written_answer_survives_closing_the_panel_and_is_saved_with_the_answer()
    {
        var console = await OpenAsync();
        await AskAsync("Wie lange dauert die Umstellung?");
        console.WaitForAssertion(() => Assert.Single(Rows(console)));
        await PressAsync(console, "#queue-panel", "a");
        console.WaitForAssertion(() => Assert.Equal("Freigegeben 1", Tab(console, "approved")));
        await console.Find("#tab-approved").ClickAsync(new MouseEventArgs());

        await PressAsync(console, "#queue-panel", "w");
        await console.Find("form.q-panel textarea").InputAsync(new ChangeEventArgs { Value = "Etwa zwei Jahre." });
        await PressAsync(console, "#queue-panel", "Escape");
        Assert.Empty(console.FindAll("form.q-panel textarea"));
        await PressAsync(console, "#queue-panel", "w");
        Assert.Equal("Etwa zwei Jahre.", console.Find("form.q-panel textarea").GetAttribute("value"));

        await console.Find("form.q-panel").SubmitAsync();

        console.WaitForAssertion(() => Assert.Equal("Beantwortet 1", Tab(console, "answered")));
        var answered = (await Services.GetRequiredService<SnapshotReader>().ReadAsync(eventId, EventRole.Organiser, null))!.Queue!.Single();
        Assert.Equal("Etwa zwei Jahre.", answered.AnswerText);
    }

    [Fact]
    public async Task A_moderator_taken_off_the_event_loses_the_console_at_once()
    {
        var console = await OpenAsync(AccountRoles.Moderator);
        await AskAsync("Wie lange dauert die Umstellung?");
        console.WaitForAssertion(() => Assert.Single(Rows(console)));
        var account = Circuit.User;

        await Services.GetRequiredService<AccountStore>().UnassignModeratorAsync(eventId, AccountClaims.AccountId(account)!.Value);
        await Services.GetRequiredService<StaffConnections>().RevokeAsync(eventId, AccountClaims.AccountId(account)!.Value);

        console.WaitForAssertion(() => Assert.Equal("Kein Zugang mehr", console.Find("h1").TextContent));
        Assert.Empty(console.FindAll(".q-line"));
        Assert.DoesNotContain("Umstellung", console.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tabs_name_each_status_with_its_count_and_switch_by_arrow_keys()
    {
        var console = await OpenAsync();

        Assert.Equal(["Eingang 0", "Freigegeben 0", "Auf der Bühne 0", "Beantwortet 0", "Abgelehnt 0"], console.FindAll("[role=tab]").Select(Text).ToArray());
        Assert.Equal("true", console.Find("#tab-incoming").GetAttribute("aria-selected"));

        await PressAsync(console, "#tab-incoming", "ArrowRight");

        Assert.Equal("true", console.Find("#tab-approved").GetAttribute("aria-selected"));
        Assert.Equal("Keine freigegebenen Fragen.", console.Find(".mod-empty").TextContent);
        Assert.Equal("tab-approved", console.Find("#queue-panel").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public async Task Rows_show_their_channel_and_the_queue_filters_by_the_channels_present()
    {
        var console = await OpenAsync();
        // An embed's channel names the partner only when the organiser listed it.
        await Services.GetRequiredService<OzgLive.Web.Channels.PartnerOrigins>().SaveAsync(eventId, ["https://partner.example"]);
        await AskAsync("Wie lange dauert die Umstellung?");
        await Services.GetRequiredService<QuestionService>().AskAsync(
            new Caller("viewer-2", "127.0.0.1", "viewer:viewer-2"), eventId, Guid.NewGuid().ToString("N"), "Gibt es Fördermittel für Kommunen?", null, null, null, "embed:https://partner.example");
        await Services.GetRequiredService<QuestionService>().AddAsync(
            new Caller(null, "console", "account:1"), eventId, "Kommt eine App?", null, null, QuestionSource.YouTube, null);
        console.WaitForAssertion(() => Assert.Equal(2, Rows(console).Count));

        Assert.Equal(["Live-Seite", "Einbettung partner.example"], console.FindAll(".q-badge-channel").Select(Text));
        // The moderator's question goes to "Freigegeben"; its channel appears in the filter once its change has arrived.
        console.WaitForAssertion(() => Assert.Equal(["Alle Kanäle", "Einbettung partner.example", "Live-Seite", "YouTube"], console.FindAll("#channel-filter option").Select(Text)));

        await console.Find("#channel-filter").ChangeAsync(new() { Value = "embed:https://partner.example" });

        Assert.Equal(["#2 Gibt es Fördermittel für Kommunen?"], Rows(console));
        Assert.Equal("Eingang 1", Tab(console, "incoming"));

        await console.Find("#channel-filter").ChangeAsync(new() { Value = "" });

        Assert.Equal(2, Rows(console).Count);
        Assert.Equal("Eingang 2", Tab(console, "incoming"));
    }

    [Fact]
    public async Task The_search_finds_questions_by_a_word_the_askers_name_or_the_number_and_the_counts_follow()
    {
        var console = await OpenAsync();
        await AskAsync("Wie lange dauert die Umstellung?");
        await AskAsync("Wo beantrage ich den Digitalisierungsvoucher?", "viewer-2", name: "Erika Beispiel");
        await AskAsync("Gibt es Fördermittel für Kommunen?", "viewer-3");
        console.WaitForAssertion(() => Assert.Equal(3, Rows(console).Count));

        await console.Find("#queue-search").InputAsync(new() { Value = "voucher" });
        Assert.Equal(["#2 Wo beantrage ich den Digitalisierungsvoucher?"], Rows(console));
        Assert.Equal("Eingang 1", Tab(console, "incoming"));

        await console.Find("#queue-search").InputAsync(new() { Value = "erika" });
        Assert.Equal(["#2 Wo beantrage ich den Digitalisierungsvoucher?"], Rows(console));

        await console.Find("#queue-search").InputAsync(new() { Value = "#3" });
        Assert.Equal(["#3 Gibt es Fördermittel für Kommunen?"], Rows(console));

        await console.Find("#queue-search").InputAsync(new() { Value = "" });
        Assert.Equal(3, Rows(console).Count);
        Assert.Equal("Eingang 3", Tab(console, "incoming"));

        // Asked before the event started: no block. Block 1 holds none of them.
        await console.Find("#block-filter").ChangeAsync(new() { Value = "1" });
        Assert.Empty(Rows(console));
        Assert.Equal("Eingang 0", Tab(console, "incoming"));
        await console.Find("#block-filter").ChangeAsync(new() { Value = "0" });
        Assert.Equal(3, Rows(console).Count);
    }

    [Fact]
    public void Merge_suggestions_rank_by_shared_trigrams()
    {
        Assert.True(MergeSuggestions.Similarity("Gibt es Fördermittel für Kommunen?", "Gibt es Fördermittel für kleine Kommunen?")
            > MergeSuggestions.Similarity("Gibt es Fördermittel für Kommunen?", "Wann startet das Onlinezugangsgesetz 2.0?"));
        Assert.Equal(0, MergeSuggestions.Similarity("", "Etwas"));
    }
}
