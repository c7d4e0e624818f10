using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Coverage;
using OzgLive.Web.Accounts;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Moderation;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>
/// The console's "Umfragen" panel over a real database: a moderator opens a prepared poll, a viewer's
/// answer arrives through the same service the hub calls (and the console's feed), and the results
/// are revealed. Nothing is mocked.
/// </summary>
public sealed class PollPanelTests : AppPageContext
{
    private long eventId;

    private async Task<IRenderedComponent<ModerationConsole>> OpenConsoleAsync()
    {
        eventId = await EventIdAsync();
        var account = await CreateAccountAsync("organiser@example.org", "Olga Organisation", AccountRoles.Organiser);
        AsCircuitUser(Request(account));
        return Render<ModerationConsole>(p => p.Add(x => x.EventId, eventId));
    }

    private static string Text(IElement element) => System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    [Fact]
    public async Task A_moderator_opens_a_poll_sees_an_answer_arrive_and_reveals_the_results()
    {
        var console = await OpenConsoleAsync();
        var polls = Services.GetRequiredService<PollService>();
        var poll = await polls.PrepareAsync(eventId, new PollDraft(null, PollKind.Single, "Haben Sie den Voucher beantragt?", ["Ja", "Nein"]));
        var item = $"li[data-poll-id='{poll.Id}']";

        // The panel is in the tools drawer, reached by its button (a plain button: Tab and Enter).
        await console.Find(".mod-tools-toggle").ClickAsync(new());
        console.WaitForAssertion(() => Assert.Equal("vorbereitet", Text(console.Find($"{item} .mod-poll-state"))));
        Assert.Equal("Haben Sie den Voucher beantragt?", Text(console.Find($"{item} .poll-question")));

        console.Find($"#poll-{poll.Id}-limit").Change("5");
        await console.Find($"#poll-{poll.Id}-open").ClickAsync(new());

        console.WaitForAssertion(() => Assert.Equal("läuft", Text(console.Find($"{item} .mod-poll-state"))));
        Assert.Equal("Umfrage geöffnet.", Text(console.Find("#action-status")));
        Assert.StartsWith("Schließt automatisch um ", Text(console.Find($"{item} .mod-poll-closes")));
        Assert.Equal("Schließen: Haben Sie den Voucher beantragt?", Text(console.Find($"#poll-{poll.Id}-close")));

        await polls.AnswerAsync(new Caller("viewer-1", "127.0.0.1", "viewer:viewer-1"), eventId, poll.Id, new PollAnswer([1], null, null, null), replace: false);

        // Moderators see the counts at once (through the coalesced results and the feed); viewers not yet.
        console.WaitForAssertion(() => Assert.Equal("1", Text(console.Find($"{item} tr[data-key='1'] td"))), TimeSpan.FromSeconds(10));
        Assert.Equal("1 Person hat geantwortet.", Text(console.Find($"{item} .poll-respondents")));
        var reveal = console.Find($"#poll-{poll.Id}-reveal");
        Assert.Equal("false", reveal.GetAttribute("aria-pressed"));
        Assert.Equal("Ergebnisse zeigen: Haben Sie den Voucher beantragt?", Text(reveal));

        await reveal.ClickAsync(new());

        console.WaitForAssertion(() => Assert.Equal("true", console.Find($"#poll-{poll.Id}-reveal").GetAttribute("aria-pressed")));
        Assert.Equal("Ergebnisse gezeigt.", Text(console.Find("#action-status")));
        var stored = (await Services.GetRequiredService<SnapshotReader>().ReadAsync(eventId, EventRole.Viewer, viewerId: null))!.Polls!.Single(p => p.Id == poll.Id);
        Assert.NotNull(stored.Results);
        Assert.Equal(1, stored.Results.Respondents);

        await console.Find($"#poll-{poll.Id}-close").ClickAsync(new());
        console.WaitForAssertion(() => Assert.Equal("beendet", Text(console.Find($"{item} .mod-poll-state"))));
    }

    [Fact]
    public async Task The_running_blocks_polls_come_first_then_the_events_then_the_other_blocks()
    {
        var console = await OpenConsoleAsync();
        var polls = Services.GetRequiredService<PollService>();
        var clock = Services.GetRequiredService<ClockService>();
        await clock.ExecuteAsync(eventId, ClockCommandKind.StartEvent, null, null, "account:1");
        await clock.ExecuteAsync(eventId, ClockCommandKind.StartBlock, 2, null, "account:1");
        await polls.PrepareAsync(eventId, new PollDraft(null, PollKind.Rating, "Wie hilfreich war die Veranstaltung?", [], ScaleMax: 5));

        console.WaitForAssertion(() =>
        {
            var blocks = console.FindAll(".mod-poll-block").Select(Text).ToList();
            var firstOther = blocks.FindIndex(b => !b.EndsWith("(aktueller Block)", StringComparison.Ordinal));
            // At least the demo's poll of block 2 comes first; then the event's own; then blocks 1 and 3.
            Assert.True(firstOther > 0, string.Join(" | ", blocks));
            Assert.StartsWith("Block 2: ", blocks[0]);
            Assert.Equal("Zur ganzen Veranstaltung", blocks[firstOther]);
            Assert.All(blocks.Skip(firstOther + 1), b => Assert.Matches("^Block [13]: ", b));
        });
    }

    [Fact]
    public async Task A_moderator_hides_a_word_shows_it_again_and_approves_or_rejects_text_answers()
    {
        var console = await OpenConsoleAsync();
        var polls = Services.GetRequiredService<PollService>();
        var words = await polls.PrepareAsync(eventId, new PollDraft(null, PollKind.WordCloud, "Ein Wort zur Digitalisierung?", [], MaxChoices: 2));
        var texts = await polls.PrepareAsync(eventId, new PollDraft(null, PollKind.Text, "Was wünschen Sie sich?", [], ResultsMode: PollResultsMode.Live));
        await polls.OpenAsync(eventId, words.Id, words.Version, null);
        await polls.OpenAsync(eventId, texts.Id, texts.Version, null);
        var viewer = new Caller("viewer-1", "127.0.0.1", "viewer:viewer-1");
        await polls.AnswerAsync(viewer, eventId, words.Id, new PollAnswer(null, null, ["Tempo", "Portal"], null), replace: false);
        await polls.AnswerAsync(viewer, eventId, texts.Id, new PollAnswer(null, null, null, "Mehr Schnittstellen"), replace: false);
        await polls.AnswerAsync(new Caller("viewer-2", "127.0.0.1", "viewer:viewer-2"), eventId, texts.Id, new PollAnswer(null, null, null, "Weniger Papier"), replace: false);
        var wordItem = $"li[data-poll-id='{words.Id}']";
        var textItem = $"li[data-poll-id='{texts.Id}']";
        await console.InvokeAsync(() => console.Find(".mod-tools-toggle").ClickAsync(new()));

        console.WaitForAssertion(() => Assert.Equal(2, console.FindAll($"{wordItem} .mod-poll-words button").Count), TimeSpan.FromSeconds(10));
        await console.InvokeAsync(() => console.Find($"{wordItem} .mod-poll-words button[data-word='tempo']").ClickAsync(new()));
        console.WaitForAssertion(() => Assert.Equal("Wieder zeigen: tempo", Text(console.Find($"{wordItem} .mod-poll-hidden-words button"))));
        Assert.Equal("Wort ausgeblendet.", Text(console.Find("#action-status")));
        Assert.Equal(["Ausblenden: Portal"], console.FindAll($"{wordItem} .mod-poll-words button").Select(Text));

        await console.InvokeAsync(() => console.Find($"{wordItem} .mod-poll-hidden-words button").ClickAsync(new()));
        console.WaitForAssertion(() => Assert.Empty(console.FindAll($"{wordItem} .mod-poll-hidden-words button")));
        Assert.Equal(2, console.FindAll($"{wordItem} .mod-poll-words button").Count);

        console.WaitForAssertion(() => Assert.Equal(2, console.FindAll($"{textItem} .mod-poll-pending li").Count), TimeSpan.FromSeconds(10));
        await console.InvokeAsync(() => console.FindAll($"{textItem} .mod-poll-pending li")
            .Single(li => Text(li).StartsWith("Mehr Schnittstellen", StringComparison.Ordinal))
            .QuerySelector("button.button-primary")!.ClickAsync(new()));
        console.WaitForAssertion(() => Assert.Equal(["Weniger Papier"], console.FindAll($"{textItem} .mod-poll-pending-text").Select(Text)));
        Assert.Equal("Antwort freigegeben.", Text(console.Find("#action-status")));
        await console.InvokeAsync(() => console.Find($"{textItem} .mod-poll-pending li button:not(.button-primary)").ClickAsync(new()));
        console.WaitForAssertion(() => Assert.Empty(console.FindAll($"{textItem} .mod-poll-pending li")));
        Assert.Equal("Antwort abgelehnt.", Text(console.Find("#action-status")));

        var stored = (await Services.GetRequiredService<SnapshotReader>().ReadAsync(eventId, EventRole.Viewer, viewerId: null))!.Polls!.Single(p => p.Id == texts.Id);
        Assert.Equal(["Mehr Schnittstellen"], stored.Results!.Items.Select(i => i.Label));
    }

    [Fact]
    public async Task A_decision_on_a_poll_another_moderator_changed_meanwhile_is_refused_as_stale_with_a_clear_notice()
    {
        eventId = await EventIdAsync();
        var account = await CreateAccountAsync("organiser@example.org", "Olga Organisation", AccountRoles.Organiser);
        var user = AsCircuitUser(Request(account)).User;
        var polls = Services.GetRequiredService<PollService>();
        var poll = await polls.PrepareAsync(eventId, new PollDraft(null, PollKind.Single, "Haben Sie den Voucher beantragt?", ["Ja", "Nein"]));
        var opened = await polls.OpenAsync(eventId, poll.Id, poll.Version, null);
        // The panel as this moderator's console shows it: the poll open, results hidden.
        var seen = (await Services.GetRequiredService<SnapshotReader>().ReadAsync(eventId, EventRole.Organiser, viewerId: null))!;
        var panel = Render<PollPanel>(p => p
            .Add(x => x.State, new ConsoleState(seen, 0, new Dictionary<long, int>()))
            .Add(x => x.EventId, eventId)
            .Add(x => x.User, user));

        // Meanwhile another moderator closes the poll.
        await polls.CloseAsync(eventId, poll.Id, opened.Version);
        var stored = (await Services.GetRequiredService<SnapshotReader>().ReadAsync(eventId, EventRole.Organiser, viewerId: null))!.Polls!.Single(p => p.Id == poll.Id);

        await panel.Find($"#poll-{poll.Id}-reveal").ClickAsync(new());

        var error = panel.Find($"li[data-poll-id='{poll.Id}'] .form-error");
        Assert.Equal("Diese Umfrage wurde inzwischen von jemand anderem geändert. Hier sehen Sie den aktuellen Stand – bitte entscheiden Sie erneut.", Text(error));
        Assert.Null(error.GetAttribute("hidden"));
        var after = (await Services.GetRequiredService<SnapshotReader>().ReadAsync(eventId, EventRole.Organiser, viewerId: null))!.Polls!.Single(p => p.Id == poll.Id);
        Assert.Equal(PollState.Closed, after.State);
        Assert.False(after.Revealed);
        Assert.Equal(stored.Version, after.Version);
    }

    [Fact]
    public async Task The_stream_overlays_poll_is_off_until_a_moderator_switches_it_on_in_the_drawer()
    {
        var console = await OpenConsoleAsync();
        var switches = Services.GetRequiredService<OzgLive.Web.Channels.OverlaySwitches>();
        await console.Find(".mod-tools-toggle").ClickAsync(new());
        console.WaitForAssertion(() => Assert.Equal("Die laufende Umfrage mit ihren Ergebnissen, sobald sie öffentlich sind", Text(console.Find("label[for='overlay-poll']"))));
        Assert.False(console.Find("#overlay-poll").HasAttribute("checked"));
        Assert.False(switches.Current(eventId).ShowPoll);

        await console.Find("#overlay-poll").ChangeAsync(new() { Value = true });

        console.WaitForAssertion(() => Assert.Equal("Der Teil wird im Stream-Overlay gezeigt.", Text(console.Find("#action-status"))));
        Assert.Equal(new OzgLive.Web.Channels.OverlayChanged(eventId, ShowQuestion: true, ShowQr: true, ShowBlock: true, ShowPoll: true), switches.Current(eventId));
        console.WaitForAssertion(() => Assert.True(console.Find("#overlay-poll").HasAttribute("checked")));
    }
}
