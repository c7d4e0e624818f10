using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Questions;

/// <summary>
/// Several moderators at once: each action carries the version its moderator saw; when two race,
/// one wins and the other is refused as stale, and both consoles end with the same queue. Both
/// numbered streams stay without gaps for their own audience.
/// </summary>
public sealed class ConcurrencyTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task Two_moderators_racing_on_the_same_question_one_wins_and_the_other_is_refused_as_stale()
    {
        const int Rounds = 12;
        var ev = await fixture.CreateEventAsync();
        await using var first = await fixture.ModeratorAsync(ev, "moderator 1");
        await using var second = await fixture.ModeratorAsync(ev, "moderator 2");
        await using var author = await fixture.ViewerAsync(ev);

        for (var round = 0; round < Rounds; round++)
        {
            var asked = await author.AskAsync(ev.Id, $"Wer ist schneller? Runde {round}");
            var version = (await fixture.StoredAsync(asked.Id())).Version;
            var auditBefore = (await fixture.AuditAsync(ev.Id)).Count;

            // Both saw the same version; one approves, the other rejects, at the same moment.
            var approve = Outcome(first.InvokeAsync("ApproveQuestion", ev.Id, asked.Id(), version));
            var reject = Outcome(second.InvokeAsync("RejectQuestion", ev.Id, asked.Id(), version, "offTopic"));
            var (approveError, rejectError) = (await approve, await reject);

            Assert.True((approveError is null) ^ (rejectError is null), $"Round {round}: exactly one must win (approve: {approveError}, reject: {rejectError}).");
            Assert.Equal("stale", (approveError ?? rejectError)!.Code);
            var stored = await fixture.StoredAsync(asked.Id());
            Assert.Equal(approveError is null ? QuestionStatus.Approved : QuestionStatus.Rejected, stored.Status);
            Assert.Equal(version + 1, stored.Version);
            var audit = await fixture.AuditAsync(ev.Id);
            Assert.Equal(auditBefore + 1, audit.Count);
            Assert.Equal(approveError is null ? "approve" : "reject", audit[^1].Action);
        }
    }

    [Fact]
    public async Task The_stale_refusal_says_what_happened_and_changes_nothing()
    {
        var ev = await fixture.CreateEventAsync();
        await using var first = await fixture.ModeratorAsync(ev, "moderator 1");
        await using var second = await fixture.ModeratorAsync(ev, "moderator 2");
        await using var author = await fixture.ViewerAsync(ev);
        var asked = await author.AskAsync(ev.Id, "Zwei Moderierende, eine Frage");
        var seen = (await fixture.StoredAsync(asked.Id())).Version;
        await first.InvokeAsync("EditQuestion", ev.Id, asked.Id(), seen, "Zwei Moderierende und eine Frage");
        var before = await fixture.StoredStateAsync(ev.Id);

        var error = await Assert.ThrowsAsync<HubCallException>(() => second.InvokeAsync("EditQuestion", ev.Id, asked.Id(), seen, "Eine ganz andere Fassung"));

        Assert.Equal("stale", error.Code);
        Assert.Contains("inzwischen geändert", error.Message);
        Assert.Contains($"Stand {seen + 1}", error.Message);
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
        Assert.Equal("Zwei Moderierende und eine Frage", (await fixture.StoredAsync(asked.Id())).Text);

        // With the version from the change it missed, the second moderator's action goes through.
        var update = second.Messages("QueueChanged").Last().GetProperty("questions").Find(asked.Id());
        Assert.Equal("approved", (await second.InvokeAsync("ApproveQuestion", ev.Id, asked.Id(), update.Version())).Status());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(long.MaxValue)]
    public async Task A_version_the_question_never_had_is_refused_as_stale(long version)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var asked = await author.AskAsync(ev.Id, "Mit erfundener Version");
        var before = await fixture.StoredStateAsync(ev.Id);

        Assert.Equal("stale", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("ApproveQuestion", ev.Id, asked.Id(), version)));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task Two_busy_moderator_consoles_converge_to_the_stored_queue_with_consecutive_modSeq()
    {
        var ev = await fixture.CreateEventAsync();
        await using var first = await fixture.ModeratorAsync(ev, "moderator 1");
        await using var second = await fixture.ModeratorAsync(ev, "moderator 2");
        await using var viewer1 = await fixture.ViewerAsync(ev, "viewer 1");
        await using var viewer2 = await fixture.ViewerAsync(ev, "viewer 2");
        var ids = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await (i % 2 == 0 ? viewer1 : viewer2).AskAsync(ev.Id, $"Frage Nummer {i} an das Panel")).Id());
        }

        // Each moderator works through the queue from what their own console shows, at the same time
        // as the other: approve, pin, stage, answer, edit. Refusals (stale, or a state the other moderator
        // already moved the question past) are part of the race; the consoles must still agree afterwards.
        async Task WorkAsync(Participant moderator, int offset)
        {
            string[] actions = ["ApproveQuestion", "PinQuestion", "StageQuestion", "MarkAnswered", "EditQuestion"];
            for (var step = 0; step < 20; step++)
            {
                var id = ids[(step + offset) % ids.Count];
                var console = Reconstruct(moderator);
                var version = console[id].Version();
                var action = actions[(step + offset) % actions.Length];
                object?[] args = action switch
                {
                    "PinQuestion" => [ev.Id, id, version, true],
                    "MarkAnswered" => [ev.Id, id, version, null],
                    "EditQuestion" => [ev.Id, id, version, $"Überarbeitet von {moderator.Name} in Schritt {step}"],
                    _ => [ev.Id, id, version],
                };
                try
                {
                    await moderator.InvokeAsync(action, args);
                }
                catch (HubCallException ex) when (ex.Code is "stale" or "invalid-transition")
                {
                }

                // Let the console catch up with what it was sent, as a browser would before the next click.
                await moderator.SnapshotAsync(ev.Id);
            }
        }

        // Both consoles show all eight questions before anyone starts.
        await first.SnapshotAsync(ev.Id);
        await second.SnapshotAsync(ev.Id);
        await Task.WhenAll(WorkAsync(first, 0), WorkAsync(second, 3));

        var stored = await fixture.StoredQuestionsAsync(ev.Id);
        var fromFirst = Reconstruct(first);
        var fromSecond = Reconstruct(second);
        var fresh = (await first.SnapshotAsync(ev.Id)).GetProperty("queue").EnumerateArray().ToDictionary(q => q.Id());
        foreach (var question in stored)
        {
            Assert.Equal(question.Version, fromFirst[question.Id].Version());
            Assert.Equal(question.Version, fromSecond[question.Id].Version());
            Assert.Equal(fresh[question.Id].GetRawText(), fromFirst[question.Id].GetRawText());
            Assert.Equal(fresh[question.Id].GetRawText(), fromSecond[question.Id].GetRawText());
        }

        Assert.True(stored.Count(q => q.Status == QuestionStatus.OnStage) <= 1, "One question on stage at most.");
        Assert.Contains(stored, q => q.Status != QuestionStatus.Pending);

        // Both moderators got the same numbered changes in the same order, one apart each.
        var (seq, modSeq) = await fixture.SeqsAsync(ev.Id);
        foreach (var moderator in new[] { first, second })
        {
            var seqs = moderator.NumberedSeqs();
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => first.Joined.Seq() + i), seqs);
            Assert.Equal(modSeq, seqs[^1]);
        }

        Assert.Equal(
            first.Received.Where(m => m.Target == "QueueChanged").Select(m => m.Argument.GetRawText()),
            second.Received.Where(m => m.Target == "QueueChanged").Select(m => m.Argument.GetRawText()));

        // Viewers: their own stream, also without gaps, ending at the stored seq.
        foreach (var viewer in new[] { viewer1, viewer2 })
        {
            await viewer.SnapshotAsync(ev.Id);
            var seqs = viewer.NumberedSeqs();
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => viewer.Joined.Seq() + i), seqs);
            Assert.Equal(seq, seqs[^1]);
        }
    }

    [Fact]
    public async Task Changes_only_moderators_see_raise_modSeq_but_not_the_viewers_seq()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var (seq, modSeq) = await fixture.SeqsAsync(ev.Id);

        var pending = await author.AskAsync(ev.Id, "Noch nicht öffentlich");
        await fixture.ActAsync(moderator, "EditQuestion", ev.Id, pending.Id(), "Noch immer nicht öffentlich");
        await fixture.ActAsync(moderator, "MoveQuestion", ev.Id, pending.Id(), 2);
        var rejected = await author.AskAsync(ev.Id, "Wird abgelehnt");
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, rejected.Id(), "other");
        var withdrawn = await author.AskAsync(ev.Id, "Wird zurückgezogen");
        await author.InvokeAsync("WithdrawQuestion", ev.Id, withdrawn.Id());

        Assert.Equal((seq, modSeq + 7), await fixture.SeqsAsync(ev.Id));
        Assert.Equal(seq, (await viewer.SnapshotAsync(ev.Id)).Seq());
        Assert.Equal(modSeq + 7, (await moderator.SnapshotAsync(ev.Id)).Seq());
        Assert.Empty(viewer.Received);

        // The next public change is the very next number for viewers: no gap to make them resync.
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, pending.Id());
        var change = await viewer.Client.WaitForAsync("QuestionsChanged");
        Assert.Equal(seq + 1, change.Seq());
        var queued = await moderator.Client.WaitForAsync("QueueChanged", m => m.Seq() == modSeq + 8);
        Assert.Equal("approved", queued.GetProperty("questions")[0].Status());
    }

    [Fact]
    public async Task Two_moderators_changing_the_settings_from_the_same_version_one_wins_and_the_other_is_stale()
    {
        var ev = await fixture.CreateEventAsync();
        await using var first = await fixture.ModeratorAsync(ev, "moderator 1");
        await using var second = await fixture.ModeratorAsync(ev, "moderator 2");
        var version = first.Joined.GetProperty("questions").GetProperty("settingsVersion").GetInt64();

        var autoApprove = Outcome(first.InvokeAsync("SetAutoApprove", ev.Id, version, true));
        var pause = Outcome(second.InvokeAsync("SetQuestionsState", ev.Id, version, "paused", null));
        var (autoError, pauseError) = (await autoApprove, await pause);

        Assert.True((autoError is null) ^ (pauseError is null), $"auto-approve: {autoError?.Code}, pause: {pauseError?.Code}");
        Assert.Equal("stale", (autoError ?? pauseError)!.Code);
        var settings = (await first.SnapshotAsync(ev.Id)).GetProperty("questions");
        Assert.Equal(version + 1, settings.GetProperty("settingsVersion").GetInt64());
        Assert.Equal(autoError is null, settings.GetProperty("autoApprove").GetBoolean());
        Assert.Equal(autoError is null ? "open" : "paused", settings.GetProperty("questionsState").GetString());
        // Both consoles got the one change.
        foreach (var moderator in new[] { first, second })
        {
            var changed = await moderator.Client.WaitForAsync("QuestionSettingsChanged");
            Assert.Equal(version + 1, changed.GetProperty("settings").GetProperty("settingsVersion").GetInt64());
        }
    }

    [Fact]
    public async Task Bulk_approve_approves_what_is_current_and_reports_stale_and_refused_items()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var fresh1 = await author.AskAsync(ev.Id, "Frische Frage eins");
        var fresh2 = await author.AskAsync(ev.Id, "Frische Frage zwei");
        var edited = await author.AskAsync(ev.Id, "Wird vorher bearbeitet");
        await fixture.ActAsync(moderator, "EditQuestion", ev.Id, edited.Id(), "Wurde vorher bearbeitet");
        var withdrawn = await author.AskAsync(ev.Id, "Wird vorher zurückgezogen");
        await author.InvokeAsync("WithdrawQuestion", ev.Id, withdrawn.Id());
        var seq = (await fixture.SeqsAsync(ev.Id)).Seq;

        var result = await moderator.InvokeAsync("BulkApprove", ev.Id, new[]
        {
            new { questionId = fresh1.Id(), version = 1L },
            new { questionId = fresh2.Id(), version = 1L },
            new { questionId = edited.Id(), version = 1L },
            new { questionId = withdrawn.Id(), version = 2L },
            new { questionId = 999_999L, version = 1L },
        });

        Assert.Equal([fresh1.Id(), fresh2.Id()], result.GetProperty("approved").IdArray());
        var refused = result.GetProperty("refused").EnumerateArray().ToDictionary(r => r.GetProperty("questionId").GetInt64(), r => r.GetProperty("code").GetString());
        Assert.Equal("stale", refused[edited.Id()]);
        Assert.Equal("invalid-transition", refused[withdrawn.Id()]);
        Assert.Equal("question-not-found", refused[999_999L]);
        Assert.Equal(QuestionStatus.Pending, (await fixture.StoredAsync(edited.Id())).Status);

        // Viewers see both in one numbered change.
        var change = await viewer.Client.WaitForAsync("QuestionsChanged");
        Assert.Equal(seq + 1, change.Seq());
        Assert.Equal([fresh1.Id(), fresh2.Id()], change.GetProperty("questions").Ids());
        Assert.Equal(seq + 1, (await fixture.SeqsAsync(ev.Id)).Seq);
        Assert.Equal(2, (await fixture.AuditAsync(ev.Id)).Count(a => a.Action == "approve"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("[null]")]
    [InlineData("{\"questionId\":1,\"version\":1}")]
    public async Task Bulk_approve_with_nothing_or_a_malformed_list_is_refused(string payload)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        await author.AskAsync(ev.Id, "Bleibt unberührt");
        var before = await fixture.StoredStateAsync(ev.Id);

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => moderator.InvokeAsync("BulkApprove", ev.Id, JsonSerializer.Deserialize<JsonElement>(payload))));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task Bulk_approve_of_more_than_200_questions_is_refused()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var refs = Enumerable.Range(1, 201).Select(i => new { questionId = (long)i, version = 1L }).ToArray();

        var error = await Assert.ThrowsAsync<HubCallException>(() => moderator.InvokeAsync("BulkApprove", ev.Id, refs));

        Assert.Equal("invalid-argument", error.Code);
        Assert.Contains("200", error.Message);
    }

    /// <summary>A moderator console as a client would keep it: the join snapshot's queue with every QueueChanged applied in order.</summary>
    private static Dictionary<long, JsonElement> Reconstruct(Participant moderator)
    {
        var queue = moderator.Joined.GetProperty("queue").EnumerateArray().ToDictionary(q => q.Id());
        var last = moderator.Joined.Seq();
        foreach (var message in moderator.Received.Where(m => m.Target == "QueueChanged").Select(m => m.Argument))
        {
            Assert.Equal(last + 1, message.Seq());
            last = message.Seq();
            foreach (var question in message.GetProperty("questions").EnumerateArray())
            {
                queue[question.Id()] = question;
            }
        }

        return queue;
    }

    private static async Task<HubCallException?> Outcome(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (HubCallException ex)
        {
            return ex;
        }
    }
}
