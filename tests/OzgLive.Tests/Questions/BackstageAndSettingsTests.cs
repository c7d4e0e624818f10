using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Questions;

/// <summary>
/// The moderators' other tools: backstage notes to the presenter screen, auto-approve, pausing and
/// closing questions for the event or a block, questions carried in from elsewhere, pinning and
/// moving. And who may use them: nobody below moderator of this very event.
/// </summary>
public sealed class BackstageAndSettingsTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task A_backstage_note_shows_on_the_presenter_screen_until_dismissed_and_never_reaches_viewers()
    {
        var ev = await fixture.CreateEventAsync();
        await using var sender = await fixture.ModeratorAsync(ev, "sender");
        await using var colleague = await fixture.ModeratorAsync(ev, "colleague");
        await using var presenter = await fixture.PresenterAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var seqs = await fixture.SeqsAsync(ev.Id);

        var active = await sender.InvokeAsync("SendBackstageMessage", ev.Id, "  Noch\tzwei Minuten,\u0007 bitte zum Schluss kommen  ");

        var note = Assert.Single(active.EnumerateArray());
        Assert.Equal("Noch zwei Minuten, bitte zum Schluss kommen", note.GetProperty("text").GetString());
        foreach (var screen in new[] { presenter, colleague, sender })
        {
            var shown = await screen.Client.WaitForAsync("BackstageChanged");
            Assert.Equal(ev.Id, shown.GetProperty("eventId").GetInt64());
            Assert.Equal(note.GetRawText(), Assert.Single(shown.GetProperty("messages").EnumerateArray()).GetRawText());
        }

        // Still there for a presenter screen that opens later (same key, read from the moderator's snapshot).
        var key = (await sender.SnapshotAsync(ev.Id)).GetProperty("presenterKey").GetString()!;
        await using (var later = await fixture.PresenterWithKeyAsync(ev, key, "second screen"))
        {
            Assert.Equal("Noch zwei Minuten, bitte zum Schluss kommen", Assert.Single(later.Joined.GetProperty("backstage").EnumerateArray()).GetProperty("text").GetString());
        }

        // Backstage notes are not numbered changes of the event.
        Assert.Equal(seqs, await fixture.SeqsAsync(ev.Id));

        var remaining = await colleague.InvokeAsync("DismissBackstageMessage", ev.Id, note.GetProperty("id").GetInt64());

        Assert.Empty(remaining.EnumerateArray());
        await presenter.Client.WaitForAsync("BackstageChanged", m => m.GetProperty("messages").GetArrayLength() == 0);
        Assert.Empty((await presenter.SnapshotAsync(ev.Id)).GetProperty("backstage").EnumerateArray());
        Assert.Equal("message-not-found", await QuestionCalls.RefusedAsync(() => sender.InvokeAsync("DismissBackstageMessage", ev.Id, note.GetProperty("id").GetInt64())));

        var viewerSnapshot = await viewer.SnapshotAsync(ev.Id);
        Assert.Equal(JsonValueKind.Null, viewerSnapshot.GetProperty("backstage").ValueKind);
        Assert.Empty(viewer.Messages("BackstageChanged"));
        Assert.DoesNotContain(viewer.Received, m => m.Argument.GetRawText().Contains("Minuten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_backstage_notes_stay_in_order_and_are_dismissed_one_by_one()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Erste Notiz");
        await moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Zweite Notiz");
        var all = await moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Dritte Notiz");

        var ids = all.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToList();
        var left = await moderator.InvokeAsync("DismissBackstageMessage", ev.Id, ids[1]);

        Assert.Equal(["Erste Notiz", "Dritte Notiz"], left.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \u200B  ")]
    [InlineData(null)]
    public async Task An_empty_backstage_note_is_refused(string? text)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var before = await fixture.StoredStateAsync(ev.Id);

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("SendBackstageMessage", ev.Id, text)));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task A_backstage_note_holds_280_characters_and_no_more()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);

        Assert.Single((await moderator.InvokeAsync("SendBackstageMessage", ev.Id, new string('b', 280))).EnumerateArray());
        var before = await fixture.StoredStateAsync(ev.Id);
        var error = await Assert.ThrowsAsync<HubCallException>(() => moderator.InvokeAsync("SendBackstageMessage", ev.Id, new string('b', 281)));
        Assert.Equal("invalid-argument", error.Code);
        Assert.Contains("280", error.Message);
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task A_backstage_note_of_another_event_cannot_be_dismissed_from_this_one()
    {
        var ev = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev, "moderator", other.Id);
        var note = (await moderator.InvokeAsync("SendBackstageMessage", other.Id, "Für die andere Sendung"))[0];
        var before = await fixture.StoredStateAsync(other.Id);

        Assert.Equal("message-not-found", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("DismissBackstageMessage", ev.Id, note.GetProperty("id").GetInt64())));
        Assert.Equal(before, await fixture.StoredStateAsync(other.Id));
    }

    [Fact]
    public async Task Auto_approve_makes_new_questions_public_at_once_and_every_client_hears_of_the_switch()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var before = await author.AskAsync(ev.Id, "Vor dem Umschalten gefragt");
        var (seq, modSeq) = await fixture.SeqsAsync(ev.Id);

        var settings = await moderator.InvokeAsync("SetAutoApprove", ev.Id, 1L, true);

        Assert.True(settings.GetProperty("autoApprove").GetBoolean());
        Assert.Equal(2, settings.GetProperty("settingsVersion").GetInt64());
        var toViewer = await viewer.Client.WaitForAsync("QuestionSettingsChanged");
        Assert.Equal(seq + 1, toViewer.Seq());
        Assert.True(toViewer.GetProperty("settings").GetProperty("autoApprove").GetBoolean());
        Assert.Equal(modSeq + 1, (await moderator.Client.WaitForAsync("QuestionSettingsChanged")).Seq());

        var after = await author.AskAsync(ev.Id, "Nach dem Umschalten gefragt");
        Assert.Equal("approved", after.Status());
        Assert.Equal(after.Id(), (await viewer.Client.WaitForAsync("QuestionsChanged")).GetProperty("questions")[0].Id());
        Assert.NotNull((await fixture.StoredAsync(after.Id())).ApprovedAt);
        // Switching on does not approve what was already waiting.
        Assert.Equal(QuestionStatus.Pending, (await fixture.StoredAsync(before.Id())).Status);

        await moderator.InvokeAsync("SetAutoApprove", ev.Id, 2L, false);
        Assert.Equal("pending", (await author.AskAsync(ev.Id, "Wieder ohne Automatik")).Status());
    }

    [Fact]
    public async Task Pausing_or_closing_questions_for_the_event_refuses_new_ones_with_their_own_codes()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var pending = await viewer.AskAsync(ev.Id, "Vor der Pause gestellt");

        await moderator.InvokeAsync("SetQuestionsState", ev.Id, 1L, "paused", null);
        var paused = await Assert.ThrowsAsync<HubCallException>(() => viewer.AskAsync(ev.Id, "Während der Pause"));
        Assert.Equal("questions-paused", paused.Code);
        Assert.Contains("pausiert", paused.Message);
        Assert.Equal("paused", (await viewer.SnapshotAsync(ev.Id)).GetProperty("questions").GetProperty("questionsState").GetString());

        // While paused, moderators still work through the queue and viewers still vote.
        Assert.Equal("approved", (await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, pending.Id())).Status());
        Assert.Equal(1, (await viewer.InvokeAsync("Vote", ev.Id, pending.Id(), true)).GetProperty("votes").GetInt32());

        await moderator.InvokeAsync("SetQuestionsState", ev.Id, 2L, "closed", null);
        Assert.Equal("questions-closed", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Nach dem Schließen")));

        await moderator.InvokeAsync("SetQuestionsState", ev.Id, 3L, "open", null);
        Assert.Equal("pending", (await viewer.AskAsync(ev.Id, "Wieder geöffnet")).Status());
        Assert.Equal(2, (await fixture.StoredQuestionsAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task Questions_can_be_paused_or_closed_for_one_block_while_the_others_stay_open()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);

        var settings = await moderator.InvokeAsync("SetQuestionsState", ev.Id, 1L, "paused", 2);
        await moderator.InvokeAsync("SetQuestionsState", ev.Id, 2L, "closed", 3);

        Assert.Equal("open", settings.GetProperty("questionsState").GetString());
        Assert.Equal(["open", "paused", "open"], settings.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("questionsState").GetString()));
        Assert.Equal("questions-paused", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Zu Block 2", blockNumber: 2)));
        Assert.Equal("questions-closed", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Zu Block 3", blockNumber: 3)));
        Assert.Equal(1, (await viewer.AskAsync(ev.Id, "Zu Block 1", blockNumber: 1)).GetProperty("blockNumber").GetInt32());

        // While block 2 runs, a question without a chosen block belongs to it, and block 2 is paused.
        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.ClockAsync("StartBlock", ev.Id, 2);
        Assert.Equal("questions-paused", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Zum laufenden Block")));
        Assert.Equal(1, (await viewer.AskAsync(ev.Id, "Trotzdem zu Block 1", blockNumber: 1)).GetProperty("blockNumber").GetInt32());
        Assert.Equal(2, (await fixture.StoredQuestionsAsync(ev.Id)).Count);
    }

    [Theory]
    [InlineData("\"stopped\"", null, "invalid-argument")]
    [InlineData("7", null, "invalid-argument")]
    [InlineData("\"paused\"", 4, "block-not-found")]
    [InlineData("\"paused\"", 0, "block-not-found")]
    public async Task An_unknown_questions_state_or_block_is_refused_and_changes_nothing(string state, int? block, string code)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var before = await fixture.StoredStateAsync(ev.Id);

        Assert.Equal(code, await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("SetQuestionsState", ev.Id, 1L, JsonSerializer.Deserialize<JsonElement>(state), block)));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Theory]
    [InlineData("youTube")]
    [InlineData("email")]
    [InlineData("phone")]
    [InlineData("onSite")]
    [InlineData("other")]
    public async Task A_question_received_elsewhere_is_added_with_its_source_and_is_public_at_once(string source)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);

        var added = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = "  Frage\taus dem Chat  ", displayName = "Max Muster", organisation = "Stadt Kassel", source, blockNumber = 2 });

        Assert.Equal(source, added.GetProperty("source").GetString());
        Assert.Equal("approved", added.Status());
        Assert.Equal("Frage aus dem Chat", added.Text());
        Assert.Equal(0, added.GetProperty("askers").GetInt32());
        var shown = (await viewer.Client.WaitForAsync("QuestionsChanged")).GetProperty("questions")[0];
        Assert.Equal(added.Id(), shown.Id());
        Assert.Equal("Max Muster", shown.GetProperty("displayName").GetString());
        Assert.Equal(2, shown.GetProperty("blockNumber").GetInt32());
        var stored = await fixture.StoredAsync(added.Id());
        Assert.Null(stored.ViewerId);
        Assert.Equal(source, JsonNamingPolicy.CamelCase.ConvertName(stored.Source.ToString()));
    }

    [Theory]
    [InlineData("\"live\"")]
    [InlineData("\"fax\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task Adding_a_question_without_a_real_outside_source_is_refused(string source)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var before = await fixture.StoredStateAsync(ev.Id);
        var request = JsonSerializer.Deserialize<JsonElement>($"{{\"text\":\"Woher kommt die?\",\"source\":{source}}}");

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("AddQuestion", ev.Id, request)));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task Adding_a_question_checks_its_text_name_and_block_like_a_viewers()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var before = await fixture.StoredStateAsync(ev.Id);

        Task Add(string? text, string? name, int? block) =>
            moderator.InvokeAsync("AddQuestion", ev.Id, new { text, displayName = name, organisation = (string?)null, source = "phone", blockNumber = block });

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => Add("ja", null, null)));
        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => Add(null, null, null)));
        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => Add("Eine Frage am Telefon", "X", null)));
        Assert.Equal("block-not-found", await QuestionCalls.RefusedAsync(() => Add("Eine Frage am Telefon", null, 9)));
        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("AddQuestion", ev.Id, null)));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task Pinned_questions_lead_in_the_order_they_were_pinned_and_unpinning_clears_it()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var first = await fixture.ApprovedAsync(ev, author, moderator, "Wird als Zweites angeheftet");
        var second = await fixture.ApprovedAsync(ev, author, moderator, "Wird als Erstes angeheftet");

        await fixture.ActAsync(moderator, "PinQuestion", ev.Id, second.Id(), true);
        await fixture.ActAsync(moderator, "PinQuestion", ev.Id, first.Id(), true);
        // Pinning again is no change.
        var again = await fixture.ActAsync(moderator, "PinQuestion", ev.Id, first.Id(), true);

        var publicList = (await viewer.SnapshotAsync(ev.Id)).GetProperty("publicQuestions");
        Assert.True(publicList.Find(first.Id()).GetProperty("pinned").GetBoolean());
        var orderFirst = publicList.Find(first.Id()).GetProperty("moderatorOrder").GetInt32();
        var orderSecond = publicList.Find(second.Id()).GetProperty("moderatorOrder").GetInt32();
        Assert.True(orderSecond < orderFirst, $"Pinned first must lead: {orderSecond} vs {orderFirst}.");
        Assert.Equal(orderFirst, again.GetProperty("moderatorOrder").GetInt32());

        var unpinned = await fixture.ActAsync(moderator, "PinQuestion", ev.Id, second.Id(), false);
        Assert.False(unpinned.GetProperty("pinned").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unpinned.GetProperty("moderatorOrder").ValueKind);
        var change = await viewer.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("questions")[0].Id() == second.Id() && !m.GetProperty("questions")[0].GetProperty("pinned").GetBoolean());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("questions")[0].GetProperty("moderatorOrder").ValueKind);
    }

    [Fact]
    public async Task Moving_a_question_to_another_block_or_to_none_is_seen_by_viewers()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var question = await fixture.ApprovedAsync(ev, author, moderator, "Gehört eigentlich zu Block 3");

        var moved = await fixture.ActAsync(moderator, "MoveQuestion", ev.Id, question.Id(), 3);
        Assert.Equal(3, moved.GetProperty("blockNumber").GetInt32());
        Assert.Equal(3, (await viewer.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("questions")[0].GetProperty("blockNumber").ValueKind == JsonValueKind.Number)).GetProperty("questions")[0].GetProperty("blockNumber").GetInt32());

        var unassigned = await fixture.ActAsync(moderator, "MoveQuestion", ev.Id, question.Id(), (int?)null);
        Assert.Equal(JsonValueKind.Null, unassigned.GetProperty("blockNumber").ValueKind);
        Assert.Null((await fixture.StoredAsync(question.Id())).BlockNumber);

        var before = await fixture.StoredStateAsync(ev.Id);
        Assert.Equal("block-not-found", await QuestionCalls.RefusedAsync(() => fixture.ActAsync(moderator, "MoveQuestion", ev.Id, question.Id(), 4)));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    public static TheoryData<string> Refused => ["viewer", "presenter", "foreign moderator"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Every_moderator_method_is_forbidden_below_moderator_of_this_event_and_changes_nothing(string who)
    {
        var ev = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var caller = who switch
        {
            "viewer" => await fixture.ViewerAsync(ev, who),
            "presenter" => await fixture.PresenterAsync(ev),
            _ => await fixture.ForeignModeratorAsync(other, ev),
        };
        var pending = await author.AskAsync(ev.Id, "Eine wartende Frage");
        var approved = await fixture.ApprovedAsync(ev, author, moderator, "Eine freigegebene Frage");
        var note = (await moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Eine Notiz"))[0].GetProperty("id").GetInt64();
        var before = await fixture.StoredStateAsync(ev.Id);
        var (p, a) = (pending.Id(), approved.Id());

        (string Method, object?[] Args)[] calls =
        [
            ("ApproveQuestion", [ev.Id, p, 1L]),
            ("BulkApprove", [ev.Id, new[] { new { questionId = p, version = 1L } }]),
            ("RejectQuestion", [ev.Id, p, 1L, "abusive"]),
            ("EditQuestion", [ev.Id, p, 1L, "Umgeschrieben von außen"]),
            ("MergeQuestions", [ev.Id, a, approved.Version(), p, 1L]),
            ("PinQuestion", [ev.Id, a, approved.Version(), true]),
            ("MoveQuestion", [ev.Id, a, approved.Version(), 2]),
            ("StageQuestion", [ev.Id, a, approved.Version()]),
            ("UnstageQuestion", [ev.Id, a, approved.Version()]),
            ("MarkAnswered", [ev.Id, a, approved.Version(), "Von außen beantwortet"]),
            ("ReopenQuestion", [ev.Id, a, approved.Version()]),
            ("AddQuestion", [ev.Id, new { text = "Untergeschoben", source = "email" }]),
            ("SetAutoApprove", [ev.Id, 1L, true]),
            ("SetQuestionsState", [ev.Id, 1L, "closed", null]),
            ("SendBackstageMessage", [ev.Id, "Von außen an die Bühne"]),
            ("DismissBackstageMessage", [ev.Id, note]),
            ("GetAuditLog", [ev.Id]),
            ("RegeneratePresenterKey", [ev.Id]),
            ("RevokePresenterKey", [ev.Id]),
            ("SendBackstageMessageFor", [ev.Id, "Von außen an die Bühne", 5]),
            ("StartEvent", [ev.Id, 0L]),
            ("ScheduleAndStartEvent", [ev.Id, 0L]),
        ];
        foreach (var (method, args) in calls)
        {
            var error = await Assert.ThrowsAsync<HubCallException>(() => caller.InvokeAsync(method, args));
            Assert.True(error.Code == "forbidden", $"{who} calling {method}: {error.Code} ({error.Message})");
        }

        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
        await caller.SnapshotAsync(ev.Id);
        Assert.Empty(caller.Messages("QueueChanged"));
    }

    [Fact]
    public async Task A_moderator_acting_on_another_events_question_through_their_own_event_finds_nothing()
    {
        var ev = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var otherAuthor = await fixture.ViewerAsync(other);
        var foreign = await otherAuthor.AskAsync(other.Id, "Gehört zur anderen Sendung");
        var before = await fixture.StoredStateAsync(other.Id);
        var id = foreign.Id();

        (string Method, object?[] Args)[] calls =
        [
            ("ApproveQuestion", [ev.Id, id, 1L]),
            ("RejectQuestion", [ev.Id, id, 1L, "other"]),
            ("EditQuestion", [ev.Id, id, 1L, "Übernommen"]),
            ("PinQuestion", [ev.Id, id, 1L, true]),
            ("MoveQuestion", [ev.Id, id, 1L, 1]),
            ("StageQuestion", [ev.Id, id, 1L]),
            ("UnstageQuestion", [ev.Id, id, 1L]),
            ("MarkAnswered", [ev.Id, id, 1L, null]),
            ("ReopenQuestion", [ev.Id, id, 1L]),
        ];
        foreach (var (method, args) in calls)
        {
            var error = await Assert.ThrowsAsync<HubCallException>(() => moderator.InvokeAsync(method, args));
            Assert.True(error.Code == "question-not-found", $"{method}: {error.Code}");
            Assert.DoesNotContain("Gehört zur anderen Sendung", error.Message);
        }

        var bulk = await moderator.InvokeAsync("BulkApprove", ev.Id, new[] { new { questionId = id, version = 1L } });
        Assert.Empty(bulk.GetProperty("approved").EnumerateArray());
        Assert.Equal("question-not-found", bulk.GetProperty("refused")[0].GetProperty("code").GetString());
        Assert.Equal(before, await fixture.StoredStateAsync(other.Id));
    }

    [Fact]
    public async Task Moderator_methods_on_an_unknown_event_are_refused_clearly()
    {
        var ev = await fixture.CreateEventAsync();
        await using var organiser = await fixture.OrganiserAsync(ev);
        const long Missing = 424242;

        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => organiser.InvokeAsync("ApproveQuestion", Missing, 1L, 1L)));
        Assert.Equal("event-not-found", await QuestionCalls.RefusedAsync(() => organiser.InvokeAsync("SetAutoApprove", Missing, 1L, true)));
        Assert.Equal("event-not-found", await QuestionCalls.RefusedAsync(() => organiser.InvokeAsync("SendBackstageMessage", Missing, "Hallo?")));
        Assert.Equal("event-not-found", await QuestionCalls.RefusedAsync(() => organiser.InvokeAsync("AddQuestion", Missing, new { text = "Ins Leere", source = "email" })));
        Assert.Empty((await organiser.InvokeAsync("GetAuditLog", Missing)).EnumerateArray());
    }
}
