using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Questions;

/// <summary>
/// Anonymous viewers get an id from the server, ask questions that are cleaned and stored as text,
/// see their own pending questions and may withdraw them; a retried submission is never stored twice.
/// </summary>
public sealed class AskingTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task IdentifyViewer_issues_a_new_id_and_the_token_brings_the_same_id_back_on_another_connection()
    {
        var ev = await fixture.CreateEventAsync();
        await using var first = await fixture.ViewerAsync(ev);
        await using var again = await fixture.ViewerAsync(ev, token: first.Token);
        await using var stranger = await fixture.ViewerAsync(ev);

        Assert.False(string.IsNullOrEmpty(first.ViewerId));
        Assert.False(string.IsNullOrEmpty(first.Token));
        Assert.Equal(first.ViewerId, again.ViewerId);
        Assert.NotEqual(first.ViewerId, stranger.ViewerId);
    }

    [Theory]
    [InlineData("kein-gültiges-token")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task IdentifyViewer_with_a_forged_or_empty_token_gets_a_fresh_id(string forged)
    {
        var ev = await fixture.CreateEventAsync();
        await using var victim = await fixture.ViewerAsync(ev);
        await using var forger = await fixture.ViewerAsync(ev, token: forged);
        // Sending someone's viewer id as if it were a token proves nothing either.
        await using var impostor = await fixture.ViewerAsync(ev, token: victim.ViewerId);

        Assert.NotEqual(victim.ViewerId, forger.ViewerId);
        Assert.NotEqual(victim.ViewerId, impostor.ViewerId);
        Assert.NotEqual(forger.Token, forged);
    }

    [Fact]
    public async Task AskQuestion_stores_a_pending_question_before_it_answers_and_tells_the_author_it_waits_for_approval()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        var clientId = QuestionCalls.NewClientId();

        var own = await viewer.AskAsync(ev.Id, "Wo beantrage ich den Voucher?", clientId, "Kim Beispiel", "Kreis Offenbach");

        // The answer comes after the commit: a fresh connection to the file already sees the row.
        await using (var connection = App.Get<Database>().Open())
        {
            var row = await connection.QuerySingleAsync<(string Text, string Status, string ViewerId)>(
                "SELECT text, status, viewer_id FROM questions WHERE id = @id", new { id = own.Id() });
            Assert.Equal(("Wo beantrage ich den Voucher?", "pending", viewer.ViewerId!), row);
        }

        Assert.Equal("pending", own.Status());
        Assert.Equal(clientId, own.GetProperty("clientId").GetString());
        Assert.Equal("Kim Beispiel", own.GetProperty("displayName").GetString());
        Assert.Equal("Kreis Offenbach", own.GetProperty("organisation").GetString());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("blockNumber").ValueKind);

        var snapshot = await viewer.SnapshotAsync(ev.Id);
        var mine = Assert.Single(snapshot.GetProperty("myQuestions").EnumerateArray());
        Assert.Equal(own.Id(), mine.Id());
        Assert.Equal("pending", mine.Status());
        Assert.Empty(snapshot.GetProperty("publicQuestions").EnumerateArray());
    }

    [Fact]
    public async Task AskQuestion_without_a_name_or_organisation_is_anonymous()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);

        var own = await viewer.AskAsync(ev.Id, "Gibt es eine Frist?", displayName: "   ", organisation: "");

        Assert.Equal(JsonValueKind.Null, own.GetProperty("displayName").ValueKind);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("organisation").ValueKind);
        var stored = await fixture.StoredAsync(own.Id());
        Assert.Null(stored.DisplayName);
        Assert.Null(stored.Organisation);
    }

    [Theory]
    [InlineData("  Wo\tbeantrage\r\n\r\nich   den\u00a0Voucher?  ", "Wo beantrage ich den Voucher?")]
    [InlineData("Fra\u0000ge\u0007 mit \u202Eumgedrehter\u202C Richtung", "Frage mit umgedrehter Richtung")]
    [InlineData("<script>alert('x')</script> & <b>fett</b>", "<script>alert('x')</script> & <b>fett</b>")]
    public async Task AskQuestion_collapses_whitespace_removes_control_characters_and_keeps_markup_as_plain_text(string typed, string expected)
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        await using var moderator = await fixture.ModeratorAsync(ev);

        var own = await viewer.AskAsync(ev.Id, typed);
        var queued = await moderator.Client.WaitForAsync("QueueChanged");

        Assert.Equal(expected, own.Text());
        Assert.Equal(expected, (await fixture.StoredAsync(own.Id())).Text);
        Assert.Equal(expected, (await fixture.StoredAsync(own.Id())).OriginalText);
        // Sent as a JSON string, character for character: nothing is interpreted or escaped into entities.
        Assert.Equal(expected, queued.GetProperty("questions")[0].Text());
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("  a \t\n ")]
    [InlineData("\u200B\u200Bab\u0000\u0007")]
    [InlineData("")]
    [InlineData(null)]
    public async Task AskQuestion_refuses_a_text_shorter_than_3_characters_after_cleaning(string? text)
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        var before = await fixture.StoredStateAsync(ev.Id);

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, text!)));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task AskQuestion_takes_3_to_500_characters_counted_after_trimming()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);

        Assert.Equal("Wie", (await viewer.AskAsync(ev.Id, "  Wie  ")).Text());
        var longest = new string('ä', 500);
        Assert.Equal(longest, (await viewer.AskAsync(ev.Id, "   " + longest + "\n")).Text());
        // Emoji count as one character each, as the page's counter counts them.
        Assert.Equal(500, QuestionText.Length((await viewer.AskAsync(ev.Id, string.Concat(Enumerable.Repeat("👍", 500)))).Text()));

        var before = await fixture.StoredStateAsync(ev.Id);
        var error = await Assert.ThrowsAsync<HubCallException>(() => viewer.AskAsync(ev.Id, new string('x', 501)));
        Assert.Equal("invalid-argument", error.Code);
        Assert.Contains("3 bis 500 Zeichen", error.Message);
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Theory]
    [InlineData("K")]
    [InlineData("  K\u200B ")]
    public async Task AskQuestion_refuses_a_name_under_2_characters(string name)
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Frage mit kurzem Namen", displayName: name)));
        Assert.Empty(await fixture.StoredQuestionsAsync(ev.Id));
    }

    [Fact]
    public async Task AskQuestion_takes_names_of_2_to_40_and_organisations_of_up_to_80_characters()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);

        Assert.Equal("Jo", (await viewer.AskAsync(ev.Id, "Frage eins", displayName: "Jo")).GetProperty("displayName").GetString());
        Assert.Equal(new string('N', 40), (await viewer.AskAsync(ev.Id, "Frage zwei", displayName: new string('N', 40))).GetProperty("displayName").GetString());
        Assert.Equal(new string('O', 80), (await viewer.AskAsync(ev.Id, "Frage drei", organisation: new string('O', 80))).GetProperty("organisation").GetString());

        var before = await fixture.StoredStateAsync(ev.Id);
        var name = await Assert.ThrowsAsync<HubCallException>(() => viewer.AskAsync(ev.Id, "Frage vier", displayName: new string('N', 41)));
        Assert.Equal("invalid-argument", name.Code);
        Assert.Contains("Name", name.Message);
        var org = await Assert.ThrowsAsync<HubCallException>(() => viewer.AskAsync(ev.Id, "Frage fünf", organisation: new string('O', 81)));
        Assert.Equal("invalid-argument", org.Code);
        Assert.Contains("Organisation", org.Message);
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task A_question_belongs_to_the_running_block_unless_the_viewer_chooses_one()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        await using var moderator = await fixture.ModeratorAsync(ev);

        Assert.Equal(JsonValueKind.Null, (await viewer.AskAsync(ev.Id, "Vor dem Start gefragt")).GetProperty("blockNumber").ValueKind);
        Assert.Equal(3, (await viewer.AskAsync(ev.Id, "Vorab zu Block 3", blockNumber: 3)).GetProperty("blockNumber").GetInt32());

        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.ClockAsync("StartBlock", ev.Id, 2);

        Assert.Equal(2, (await viewer.AskAsync(ev.Id, "Während Block 2 gefragt")).GetProperty("blockNumber").GetInt32());
        Assert.Equal(1, (await viewer.AskAsync(ev.Id, "Nachträglich zu Block 1", blockNumber: 1)).GetProperty("blockNumber").GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public async Task AskQuestion_for_a_block_that_does_not_exist_is_refused(int block)
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);

        Assert.Equal("block-not-found", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Zu welchem Block?", blockNumber: block)));
        Assert.Empty(await fixture.StoredQuestionsAsync(ev.Id));
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_client_id_after_a_reconnect_is_stored_once()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var clientId = QuestionCalls.NewClientId();
        JsonElement first;
        string token;
        await using (var viewer = await fixture.ViewerAsync(ev))
        {
            token = viewer.Token!;
            first = await viewer.AskAsync(ev.Id, "Wann kommt die Förderung?", clientId);
        }

        // The browser lost its connection before it saw the answer and sends the question again.
        await using var reconnected = await fixture.ViewerAsync(ev, token: token);
        var retried = await reconnected.AskAsync(ev.Id, "Wann kommt die Förderung?", clientId);
        var retriedAgain = await reconnected.AskAsync(ev.Id, "Wann kommt die Förderung?", clientId);

        Assert.Equal(first.Id(), retried.Id());
        Assert.Equal(first.Id(), retriedAgain.Id());
        Assert.Single(await fixture.StoredQuestionsAsync(ev.Id));
        await moderator.SnapshotAsync(ev.Id);
        Assert.Single(moderator.Messages("QueueChanged"));
        Assert.Single(await fixture.AuditAsync(ev.Id), a => a.Action == "ask");
    }

    [Fact]
    public async Task Concurrent_retries_from_two_tabs_of_one_viewer_store_one_question()
    {
        var ev = await fixture.CreateEventAsync();
        await using var tab1 = await fixture.ViewerAsync(ev);
        await using var tab2 = await fixture.ViewerAsync(ev, token: tab1.Token);
        await using var tab3 = await fixture.ViewerAsync(ev, token: tab1.Token);
        var clientId = QuestionCalls.NewClientId();

        var answers = await Task.WhenAll(
            tab1.AskAsync(ev.Id, "Dieselbe Frage dreimal", clientId),
            tab2.AskAsync(ev.Id, "Dieselbe Frage dreimal", clientId),
            tab3.AskAsync(ev.Id, "Dieselbe Frage dreimal", clientId));

        Assert.Single(answers.Select(a => a.Id()).Distinct());
        Assert.Single(await fixture.StoredQuestionsAsync(ev.Id));
    }

    [Fact]
    public async Task A_client_id_already_used_by_another_viewer_is_refused_and_the_first_question_is_untouched()
    {
        var ev = await fixture.CreateEventAsync();
        await using var author = await fixture.ViewerAsync(ev);
        await using var other = await fixture.ViewerAsync(ev);
        var clientId = QuestionCalls.NewClientId();
        var original = await author.AskAsync(ev.Id, "Die erste Frage", clientId);
        var before = await fixture.StoredStateAsync(ev.Id);

        var error = await Assert.ThrowsAsync<HubCallException>(() => other.AskAsync(ev.Id, "Eine andere Frage", clientId));

        Assert.Equal("invalid-argument", error.Code);
        Assert.DoesNotContain("Die erste Frage", error.Message);
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
        Assert.Equal("Die erste Frage", (await fixture.StoredAsync(original.Id())).Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mit Leerzeichen")]
    [InlineData("<script>")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public async Task AskQuestion_with_a_malformed_client_id_is_refused(string clientId)
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Frage mit kaputter Kennung", clientId)));
        Assert.Empty(await fixture.StoredQuestionsAsync(ev.Id));
    }

    [Fact]
    public async Task AskQuestion_before_IdentifyViewer_is_refused_with_viewer_required()
    {
        var ev = await fixture.CreateEventAsync();
        await using var anonymous = await fixture.AnonymousAsync(ev);

        Assert.Equal("viewer-required", await QuestionCalls.RefusedAsync(() => anonymous.AskAsync(ev.Id, "Ohne Kennung gefragt")));
        Assert.Equal("viewer-required", await QuestionCalls.RefusedAsync(() => anonymous.InvokeAsync("Vote", ev.Id, 1L, true)));
        Assert.Empty(await fixture.StoredQuestionsAsync(ev.Id));
    }

    [Fact]
    public async Task AskQuestion_in_a_draft_an_ended_or_an_unknown_event_is_refused()
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        var ended = await fixture.CreateEventAsync();
        await using var organiser = await fixture.OrganiserAsync(ended);
        await organiser.ClockAsync("StartEvent", ended.Id);
        await organiser.ClockAsync("EndEvent", ended.Id);
        await using var viewer = await fixture.ViewerAsync(ended);

        Assert.Equal("event-not-found", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(draft.Id, "Frage an einen Entwurf")));
        Assert.Equal("questions-closed", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ended.Id, "Frage nach dem Ende")));
        Assert.Equal("event-not-found", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(987654, "Frage ins Leere")));
        Assert.Empty(await fixture.StoredQuestionsAsync(draft.Id));
        Assert.Empty(await fixture.StoredQuestionsAsync(ended.Id));
    }

    [Fact]
    public async Task The_author_sees_their_pending_question_on_every_tab_and_other_viewers_do_not()
    {
        var ev = await fixture.CreateEventAsync();
        await using var tab1 = await fixture.ViewerAsync(ev, "tab 1");
        await using var tab2 = await fixture.ViewerAsync(ev, "tab 2", token: tab1.Token);
        await using var other = await fixture.ViewerAsync(ev, "other");

        var own = await tab1.AskAsync(ev.Id, "Sieht das nur die Person, die fragt?");

        var onTab2 = await tab2.Client.WaitForAsync("MyQuestionsChanged");
        var shown = Assert.Single(onTab2.GetProperty("questions").EnumerateArray());
        Assert.Equal(own.Id(), shown.Id());
        Assert.Equal("pending", shown.Status());
        Assert.Equal(own.Id(), Assert.Single((await tab2.SnapshotAsync(ev.Id)).GetProperty("myQuestions").EnumerateArray()).Id());

        var otherSnapshot = await other.SnapshotAsync(ev.Id);
        Assert.Empty(otherSnapshot.GetProperty("myQuestions").EnumerateArray());
        Assert.Empty(otherSnapshot.GetProperty("publicQuestions").EnumerateArray());
        Assert.Empty(other.Received);
    }

    [Fact]
    public async Task The_author_withdraws_a_pending_question_and_moderators_see_it_withdrawn()
    {
        var ev = await fixture.CreateEventAsync();
        await using var author = await fixture.ViewerAsync(ev);
        await using var moderator = await fixture.ModeratorAsync(ev);
        var own = await author.AskAsync(ev.Id, "Doch nicht so wichtig");

        var withdrawn = await author.InvokeAsync("WithdrawQuestion", ev.Id, own.Id());

        Assert.Equal("withdrawn", withdrawn.Status());
        Assert.Equal(QuestionStatus.Withdrawn, (await fixture.StoredAsync(own.Id())).Status);
        var queued = await moderator.WaitForCountAsync("QueueChanged", 2);
        Assert.Equal("withdrawn", queued[1].GetProperty("questions")[0].Status());
        var mine = await author.Client.WaitForAsync("MyQuestionsChanged", m => m.GetProperty("questions")[0].Status() == "withdrawn");
        Assert.Equal(own.Id(), mine.GetProperty("questions")[0].Id());
    }

    [Fact]
    public async Task Withdrawing_someone_elses_question_fails_as_question_not_found_and_changes_nothing()
    {
        var ev = await fixture.CreateEventAsync();
        await using var author = await fixture.ViewerAsync(ev);
        await using var intruder = await fixture.ViewerAsync(ev);
        await using var anonymous = await fixture.AnonymousAsync(ev);
        var own = await author.AskAsync(ev.Id, "Meine Frage, nicht deine");
        var before = await fixture.StoredStateAsync(ev.Id);

        var error = await Assert.ThrowsAsync<HubCallException>(() => intruder.InvokeAsync("WithdrawQuestion", ev.Id, own.Id()));
        var unknown = await Assert.ThrowsAsync<HubCallException>(() => intruder.InvokeAsync("WithdrawQuestion", ev.Id, own.Id() + 1000));

        // Someone else's question answers exactly like a missing one.
        Assert.Equal("question-not-found", error.Code);
        Assert.Equal(unknown.Message, error.Message);
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => anonymous.InvokeAsync("WithdrawQuestion", ev.Id, own.Id())));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task Withdrawing_an_approved_question_is_refused()
    {
        var ev = await fixture.CreateEventAsync();
        await using var author = await fixture.ViewerAsync(ev);
        await using var moderator = await fixture.ModeratorAsync(ev);
        var approved = await fixture.ApprovedAsync(ev, author, moderator, "Schon freigegeben");
        var before = await fixture.StoredStateAsync(ev.Id);

        Assert.Equal("invalid-transition", await QuestionCalls.RefusedAsync(() => author.InvokeAsync("WithdrawQuestion", ev.Id, approved.Id())));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task A_question_withdrawn_through_the_wrong_event_is_not_found()
    {
        var ev = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using var author = await fixture.ViewerAsync(ev);
        var own = await author.AskAsync(ev.Id, "Frage in der ersten Sendung");
        var before = await fixture.StoredStateAsync(ev.Id);

        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => author.InvokeAsync("WithdrawQuestion", other.Id, own.Id())));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"Frage als Text\"")]
    [InlineData("{\"clientId\":\"abc\",\"text\":17}")]
    public async Task AskQuestion_with_a_malformed_payload_gets_invalid_argument_and_the_connection_stays(string payload)
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);

        var arguments = JsonSerializer.Deserialize<JsonElement>(payload);
        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("AskQuestion", ev.Id, arguments)));

        Assert.Empty(await fixture.StoredQuestionsAsync(ev.Id));
        Assert.Equal("Die Verbindung hält", (await viewer.AskAsync(ev.Id, "Die Verbindung hält")).Text());
    }
}
