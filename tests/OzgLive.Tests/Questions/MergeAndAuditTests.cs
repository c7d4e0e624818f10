using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Questions;

/// <summary>
/// Merging duplicates (votes and askers combine, one question survives) and the audit log that
/// records every action: who, when, what, before and after.
/// </summary>
public sealed class MergeAndAuditTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task Merging_combines_votes_and_askers_into_the_survivor_and_retires_the_duplicate()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var alice = await fixture.ViewerAsync(ev, "Alice");
        await using var bob = await fixture.ViewerAsync(ev, "Bob");
        await using var voter1 = await fixture.ViewerAsync(ev, "voter 1");
        await using var voter2 = await fixture.ViewerAsync(ev, "voter 2");
        await using var voter3 = await fixture.ViewerAsync(ev, "voter 3");
        var survivor = await fixture.ApprovedAsync(ev, alice, moderator, "Wann wird die Förderung ausgezahlt?");
        var duplicate = await fixture.ApprovedAsync(ev, bob, moderator, "Wann kommt das Fördergeld?");
        await voter1.InvokeAsync("Vote", ev.Id, survivor.Id(), true);
        await voter2.InvokeAsync("Vote", ev.Id, survivor.Id(), true);
        // voter 2 voted for both: after the merge that is still one vote.
        await voter2.InvokeAsync("Vote", ev.Id, duplicate.Id(), true);
        await voter3.InvokeAsync("Vote", ev.Id, duplicate.Id(), true);
        var seq = (await fixture.SeqsAsync(ev.Id)).Seq;

        var merged = await moderator.InvokeAsync(
            "MergeQuestions", ev.Id, survivor.Id(), (await fixture.StoredAsync(survivor.Id())).Version, duplicate.Id(), (await fixture.StoredAsync(duplicate.Id())).Version);

        Assert.Equal(survivor.Id(), merged.Id());
        Assert.Equal(3, merged.GetProperty("votes").GetInt32());
        Assert.Equal(2, merged.GetProperty("askers").GetInt32());
        Assert.Equal("approved", merged.Status());
        var stored = await fixture.StoredAsync(survivor.Id());
        Assert.Equal(3, stored.Votes);
        var retired = await fixture.StoredAsync(duplicate.Id());
        Assert.Equal(QuestionStatus.Merged, retired.Status);
        Assert.Equal(survivor.Id(), retired.MergedIntoId);

        // Viewers: the survivor with its new count and the duplicate gone, in one numbered change.
        var change = await voter1.Client.WaitForAsync("QuestionsChanged", m => m.Seq() == seq + 1);
        Assert.Equal([duplicate.Id()], change.GetProperty("removed").IdArray());
        Assert.Equal(3, change.GetProperty("questions").Find(survivor.Id()).GetProperty("votes").GetInt32());
        var publicList = (await voter3.SnapshotAsync(ev.Id)).GetProperty("publicQuestions");
        Assert.Equal([survivor.Id()], publicList.Ids());

        // Voters of the duplicate now count for the survivor: voting again changes nothing.
        Assert.Contains(survivor.Id(), (await voter3.SnapshotAsync(ev.Id)).GetProperty("myVotes").IdArray());
        Assert.Equal(3, (await voter3.InvokeAsync("Vote", ev.Id, survivor.Id(), true)).GetProperty("votes").GetInt32());

        // Bob sees that his question was merged, and into which.
        var bobs = (await bob.SnapshotAsync(ev.Id)).GetProperty("myQuestions").Find(duplicate.Id());
        Assert.Equal("merged", bobs.Status());
        Assert.Equal(survivor.Id(), bobs.GetProperty("mergedIntoId").GetInt64());

        var audit = await fixture.AuditAsync(ev.Id);
        Assert.Equal(["merge", "merge-into"], audit.TakeLast(2).Select(a => a.Action));
        Assert.Equal([duplicate.Id(), survivor.Id()], audit.TakeLast(2).Select(a => a.QuestionId));
    }

    [Fact]
    public async Task Merging_a_pending_duplicate_into_an_approved_question_keeps_the_duplicate_hidden()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var survivor = await fixture.ApprovedAsync(ev, author, moderator, "Die sichtbare Frage");
        await using var duplicateAuthor = await fixture.ViewerAsync(ev, "duplicate's author");
        var duplicate = await duplicateAuthor.AskAsync(ev.Id, "MARKER-DUP Die doppelte, noch nicht freigegebene Frage");
        await viewer.Client.WaitForAsync("QuestionsChanged");

        var merged = await moderator.InvokeAsync("MergeQuestions", ev.Id, survivor.Id(), survivor.Version(), duplicate.Id(), 1L);

        Assert.Equal(2, merged.GetProperty("askers").GetInt32());
        var change = await viewer.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("questions").GetArrayLength() > 0 && m.GetProperty("questions")[0].Id() == survivor.Id());
        Assert.Empty(change.GetProperty("removed").EnumerateArray());
        await viewer.SnapshotAsync(ev.Id);
        Assert.DoesNotContain(viewer.Received, m => m.Argument.GetRawText().Contains("MARKER-DUP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merge_is_refused_for_one_question_with_itself_for_stale_versions_and_across_events()
    {
        var ev = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev, "moderator", other.Id);
        await using var author = await fixture.ViewerAsync(ev);
        await using var otherAuthor = await fixture.ViewerAsync(other);
        var a = await author.AskAsync(ev.Id, "Frage A");
        var b = await author.AskAsync(ev.Id, "Frage B");
        var elsewhere = await otherAuthor.AskAsync(other.Id, "Frage aus der anderen Sendung");
        var before = await fixture.StoredStateAsync(ev.Id);
        var otherBefore = await fixture.StoredStateAsync(other.Id);

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("MergeQuestions", ev.Id, a.Id(), 1L, a.Id(), 1L)));
        Assert.Equal("stale", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("MergeQuestions", ev.Id, a.Id(), 1L, b.Id(), 7L)));
        Assert.Equal("stale", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("MergeQuestions", ev.Id, a.Id(), 3L, b.Id(), 1L)));
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("MergeQuestions", ev.Id, a.Id(), 1L, elsewhere.Id(), 1L)));
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("MergeQuestions", other.Id, elsewhere.Id(), 1L, a.Id(), 1L)));

        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
        Assert.Equal(otherBefore, await fixture.StoredStateAsync(other.Id));
    }

    [Fact]
    public async Task Every_moderation_action_is_audited_with_who_when_what_before_and_after()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var organiser = await fixture.OrganiserAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        Assert.Empty(await fixture.AuditAsync(ev.Id));

        fixture.App.Time.Advance(TimeSpan.FromMinutes(3));
        var asked = await author.AskAsync(ev.Id, "Die ursprüngliche Fassung");
        fixture.App.Time.Advance(TimeSpan.FromSeconds(10));
        await fixture.ActAsync(moderator, "EditQuestion", ev.Id, asked.Id(), "Die bearbeitete Fassung");
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        await fixture.ActAsync(organiser, "PinQuestion", ev.Id, asked.Id(), true);
        await fixture.ActAsync(moderator, "PinQuestion", ev.Id, asked.Id(), false);
        await fixture.ActAsync(moderator, "MoveQuestion", ev.Id, asked.Id(), 2);
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, asked.Id());
        await fixture.ActAsync(moderator, "UnstageQuestion", ev.Id, asked.Id());
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, asked.Id(), "Antwort");
        await fixture.ActAsync(moderator, "ReopenQuestion", ev.Id, asked.Id());
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, asked.Id(), "duplicate");
        var added = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = "Per E-Mail gekommen", displayName = (string?)null, organisation = (string?)null, source = "email", blockNumber = (int?)null });
        var withdrawn = await author.AskAsync(ev.Id, "Gleich wieder weg");
        await author.InvokeAsync("WithdrawQuestion", ev.Id, withdrawn.Id());
        var settingsVersion = (await moderator.SnapshotAsync(ev.Id)).GetProperty("questions").GetProperty("settingsVersion").GetInt64();
        await moderator.InvokeAsync("SetAutoApprove", ev.Id, settingsVersion, true);
        await moderator.InvokeAsync("SetQuestionsState", ev.Id, settingsVersion + 1, "paused", 3);
        var sent = await moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Noch fünf Minuten");
        await moderator.InvokeAsync("DismissBackstageMessage", ev.Id, sent[0].GetProperty("id").GetInt64());

        var audit = (await moderator.InvokeAsync("GetAuditLog", ev.Id)).EnumerateArray().ToList();

        Assert.Equal(
            [
                "ask", "edit", "approve", "pin", "unpin", "move", "stage", "unstage", "answer", "reopen", "reject", "add", "ask", "withdraw",
                "auto-approve-on", "questions-paused-block-3", "backstage-send", "backstage-dismiss",
            ],
            audit.Select(a => a.GetProperty("action").GetString()));
        var moderatorAccount = audit[1].GetProperty("actor").GetString();
        Assert.StartsWith("account:", moderatorAccount);
        Assert.Equal($"viewer:{author.ViewerId}", audit[0].GetProperty("actor").GetString());
        Assert.Equal($"viewer:{author.ViewerId}", audit[13].GetProperty("actor").GetString());
        Assert.NotEqual(moderatorAccount, audit[3].GetProperty("actor").GetString()); // the organiser pinned
        Assert.StartsWith("account:", audit[3].GetProperty("actor").GetString());
        Assert.All(audit.Skip(1).Where(a => a.GetProperty("action").GetString() != "withdraw" && a.GetProperty("action").GetString() != "ask" && a.GetProperty("action").GetString() != "pin"),
            a => Assert.Equal(moderatorAccount, a.GetProperty("actor").GetString()));

        // When: the app's clock at the time of the action.
        Assert.Equal(fixture.App.Time.GetUtcNow().AddSeconds(-10), audit[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(fixture.App.Time.GetUtcNow(), audit[1].GetProperty("at").GetDateTimeOffset());

        // What: the question, and its state before and after, readable.
        Assert.All(audit.Take(12), a => Assert.Equal(a.GetProperty("action").GetString() == "add" ? added.Id() : asked.Id(), a.GetProperty("questionId").GetInt64()));
        var edit = audit[1];
        var editBefore = Parse(edit, "beforeJson");
        var editAfter = Parse(edit, "afterJson");
        Assert.Equal("Die ursprüngliche Fassung", editBefore.GetProperty("text").GetString());
        Assert.Equal("Die bearbeitete Fassung", editAfter.GetProperty("text").GetString());
        Assert.Equal("Die ursprüngliche Fassung", editAfter.GetProperty("originalText").GetString());
        Assert.Equal(editBefore.GetProperty("version").GetInt64() + 1, editAfter.GetProperty("version").GetInt64());
        Assert.Equal(JsonValueKind.Null, audit[0].GetProperty("beforeJson").ValueKind);
        Assert.Equal("pending", Parse(audit[0], "afterJson").GetProperty("status").GetString());
        var reject = audit[10];
        Assert.Equal("approved", Parse(reject, "beforeJson").GetProperty("status").GetString());
        Assert.Equal("rejected", Parse(reject, "afterJson").GetProperty("status").GetString());
        Assert.Equal("duplicate", Parse(reject, "afterJson").GetProperty("rejectReason").GetString());
        Assert.Equal("email", Parse(audit[11], "afterJson").GetProperty("source").GetString());

        // Settings and backstage show before and after as well.
        Assert.False(Parse(audit[14], "beforeJson").GetProperty("autoApprove").GetBoolean());
        Assert.True(Parse(audit[14], "afterJson").GetProperty("autoApprove").GetBoolean());
        Assert.Equal("paused", Parse(audit[15], "afterJson").GetProperty("blocks")[2].GetProperty("questionsState").GetString());
        Assert.Empty(Parse(audit[16], "beforeJson").EnumerateArray());
        Assert.Equal("Noch fünf Minuten", Parse(audit[16], "afterJson")[0].GetProperty("text").GetString());
        Assert.Equal("Noch fünf Minuten", Parse(audit[17], "beforeJson")[0].GetProperty("text").GetString());
        Assert.Empty(Parse(audit[17], "afterJson").EnumerateArray());
    }

    [Fact]
    public async Task Refused_actions_and_no_op_actions_write_nothing_to_the_audit_log()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var asked = await author.AskAsync(ev.Id, "Wird nicht verändert");
        var count = (await fixture.AuditAsync(ev.Id)).Count;

        await QuestionCalls.RefusedAsync(() => fixture.ActAsync(moderator, "StageQuestion", ev.Id, asked.Id()));
        await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("ApproveQuestion", ev.Id, asked.Id(), 9L));
        await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("SetAutoApprove", ev.Id, 999L, true));
        await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("DismissBackstageMessage", ev.Id, 12345L));
        // Saving the same text again is no change at all: not even the version moves.
        var same = await fixture.ActAsync(moderator, "EditQuestion", ev.Id, asked.Id(), "  Wird nicht   verändert ");

        Assert.Equal(1, same.Version());
        Assert.Equal(count, (await fixture.AuditAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task The_audit_log_is_for_moderators_of_the_event_only_and_holds_only_its_own_entries()
    {
        var ev = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var foreign = await fixture.ForeignModeratorAsync(other, ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await using var otherViewer = await fixture.ViewerAsync(other);
        await using var presenter = await fixture.PresenterAsync(ev);
        var asked = await viewer.AskAsync(ev.Id, "Steht im Protokoll");
        await otherViewer.AskAsync(other.Id, "Steht im Protokoll der anderen Sendung");

        // The fixture's presenter made a presenter key for this event, which is logged too (without the key).
        var entries = (await moderator.InvokeAsync("GetAuditLog", ev.Id)).EnumerateArray().ToList();
        Assert.Equal(["presenter-key-renew", "ask"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(asked.Id(), entries[1].GetProperty("questionId").GetInt64());
        Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("GetAuditLog", ev.Id)));
        Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => presenter.InvokeAsync("GetAuditLog", ev.Id)));
        Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => foreign.InvokeAsync("GetAuditLog", ev.Id)));
        Assert.Equal("forbidden", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("GetAuditLog", other.Id)));
    }

    [Fact]
    public async Task A_moderator_edit_keeps_the_original_text_for_moderators_while_viewers_see_the_edit()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var approved = await fixture.ApprovedAsync(ev, author, moderator, "wie geht das mit dem antrag??? MARKER-ORIGINAL");

        var edited = await fixture.ActAsync(moderator, "EditQuestion", ev.Id, approved.Id(), "Wie stellt man den Antrag?");

        Assert.Equal("Wie stellt man den Antrag?", edited.Text());
        Assert.Equal("wie geht das mit dem antrag??? MARKER-ORIGINAL", edited.GetProperty("originalText").GetString());
        var change = await viewer.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("questions")[0].Text() == "Wie stellt man den Antrag?");
        Assert.False(change.GetProperty("questions")[0].TryGetProperty("originalText", out _));
        var snapshot = await viewer.SnapshotAsync(ev.Id);
        Assert.DoesNotContain("MARKER-ORIGINAL", snapshot.GetProperty("publicQuestions").GetRawText());
        Assert.Equal("Wie stellt man den Antrag?", (await author.SnapshotAsync(ev.Id)).GetProperty("myQuestions").Find(approved.Id()).Text());
        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => fixture.ActAsync(moderator, "EditQuestion", ev.Id, approved.Id(), " x ")));
    }

    private static JsonElement Parse(JsonElement entry, string property) =>
        JsonSerializer.Deserialize<JsonElement>(entry.GetProperty(property).GetString()!);
}
