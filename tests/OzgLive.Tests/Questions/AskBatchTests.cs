using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Questions;

/// <summary>
/// Questions are stored many to a transaction (AskWriter): each one is still checked, numbered and
/// announced on its own, a refused one takes nothing else down, and what decides whether a question
/// is taken (settings, clock, blocks) is kept in memory yet never out of date.
/// </summary>
public sealed class AskBatchTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task Many_askers_at_once_each_acknowledged_question_is_stored_once_and_both_streams_stay_gap_free()
    {
        const int Askers = 40;
        const int QuestionsEach = 5;
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var watcher = await fixture.ViewerAsync(ev, "watching viewer");
        await moderator.InvokeAsync("SetAutoApprove", ev.Id, 1L, true);
        var askers = new List<Participant>();
        for (var i = 0; i < Askers; i++)
        {
            askers.Add(await fixture.ViewerAsync(ev, $"asker {i}"));
        }

        try
        {
            var modStart = (await moderator.SnapshotAsync(ev.Id)).Seq();
            var seqStart = (await watcher.SnapshotAsync(ev.Id)).Seq();

            // Every fifth question matches the word list: it waits for a moderator (modSeq only).
            var acks = await Task.WhenAll(askers.Select(async (asker, a) =>
            {
                var answers = new List<(string ClientId, JsonElement Answer)>();
                for (var q = 0; q < QuestionsEach; q++)
                {
                    var clientId = QuestionCalls.NewClientId();
                    var text = q == 2 ? $"Frage {q} von {a}, du Idiot" : $"Frage {q} von Person {a}";
                    answers.Add((clientId, await asker.AskAsync(ev.Id, text, clientId)));
                }

                return answers;
            }));
            var all = acks.SelectMany(a => a).ToList();
            var approved = all.Where(a => a.Answer.Status() == "approved").Select(a => a.Answer.Id()).ToHashSet();
            Assert.Equal(Askers * QuestionsEach, all.Select(a => a.Answer.Id()).Distinct().Count());
            Assert.Equal(Askers * (QuestionsEach - 1), approved.Count);
            Assert.All(all.Where(a => !approved.Contains(a.Answer.Id())), a => Assert.Equal("pending", a.Answer.Status()));

            // Stored exactly once each, as acknowledged.
            var stored = await fixture.StoredQuestionsAsync(ev.Id);
            Assert.Equal(Askers * QuestionsEach, stored.Count);
            Assert.Equal(all.Select(a => a.ClientId).Order(), stored.Select(q => q.ClientId).Order());
            Assert.All(all, a => Assert.Equal(a.Answer.Id(), stored.Single(q => q.ClientId == a.ClientId).Id));

            // Moderators: one QueueChanged per question, numbered without a gap, each question once.
            await moderator.WaitForCountAsync("QueueChanged", Askers * QuestionsEach);
            await moderator.SnapshotAsync(ev.Id);
            var queueChanges = moderator.Messages("QueueChanged").Where(m => m.Seq() > modStart).ToList();
            Assert.Equal(Enumerable.Range(1, Askers * QuestionsEach).Select(i => modStart + i), moderator.NumberedSeqs().Where(s => s > modStart));
            Assert.Equal(all.Select(a => a.Answer.Id()).Order(), queueChanges.SelectMany(m => m.GetProperty("questions").Ids()).Order());

            // Viewers: one QuestionsChanged per approved question, numbered without a gap; held ones never.
            await watcher.WaitForCountAsync("QuestionsChanged", approved.Count);
            await watcher.SnapshotAsync(ev.Id);
            var publicChanges = watcher.Messages("QuestionsChanged").Where(m => m.Seq() > seqStart).ToList();
            Assert.Equal(Enumerable.Range(1, approved.Count).Select(i => seqStart + i), watcher.NumberedSeqs().Where(s => s > seqStart));
            Assert.Equal(approved.Order(), publicChanges.SelectMany(m => m.GetProperty("questions").Ids()).Order());

            Assert.Equal((seqStart + approved.Count, modStart + (Askers * QuestionsEach)), await fixture.SeqsAsync(ev.Id));
        }
        finally
        {
            foreach (var asker in askers)
            {
                await asker.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_question_refused_in_the_middle_of_a_batch_gets_its_error_and_the_others_are_stored_and_numbered_in_order()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var other = await fixture.ViewerAsync(ev, "other viewer");
        var taken = QuestionCalls.NewClientId();
        await author.AskAsync(ev.Id, "Diese Kennung ist schon vergeben", taken);
        var modStart = (await moderator.SnapshotAsync(ev.Id)).Seq();
        var authorCaller = new Caller(author.ViewerId, "127.0.0.1", $"viewer:{author.ViewerId}");
        var otherCaller = new Caller(other.ViewerId, "127.0.0.1", $"viewer:{other.ViewerId}");

        // One batch, written as the writer would write what queued up while it was busy.
        QueuedAsk[] batch =
        [
            new(authorCaller, author.ViewerId!, QuestionCalls.NewClientId(), "Erste Frage im Stapel", null, null, null),
            new(authorCaller, author.ViewerId!, QuestionCalls.NewClientId(), "Zu einem Block, den es nicht gibt", null, null, 9),
            new(otherCaller, other.ViewerId!, QuestionCalls.NewClientId(), "Zweite Frage im Stapel", "Anna Schmidt", null, 2),
            new(otherCaller, other.ViewerId!, taken, "Mit fremder Kennung", null, null, null),
            new(authorCaller, author.ViewerId!, QuestionCalls.NewClientId(), "Dritte Frage im Stapel", null, "Gemeinde Musterstadt", null),
        ];
        await fixture.App.Get<AskWriter>().WriteBatchAsync(ev.Id, batch);

        Assert.Equal("block-not-found", Assert.IsType<QuestionException>(batch[1].Result.Exception?.InnerException).Code);
        Assert.Equal("invalid-argument", Assert.IsType<QuestionException>(batch[3].Result.Exception?.InnerException).Code);
        QueuedAsk[] accepted = [batch[0], batch[2], batch[4]];
        Assert.All(accepted, ask => Assert.True(ask.Result.IsCompletedSuccessfully));
        var ids = new List<long>();
        foreach (var ask in accepted)
        {
            var (own, storedNow) = await ask.Result;
            Assert.NotNull(storedNow);
            Assert.Equal(ask.Text, own.Text);
            Assert.Equal(ask.ClientId, own.ClientId);
            ids.Add(own.Id);
        }

        Assert.Equal(2, (await fixture.StoredAsync(ids[1])).BlockNumber);
        var stored = await fixture.StoredQuestionsAsync(ev.Id);
        Assert.Equal(4, stored.Count);
        Assert.DoesNotContain(stored, q => q.ClientId == batch[1].ClientId);
        Assert.Equal("Diese Kennung ist schon vergeben", stored.Single(q => q.ClientId == taken).Text);
        Assert.Equal(4, (await fixture.AuditAsync(ev.Id)).Count(a => a.Action == "ask"));

        // Each stored question is its own change: its own modSeq, in the order of the batch.
        await moderator.WaitForCountAsync("QueueChanged", 4);
        await moderator.SnapshotAsync(ev.Id);
        var changes = moderator.Messages("QueueChanged").Where(m => m.Seq() > modStart).ToList();
        Assert.Equal([modStart + 1, modStart + 2, modStart + 3], changes.Select(m => m.Seq()));
        Assert.Equal(ids, changes.Select(m => m.GetProperty("questions").Ids().Single()));
        Assert.Equal(modStart + 3, (await fixture.SeqsAsync(ev.Id)).ModSeq);
    }

    [Fact]
    public async Task A_change_that_fails_after_writing_is_rolled_back_alone_and_the_others_keep_consecutive_numbers()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var modStart = (await moderator.SnapshotAsync(ev.Id)).Seq();
        string[] actions = ["batch-first", "batch-fails", "batch-third"];

        var outcomes = await fixture.App.Get<EventChanges>().RunEachAsync(ev.Id, actions, async (change, action) =>
        {
            await AuditLog.WriteAsync(change, "test", action);
            change.ToModerators(QuestionMessageNames.QueueChanged, seq => new QueueChanged(change.EventId, seq, []));
            return action == "batch-fails" ? throw new InvalidOperationException("after writing") : action;
        });

        Assert.Equal(["batch-first", null, "batch-third"], outcomes.Select(o => o.Result));
        Assert.IsType<InvalidOperationException>(outcomes[1].Error);
        Assert.Equal(["batch-first", "batch-third"], (await fixture.AuditAsync(ev.Id)).Select(a => a.Action).Where(a => a.StartsWith("batch-")));
        await moderator.WaitForCountAsync("QueueChanged", 2);
        await moderator.SnapshotAsync(ev.Id);
        Assert.Equal([modStart + 1, modStart + 2], moderator.NumberedSeqs().Where(s => s > modStart));
        Assert.Equal(modStart + 2, (await fixture.SeqsAsync(ev.Id)).ModSeq);
    }

    [Fact]
    public async Task Every_change_to_settings_clock_or_blocks_is_seen_by_the_very_next_question()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);

        // The first question makes the server keep what it checked against.
        Assert.Equal("pending", (await viewer.AskAsync(ev.Id, "Vor jeder Änderung")).Status());

        await moderator.InvokeAsync("SetAutoApprove", ev.Id, 1L, true);
        Assert.Equal("approved", (await viewer.AskAsync(ev.Id, "Nach dem Einschalten der Freigabe")).Status());

        await moderator.InvokeAsync("SetQuestionsState", ev.Id, 2L, "paused", null);
        Assert.Equal("questions-paused", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Während der Pause")));
        await moderator.InvokeAsync("SetQuestionsState", ev.Id, 3L, "open", null);
        Assert.Equal("approved", (await viewer.AskAsync(ev.Id, "Nach der Pause")).Status());

        await moderator.InvokeAsync("SetQuestionsState", ev.Id, 4L, "closed", 2);
        Assert.Equal("questions-closed", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Zum geschlossenen Block", blockNumber: 2)));

        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.ClockAsync("StartBlock", ev.Id, 3);
        Assert.Equal(3, (await viewer.AskAsync(ev.Id, "Während Block 3")).GetProperty("blockNumber").GetInt32());

        Assert.Equal("block-not-found", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Zum vierten Block", blockNumber: 4)));
        var added = await fixture.App.Get<EventEditor>().AddBlockAsync(ev.Id, new BlockInput { Title = "Zugabe", Description = "Ein vierter Block." });
        Assert.True(added.Ok);
        Assert.Equal(4, (await viewer.AskAsync(ev.Id, "Zum neuen vierten Block", blockNumber: 4)).GetProperty("blockNumber").GetInt32());

        await moderator.ClockAsync("EndEvent", ev.Id);
        Assert.Equal("questions-closed", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Nach dem Ende")));
        Assert.Equal(5, (await fixture.StoredQuestionsAsync(ev.Id)).Count);
    }
}
