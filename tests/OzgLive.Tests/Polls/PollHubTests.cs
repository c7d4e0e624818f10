using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Polls;

namespace OzgLive.Tests.Polls;

/// <summary>
/// Live polls over the real hub (real Kestrel, real SQLite file, .NET SignalR clients, fake clock):
/// each kind, once per viewer and changeable until closed, time limits, hidden results, exact counts
/// under concurrency, coalesced results, roles and the numbered streams.
/// </summary>
public sealed class PollHubTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private TimeSpan Flush => PollResultsBroadcaster.Interval;

    [Fact]
    public async Task A_viewer_answers_a_single_choice_poll_once_and_may_change_the_answer_until_it_closes()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var poll = await fixture.PrepareAsync(ev, PollCalls.Choice());

        Assert.Equal("poll-not-open", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, poll, new { choices = new[] { 1 } })));
        await moderator.PollAsync("OpenPoll", ev.Id, poll, (int?)null);

        var first = await viewer.InvokeAsync("AnswerPoll", ev.Id, poll, new { choices = new[] { 1 } });
        Assert.Equal([1], first.GetProperty("answer").GetProperty("choices").EnumerateArray().Select(c => c.GetInt32()));
        var before = await fixture.StoredPollStateAsync(ev.Id);
        Assert.Equal("already-answered", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, poll, new { choices = new[] { 2 } })));
        Assert.Equal(before, await fixture.StoredPollStateAsync(ev.Id));

        var changed = await viewer.InvokeAsync("ChangePollAnswer", ev.Id, poll, new { choices = new[] { 2 } });
        Assert.Equal([2], changed.GetProperty("answer").GetProperty("choices").EnumerateArray().Select(c => c.GetInt32()));
        fixture.App.Time.Advance(Flush);
        var results = await viewer.WaitForResultsAsync(poll, r => r.Counts()["2"] == 1);
        Assert.Equal(0, results.Counts()["1"]);
        Assert.Equal(1, results.Respondents());
        Assert.Equal(2, (await viewer.SnapshotAsync(ev.Id)).GetProperty("myPollAnswers").EnumerateArray().Single().GetProperty("answer").GetProperty("choices")[0].GetInt32());

        await moderator.PollAsync("ClosePoll", ev.Id, poll);
        var closed = await fixture.StoredPollStateAsync(ev.Id);
        Assert.Equal("poll-closed", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("ChangePollAnswer", ev.Id, poll, new { choices = new[] { 3 } })));
        Assert.Equal(closed, await fixture.StoredPollStateAsync(ev.Id));
    }

    [Fact]
    public async Task Bad_answers_get_coded_errors_and_change_nothing()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await using var anonymous = await fixture.AnonymousAsync(ev);
        var multiple = await fixture.PrepareAsync(ev, new PollDraft(null, PollKind.Multiple, "Welche Leistungen nutzen Sie?", ["Wohngeld", "Elterngeld", "Kfz", "Gewerbe"], MaxChoices: 2));
        var rating = await fixture.PrepareAsync(ev, new PollDraft(1, PollKind.Rating, "Wie hilfreich war der Block?", [], ScaleMax: 5, LowLabel: "gar nicht", HighLabel: "sehr"));
        var words = await fixture.PrepareAsync(ev, new PollDraft(2, PollKind.WordCloud, "Ein Wort zur Digitalisierung?", [], MaxChoices: 2));
        foreach (var poll in new[] { multiple, rating, words })
        {
            await moderator.PollAsync("OpenPoll", ev.Id, poll, (int?)null);
        }

        var before = await fixture.StoredPollStateAsync(ev.Id);
        Assert.Equal("too-many-choices", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, multiple, new { choices = new[] { 1, 2, 3 } })));
        Assert.Equal("unknown-option", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, multiple, new { choices = new[] { 1, 9 } })));
        Assert.Equal("invalid-answer", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, multiple, new { choices = Array.Empty<int>() })));
        Assert.Equal("invalid-answer", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, rating, new { rating = 6 })));
        Assert.Equal("invalid-answer", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, words, new { words = new[] { "  " } })));
        Assert.Equal("invalid-answer", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, words, new { words = new[] { new string('x', 41) } })));
        Assert.Equal("too-many-choices", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, words, new { words = new[] { "a", "b", "c" } })));
        Assert.Equal("poll-not-found", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, 999_999L, new { rating = 1 })));
        Assert.Equal("viewer-required", await QuestionCalls.RefusedAsync(() => anonymous.InvokeAsync("AnswerPoll", ev.Id, rating, new { rating = 1 })));
        Assert.Equal(before, await fixture.StoredPollStateAsync(ev.Id));

        var answered = await viewer.InvokeAsync("AnswerPoll", ev.Id, multiple, new { choices = new[] { 4, 2 } });
        Assert.Equal([2, 4], answered.GetProperty("answer").GetProperty("choices").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(5, (await viewer.InvokeAsync("AnswerPoll", ev.Id, rating, new { rating = 5 })).GetProperty("answer").GetProperty("rating").GetInt32());
    }

    [Fact]
    public async Task Word_cloud_words_count_normalised_a_moderator_can_hide_one_and_the_word_list_holds_one_back()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var poll = await fixture.PrepareAsync(ev, new PollDraft(null, PollKind.WordCloud, "Was verbinden Sie mit dem OZG?", [], MaxChoices: 3, ResultsMode: PollResultsMode.Live));
        await moderator.PollAsync("OpenPoll", ev.Id, poll, (int?)null);
        string[][] answers = [["Über  Uns", "Portal"], ["über uns"], ["UEBER UNS", "portal", "Straße"], ["strasse", "Idiotenportal"]];
        var viewers = new List<Participant>();
        foreach (var words in answers)
        {
            var viewer = await fixture.ViewerAsync(ev);
            viewers.Add(viewer);
            await viewer.InvokeAsync("AnswerPoll", ev.Id, poll, new { words });
        }

        fixture.App.Time.Advance(Flush);
        var results = await viewers[0].WaitForResultsAsync(poll, r => r.Respondents() == 4);
        Assert.Equal(new Dictionary<string, int> { ["ueber uns"] = 3, ["portal"] = 2, ["strasse"] = 2 }, results.Counts());
        Assert.Equal("portal", results.GetProperty("items")[1].GetProperty("key").GetString());
        // The word list holds "Idiotenportal" back: moderators see it waiting, viewers never.
        var held = (await moderator.WaitForResultsAsync(poll, r => r.GetProperty("pending").GetArrayLength() == 1)).GetProperty("pending")[0];
        Assert.Equal("Idiotenportal", held.GetProperty("text").GetString());
        Assert.Equal("idiot*", held.GetProperty("heldReason").GetString());
        Assert.Empty(results.GetProperty("pending").EnumerateArray());

        var hidden = await moderator.PollAsync("HidePollWord", ev.Id, poll, "Straße", true);
        Assert.DoesNotContain("strasse", hidden.GetProperty("results").Counts().Keys);
        Assert.Equal(["strasse"], hidden.GetProperty("results").GetProperty("hiddenWords").EnumerateArray().Select(w => w.GetString()));
        var changed = await viewers[0].Client.WaitForAsync(PollMessageNames.PollChanged, m => m.GetProperty("poll").GetProperty("results").Counts().Count == 2);
        Assert.Empty(changed.GetProperty("poll").GetProperty("results").GetProperty("hiddenWords").EnumerateArray());
        foreach (var viewer in viewers)
        {
            await viewer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Text_answers_are_shown_once_a_moderator_approves_them()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await using var other = await fixture.ViewerAsync(ev);
        var poll = await fixture.PrepareAsync(ev, new PollDraft(null, PollKind.Text, "Was wünschen Sie sich vom Bund?", [], ResultsMode: PollResultsMode.Live));
        await moderator.PollAsync("OpenPoll", ev.Id, poll, (int?)null);

        await viewer.InvokeAsync("AnswerPoll", ev.Id, poll, new { text = "Einheitliche Schnittstellen für alle Länder" });
        await other.InvokeAsync("AnswerPoll", ev.Id, poll, new { text = "Weniger Formulare" });
        fixture.App.Time.Advance(Flush);
        var pending = (await moderator.WaitForResultsAsync(poll, r => r.GetProperty("pending").GetArrayLength() == 2)).GetProperty("pending");
        var audience = await viewer.WaitForResultsAsync(poll, r => r.Respondents() == 2);
        Assert.Empty(audience.GetProperty("items").EnumerateArray());

        var approved = await moderator.InvokeAsync("ModeratePollAnswer", ev.Id, pending[0].GetProperty("answerId").GetInt64(), true);
        await moderator.InvokeAsync("ModeratePollAnswer", ev.Id, pending[1].GetProperty("answerId").GetInt64(), false);
        Assert.Equal("invalid-transition", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("ModeratePollAnswer", ev.Id, pending[1].GetProperty("answerId").GetInt64(), true)));

        Assert.Equal(["Einheitliche Schnittstellen für alle Länder"], approved.GetProperty("results").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()));
        var shown = (await viewer.SnapshotAsync(ev.Id)).Poll(poll).GetProperty("results").GetProperty("items");
        Assert.Equal(["Einheitliche Schnittstellen für alle Länder"], shown.EnumerateArray().Select(i => i.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task A_time_limit_closes_the_poll_when_the_clock_reaches_it()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var poll = await fixture.PrepareAsync(ev, PollCalls.Choice());

        var opened = await moderator.PollAsync("OpenPoll", ev.Id, poll, 30);
        Assert.Equal(fixture.App.Time.GetUtcNow().AddSeconds(30), opened.GetProperty("closesAt").GetDateTimeOffset());
        fixture.App.Time.Advance(TimeSpan.FromSeconds(29));
        await viewer.InvokeAsync("AnswerPoll", ev.Id, poll, new { choices = new[] { 1 } });

        fixture.App.Time.Advance(TimeSpan.FromSeconds(1));
        var closed = await viewer.Client.WaitForAsync(PollMessageNames.PollChanged, m => m.GetProperty("poll").GetProperty("state").GetString() == "closed");
        Assert.Equal(fixture.App.Time.GetUtcNow(), closed.GetProperty("poll").GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal("poll-closed", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("ChangePollAnswer", ev.Id, poll, new { choices = new[] { 2 } })));
        Assert.Equal("closed", (await moderator.SnapshotAsync(ev.Id)).Poll(poll).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Hidden_results_reach_viewers_only_once_revealed()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var poll = await fixture.PrepareAsync(ev, PollCalls.Choice(mode: PollResultsMode.Hidden));
        await moderator.PollAsync("OpenPoll", ev.Id, poll, (int?)null);

        await viewer.InvokeAsync("AnswerPoll", ev.Id, poll, new { choices = new[] { 2 } });
        fixture.App.Time.Advance(Flush);
        await moderator.WaitForResultsAsync(poll, r => r.Counts()["2"] == 1);
        // The audience's copy would have been queued before the moderators': this round trip would have brought it.
        var snapshot = await viewer.SnapshotAsync(ev.Id);
        Assert.Empty(viewer.ResultMessages(poll));
        Assert.Equal(JsonValueKind.Null, snapshot.Poll(poll).GetProperty("results").ValueKind);
        Assert.All(viewer.Messages(PollMessageNames.PollChanged), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("poll").GetProperty("results").ValueKind));

        await moderator.PollAsync("RevealPollResults", ev.Id, poll, true);
        var revealed = await viewer.Client.WaitForAsync(PollMessageNames.PollChanged, m => m.GetProperty("poll").GetProperty("revealed").GetBoolean());
        Assert.Equal(1, revealed.GetProperty("poll").GetProperty("results").Counts()["2"]);
    }

    [Fact]
    public async Task Concurrent_answers_are_counted_exactly_and_their_results_go_out_coalesced()
    {
        const int Viewers = 40;
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var poll = await fixture.PrepareAsync(ev, PollCalls.Choice());
        await moderator.PollAsync("OpenPoll", ev.Id, poll, (int?)null);
        var viewers = new List<Participant>();
        try
        {
            for (var i = 0; i < Viewers; i++)
            {
                viewers.Add(await fixture.ViewerAsync(ev, $"viewer {i}"));
            }

            await Task.WhenAll(viewers.Select((v, i) => v.InvokeAsync("AnswerPoll", ev.Id, poll, new { choices = new[] { (i % 3) + 1 } })));
            // Half change their answer to option 3, concurrently.
            await Task.WhenAll(viewers.Take(Viewers / 2).Select(v => v.InvokeAsync("ChangePollAnswer", ev.Id, poll, new { choices = new[] { 3 } })));

            // 60 answers, one interval of the clock: one results message to each client, with the exact counts.
            fixture.App.Time.Advance(Flush);
            var expected = new Dictionary<string, int> { ["1"] = 7, ["2"] = 6, ["3"] = 27 };
            foreach (var client in viewers.Append(moderator))
            {
                Assert.Equal(expected, (await client.WaitForResultsAsync(poll, r => r.Respondents() == Viewers)).Counts());
                Assert.Single(client.ResultMessages(poll));
            }

            Assert.Equal(expected, (await moderator.SnapshotAsync(ev.Id)).Poll(poll).GetProperty("results").Counts());
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_moderators_poll_action_on_an_older_version_is_refused_as_stale_and_changes_nothing()
    {
        var ev = await fixture.CreateEventAsync();
        await using var first = await fixture.ModeratorAsync(ev);
        await using var second = await fixture.ModeratorAsync(ev, "moderator 2");
        var poll = await fixture.PrepareAsync(ev, new PollDraft(null, PollKind.WordCloud, "Ein Wort zum Onlinezugang?", [], MaxChoices: 2));
        var opened = await first.PollAsync("OpenPoll", ev.Id, poll, (int?)null);
        var seen = opened.GetProperty("version").GetInt64();
        Assert.Equal(seen, await second.Client.PollVersionAsync(ev.Id, poll));

        // The first moderator closes it; the second still has the open poll in view.
        var closed = await first.InvokeAsync("ClosePoll", ev.Id, poll, seen);
        Assert.Equal(seen + 1, closed.GetProperty("version").GetInt64());
        var before = await fixture.StoredPollStateAsync(ev.Id);

        // Stale comes before the state: closing the closed poll again is "stale", not "invalid-transition".
        Assert.Equal("stale", await QuestionCalls.RefusedAsync(() => second.InvokeAsync("ClosePoll", ev.Id, poll, seen)));
        Assert.Equal("stale", await QuestionCalls.RefusedAsync(() => second.InvokeAsync("RevealPollResults", ev.Id, poll, seen, true)));
        Assert.Equal("stale", await QuestionCalls.RefusedAsync(() => second.InvokeAsync("HidePollWord", ev.Id, poll, seen, "Portal", true)));
        Assert.Equal("stale", await QuestionCalls.RefusedAsync(() => second.InvokeAsync("OpenPoll", ev.Id, poll, seen, (int?)null)));
        Assert.Equal(before, await fixture.StoredPollStateAsync(ev.Id));

        // With the version the closing announced, the same action goes through.
        var revealed = await second.InvokeAsync("RevealPollResults", ev.Id, poll, seen + 1, true);
        Assert.True(revealed.GetProperty("revealed").GetBoolean());
        Assert.Equal(seen + 2, revealed.GetProperty("version").GetInt64());
        // A hidden word is a change of the poll too: it has a new version.
        Assert.Equal(seen + 3, (await second.InvokeAsync("HidePollWord", ev.Id, poll, seen + 2, "Portal", true)).GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData(HubCaller.Viewer)]
    [InlineData(HubCaller.UnassignedModerator)]
    public async Task Only_moderators_of_the_event_run_its_polls(HubCaller caller)
    {
        var ev = await fixture.CreateEventAsync();
        var poll = await fixture.PrepareAsync(ev, PollCalls.Choice());
        await using var client = await fixture.ConnectAsync(caller, ev.Id);
        await client.InvokeAsync("JoinEvent", ev.Slug);
        await using var presenter = await fixture.PresenterAsync(ev);
        var before = await fixture.StoredPollStateAsync(ev.Id);

        foreach (var c in new[] { client, presenter.Client })
        {
            Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => c.InvokeAsync("OpenPoll", ev.Id, poll, 1L, (int?)null)));
            Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => c.InvokeAsync("ClosePoll", ev.Id, poll, 1L)));
            Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => c.InvokeAsync("RevealPollResults", ev.Id, poll, 1L, true)));
            Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => c.InvokeAsync("HidePollWord", ev.Id, poll, 1L, "x", true)));
            Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => c.InvokeAsync("ModeratePollAnswer", ev.Id, 1L, true)));
        }

        Assert.Equal(before, await fixture.StoredPollStateAsync(ev.Id));
        await using var organiser = await fixture.OrganiserAsync(ev);
        Assert.Equal("open", (await organiser.PollAsync("OpenPoll", ev.Id, poll, (int?)null)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Poll_changes_are_numbered_and_prepared_polls_raise_only_the_moderators_number()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var (seq, modSeq) = await fixture.SeqsAsync(ev.Id);

        var poll = await fixture.PrepareAsync(ev, PollCalls.Choice());
        Assert.Equal((seq, modSeq + 1), await fixture.SeqsAsync(ev.Id));
        Assert.Equal(modSeq + 1, (await moderator.Client.WaitForAsync(PollMessageNames.PollChanged)).Seq());
        Assert.Empty((await viewer.SnapshotAsync(ev.Id)).GetProperty("polls").EnumerateArray());

        await moderator.PollAsync("OpenPoll", ev.Id, poll, (int?)null);
        var opened = await viewer.Client.WaitForAsync(PollMessageNames.PollChanged);
        Assert.Equal(seq + 1, opened.Seq());
        Assert.Equal("open", opened.GetProperty("poll").GetProperty("state").GetString());
        Assert.Equal(["Ja", "Nein", "Weiß nicht"], opened.GetProperty("poll").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("text").GetString()));
        var snapshot = await viewer.SnapshotAsync(ev.Id);
        Assert.Equal(seq + 1, snapshot.Seq());
        Assert.Equal("open", snapshot.Poll(poll).GetProperty("state").GetString());

        // Answers are not numbered: they change neither stream's number.
        await viewer.InvokeAsync("AnswerPoll", ev.Id, poll, new { choices = new[] { 1 } });
        Assert.Equal((seq + 1, modSeq + 2), await fixture.SeqsAsync(ev.Id));
    }

    [Fact]
    public async Task Ending_the_event_closes_every_open_poll_in_the_same_numbered_change()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var first = await fixture.PrepareAsync(ev, PollCalls.Choice("Erste Frage?"));
        var second = await fixture.PrepareAsync(ev, PollCalls.Choice("Zweite Frage?"));
        var prepared = await fixture.PrepareAsync(ev, PollCalls.Choice("Nie geöffnet?"));
        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.PollAsync("OpenPoll", ev.Id, first, (int?)null);
        await moderator.PollAsync("OpenPoll", ev.Id, second, 600);
        var (seq, _) = await fixture.SeqsAsync(ev.Id);

        fixture.App.Time.Advance(TimeSpan.FromMinutes(1));
        await moderator.ClockAsync("EndEvent", ev.Id);

        // The viewer's numbered stream from the end: the clock's change, then both closings, numbered one after the other.
        var stream = await viewer.Client.WaitUntilAsync(
            all => all.Count(m => Describe(m).EndsWith(" closed", StringComparison.Ordinal)) == 2,
            all => $"not both polls closed: {string.Join(" | ", all.Select(Describe))}");
        Assert.Equal(
            ["ClockChanged endEvent", $"PollChanged {first} closed", $"PollChanged {second} closed"],
            stream.Where(m => m.Target != PollMessageNames.PollResultsChanged && m.Argument.TryGetProperty("seq", out var s) && s.GetInt64() > seq).Select(Describe));
        foreach (var (poll, expectedSeq) in new[] { (first, seq + 2), (second, seq + 3) })
        {
            var closed = await viewer.Client.WaitForAsync(
                PollMessageNames.PollChanged, m => m.GetProperty("poll").GetProperty("id").GetInt64() == poll && m.GetProperty("poll").GetProperty("state").GetString() == "closed");
            Assert.Equal(expectedSeq, closed.Seq());
            Assert.Equal(fixture.App.Time.GetUtcNow(), closed.GetProperty("poll").GetProperty("closedAt").GetDateTimeOffset());
        }

        var snapshot = await moderator.SnapshotAsync(ev.Id);
        Assert.Equal("closed", snapshot.Poll(first).GetProperty("state").GetString());
        Assert.Equal("closed", snapshot.Poll(second).GetProperty("state").GetString());
        Assert.Equal("prepared", snapshot.Poll(prepared).GetProperty("state").GetString());
        Assert.Equal("poll-closed", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AnswerPoll", ev.Id, second, new { choices = new[] { 1 } })));
    }

    private static string Describe(ServerMessage m) => m.Target == PollMessageNames.PollChanged
        ? $"{m.Target} {m.Argument.GetProperty("poll").GetProperty("id").GetInt64()} {m.Argument.GetProperty("poll").GetProperty("state").GetString()}"
        : $"{m.Target} {(m.Argument.TryGetProperty("command", out var c) ? c.ToString() : "")}";
}
