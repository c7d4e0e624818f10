using System.Globalization;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Questions;

/// <summary>
/// One vote per viewer per approved question, which can be taken back. Counts reach everyone
/// coalesced, and whatever the timing they end at the stored count.
/// </summary>
public sealed class VotingTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task Many_viewers_voting_at_once_all_count_and_every_client_converges_to_the_stored_count()
    {
        const int Voters = 16;
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        var question = await fixture.ApprovedAsync(ev, author, moderator, "Wer stimmt alles dafür?");
        var voters = new List<Participant>();
        try
        {
            for (var i = 0; i < Voters; i++)
            {
                voters.Add(await fixture.ViewerAsync(ev, $"voter {i}"));
            }

            var results = await Task.WhenAll(voters.Select(v => v.InvokeAsync("Vote", ev.Id, question.Id(), true)));

            Assert.All(results, r => Assert.True(r.GetProperty("voted").GetBoolean()));
            // Each answer is the count right after that vote: together they are 1…n in some order.
            Assert.Equal(Enumerable.Range(1, Voters), results.Select(r => r.GetProperty("votes").GetInt32()).Order());
            Assert.Equal(Voters, (await fixture.StoredAsync(question.Id())).Votes);
            await AllConvergeAsync([author, moderator, .. voters], question.Id(), Voters);

            // Half take their vote back, concurrently.
            await Task.WhenAll(voters.Take(Voters / 2).Select(v => v.InvokeAsync("Vote", ev.Id, question.Id(), false)));

            Assert.Equal(Voters / 2, (await fixture.StoredAsync(question.Id())).Votes);
            await AllConvergeAsync([author, moderator, .. voters], question.Id(), Voters / 2);
            Assert.Equal(Voters / 2, (await author.SnapshotAsync(ev.Id)).GetProperty("publicQuestions").Find(question.Id()).GetProperty("votes").GetInt32());
            Assert.Equal(Voters / 2, (await moderator.SnapshotAsync(ev.Id)).GetProperty("queue").Find(question.Id()).GetProperty("votes").GetInt32());
        }
        finally
        {
            foreach (var voter in voters)
            {
                await voter.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Vote_counts_are_coalesced_into_fewer_messages_than_votes()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var first = await fixture.ApprovedAsync(ev, author, moderator, "Erste Frage zum Abstimmen");
        var second = await fixture.ApprovedAsync(ev, author, moderator, "Zweite Frage zum Abstimmen");
        var voters = new List<Participant>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                voters.Add(await fixture.ViewerAsync(ev, $"voter {i}"));
            }

            // Twelve votes on two questions within well under the flush interval of one of them…
            await Task.WhenAll(voters.SelectMany(v => new[] { first.Id(), second.Id() }.Select(id => (v, id)))
                .GroupBy(x => x.v)
                .Select(async g =>
                {
                    foreach (var (v, id) in g)
                    {
                        await v.InvokeAsync("Vote", ev.Id, id, true);
                    }
                }));

            await AllConvergeAsync([author], first.Id(), 6);
            await AllConvergeAsync([author], second.Id(), 6);
            // …become fewer messages, each carrying the counts of every question that changed.
            var messages = author.Messages("VotesChanged");
            Assert.True(messages.Count < 12, $"{messages.Count} VotesChanged for 12 votes.");
            Assert.All(messages, m => Assert.Equal(ev.Id, m.GetProperty("eventId").GetInt64()));
        }
        finally
        {
            foreach (var voter in voters)
            {
                await voter.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_viewer_votes_once_per_question_and_can_take_the_vote_back()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await using var secondTab = await fixture.ViewerAsync(ev, token: viewer.Token);
        var question = await fixture.ApprovedAsync(ev, viewer, moderator, "Kann man doppelt abstimmen?");

        var up = await viewer.InvokeAsync("Vote", ev.Id, question.Id(), true);
        var again = await viewer.InvokeAsync("Vote", ev.Id, question.Id(), true);
        var fromOtherTab = await secondTab.InvokeAsync("Vote", ev.Id, question.Id(), true);

        Assert.Equal(1, up.GetProperty("votes").GetInt32());
        Assert.Equal(1, again.GetProperty("votes").GetInt32());
        Assert.Equal(1, fromOtherTab.GetProperty("votes").GetInt32());
        Assert.Equal(1, (await fixture.StoredAsync(question.Id())).Votes);
        Assert.Equal([question.Id()], (await secondTab.SnapshotAsync(ev.Id)).GetProperty("myVotes").IdArray());

        var down = await viewer.InvokeAsync("Vote", ev.Id, question.Id(), false);
        var downAgain = await viewer.InvokeAsync("Vote", ev.Id, question.Id(), false);

        Assert.False(down.GetProperty("voted").GetBoolean());
        Assert.Equal(0, down.GetProperty("votes").GetInt32());
        Assert.Equal(0, downAgain.GetProperty("votes").GetInt32());
        Assert.Equal(0, (await fixture.StoredAsync(question.Id())).Votes);
        Assert.Empty((await viewer.SnapshotAsync(ev.Id)).GetProperty("myVotes").EnumerateArray());
        await AllConvergeAsync([viewer, moderator], question.Id(), 0);
    }

    [Fact]
    public async Task Votes_neither_number_the_streams_nor_make_a_moderators_version_stale()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var question = await fixture.ApprovedAsync(ev, viewer, moderator, "Verändern Stimmen die Version?");
        var seqs = await fixture.SeqsAsync(ev.Id);

        await viewer.InvokeAsync("Vote", ev.Id, question.Id(), true);
        await viewer.InvokeAsync("Vote", ev.Id, question.Id(), false);
        await viewer.InvokeAsync("Vote", ev.Id, question.Id(), true);

        Assert.Equal(seqs, await fixture.SeqsAsync(ev.Id));
        // The version the moderator saw before the votes is still good.
        var staged = await moderator.InvokeAsync("StageQuestion", ev.Id, question.Id(), question.Version());
        Assert.Equal("onStage", staged.Status());
        Assert.Equal(1, staged.GetProperty("votes").GetInt32());
        Assert.DoesNotContain(await fixture.AuditAsync(ev.Id), a => a.Action.Contains("vote", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_approved_and_on_stage_questions_take_votes()
    {
        var ev = await fixture.CreateEventAsync();
        var otherEvent = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev, "moderator", otherEvent.Id);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var voter = await fixture.ViewerAsync(ev, "voter");

        var pending = await author.AskAsync(ev.Id, "Noch nicht freigegeben");
        var rejected = await author.AskAsync(ev.Id, "Wird abgelehnt");
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, rejected.Id(), "offTopic");
        var withdrawn = await author.AskAsync(ev.Id, "Wird zurückgezogen");
        await author.InvokeAsync("WithdrawQuestion", ev.Id, withdrawn.Id());
        var answered = await fixture.ApprovedAsync(ev, author, moderator, "Wird beantwortet");
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, answered.Id(), (string?)null);
        var onStage = await fixture.ApprovedAsync(ev, author, moderator, "Steht auf der Bühne");
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, onStage.Id());
        await using var otherAuthor = await fixture.ViewerAsync(otherEvent, "other event's viewer");
        var elsewhere = await fixture.ApprovedAsync(otherEvent, otherAuthor, moderator, "In einer anderen Sendung");
        var before = await fixture.StoredStateAsync(ev.Id);
        var otherBefore = await fixture.StoredStateAsync(otherEvent.Id);

        // Hidden questions answer as if they did not exist: a vote must not reveal them.
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => voter.InvokeAsync("Vote", ev.Id, pending.Id(), true)));
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => voter.InvokeAsync("Vote", ev.Id, rejected.Id(), true)));
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => voter.InvokeAsync("Vote", ev.Id, withdrawn.Id(), true)));
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => voter.InvokeAsync("Vote", ev.Id, 999_999L, true)));
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => voter.InvokeAsync("Vote", ev.Id, elsewhere.Id(), true)));
        Assert.Equal("invalid-transition", await QuestionCalls.RefusedAsync(() => voter.InvokeAsync("Vote", ev.Id, answered.Id(), true)));
        // Even the author cannot vote on their own pending question.
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => author.InvokeAsync("Vote", ev.Id, pending.Id(), true)));

        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
        Assert.Equal(otherBefore, await fixture.StoredStateAsync(otherEvent.Id));
        Assert.Equal(1, (await voter.InvokeAsync("Vote", ev.Id, onStage.Id(), true)).GetProperty("votes").GetInt32());
    }

    [Fact]
    public async Task A_returning_viewer_still_sees_which_questions_they_voted_for()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var voted = await fixture.ApprovedAsync(ev, author, moderator, "Dafür gestimmt");
        var notVoted = await fixture.ApprovedAsync(ev, author, moderator, "Nicht abgestimmt");
        string token;
        await using (var viewer = await fixture.ViewerAsync(ev))
        {
            token = viewer.Token!;
            await viewer.InvokeAsync("Vote", ev.Id, voted.Id(), true);
        }

        await using var returning = await fixture.ViewerAsync(ev, token: token);
        await using var stranger = await fixture.ViewerAsync(ev);

        Assert.Equal([voted.Id()], returning.Joined.GetProperty("myVotes").IdArray());
        Assert.DoesNotContain(notVoted.Id(), returning.Joined.GetProperty("myVotes").IdArray());
        Assert.Empty(stranger.Joined.GetProperty("myVotes").EnumerateArray());
        // Voting again from the new connection changes nothing: it is the same viewer.
        Assert.Equal(1, (await returning.InvokeAsync("Vote", ev.Id, voted.Id(), true)).GetProperty("votes").GetInt32());
    }

    [Fact]
    public async Task A_question_rejected_after_votes_stops_getting_vote_counts_and_keeps_its_votes_stored()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        await using var voter = await fixture.ViewerAsync(ev);
        var question = await fixture.ApprovedAsync(ev, author, moderator, "Erst beliebt, dann abgelehnt");
        await voter.InvokeAsync("Vote", ev.Id, question.Id(), true);
        await AllConvergeAsync([voter], question.Id(), 1);

        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, question.Id(), "duplicate");

        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => voter.InvokeAsync("Vote", ev.Id, question.Id(), false)));
        Assert.Equal(1, (await fixture.StoredAsync(question.Id())).Votes);
        await using var connection = fixture.App.Get<Database>().Open();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM question_votes WHERE question_id = @id", new { id = question.Id() }));
    }

    [Fact]
    public async Task Many_viewers_voting_at_once_on_several_questions_converge_to_the_exact_counts()
    {
        const int Voters = 40;
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        var questions = new List<long>();
        for (var q = 0; q < 3; q++)
        {
            questions.Add((await fixture.ApprovedAsync(ev, author, moderator, $"Frage {q} für viele Stimmen")).Id());
        }

        var voters = new List<Participant>();
        try
        {
            for (var i = 0; i < Voters; i++)
            {
                voters.Add(await fixture.ViewerAsync(ev, $"voter {i}"));
            }

            // Every voter votes for every question at once; a third of them also takes back its vote
            // for the last question right after (same connection, so in that order).
            var calls = voters.Select(async (voter, i) =>
            {
                var answers = await Task.WhenAll(questions.Select(id => voter.InvokeAsync("Vote", ev.Id, id, true)));
                if (i % 3 == 0)
                {
                    await voter.InvokeAsync("Vote", ev.Id, questions[2], false);
                }

                return answers;
            });
            var results = (await Task.WhenAll(calls)).SelectMany(a => a).ToList();

            var takenBack = (Voters + 2) / 3;
            int[] expected = [Voters, Voters, Voters - takenBack];
            foreach (var id in questions.Take(2))
            {
                // Each answer is the count right after that vote, whichever batch it was written in.
                Assert.Equal(Enumerable.Range(1, Voters), results.Where(r => r.GetProperty("questionId").GetInt64() == id).Select(r => r.GetProperty("votes").GetInt32()).Order());
            }

            foreach (var (id, count) in questions.Zip(expected))
            {
                Assert.Equal(count, (await fixture.StoredAsync(id)).Votes);
                await AllConvergeAsync([author, moderator, .. voters], id, count);
            }
        }
        finally
        {
            foreach (var voter in voters)
            {
                await voter.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_vote_refused_in_the_middle_of_a_batch_gets_its_error_and_the_others_are_written()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var open = await fixture.ApprovedAsync(ev, author, moderator, "Offen für Stimmen");
        var answered = await fixture.ApprovedAsync(ev, author, moderator, "Schon beantwortet");
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, answered.Id(), (string?)null);
        var pending = await author.AskAsync(ev.Id, "Noch nicht freigegeben");
        // One batch, written as the writer would write what queued up while it was busy.
        QueuedVote[] batch =
        [
            new("batch viewer 1", open.Id(), true),
            new("batch viewer 2", answered.Id(), true),
            new("batch viewer 2", open.Id(), true),
            new("batch viewer 3", pending.Id(), true),
            new("batch viewer 1", open.Id(), true),
            new("batch viewer 3", open.Id(), true),
            new("batch viewer 2", open.Id(), false),
        ];
        await fixture.App.Get<VoteWriter>().WriteBatchAsync(ev.Id, batch);

        Assert.Equal("invalid-transition", Assert.IsType<QuestionException>(batch[1].Result.Exception?.InnerException).Code);
        Assert.Equal("question-not-found", Assert.IsType<QuestionException>(batch[3].Result.Exception?.InnerException).Code);
        // The others each get the count right after their own vote; a repeated vote changes nothing.
        int[] counts = [1, 2, 2, 3, 2];
        foreach (var (vote, count) in new[] { batch[0], batch[2], batch[4], batch[5], batch[6] }.Zip(counts))
        {
            Assert.True(vote.Result.IsCompletedSuccessfully);
            Assert.Equal(count, (await vote.Result).Votes);
            Assert.Equal(vote.Up, (await vote.Result).Voted);
        }

        Assert.Equal(2, (await fixture.StoredAsync(open.Id())).Votes);
        await using var connection = await fixture.App.OpenStoredAsync();
        Assert.Equal(
            ["batch viewer 1", "batch viewer 3"],
            (await connection.QueryAsync<string>("SELECT viewer_id FROM question_votes WHERE question_id = @id ORDER BY viewer_id", new { id = open.Id() })).ToList());
        // The refused votes wrote nothing.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM question_votes WHERE question_id {SqlDialect.Of(connection).In("@ids")}", new { ids = new[] { answered.Id(), pending.Id() } }));
        Assert.Equal(0, (await fixture.StoredAsync(answered.Id())).Votes);
        Assert.Equal(0, (await fixture.StoredAsync(pending.Id())).Votes);
    }

    [Fact]
    public async Task An_acknowledged_vote_is_in_the_database_file()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        await using var voter = await fixture.ViewerAsync(ev, "voter");
        var question = await fixture.ApprovedAsync(ev, author, moderator, "Ist meine Stimme gespeichert?");

        var answer = await voter.InvokeAsync("Vote", ev.Id, question.Id(), true);

        Assert.Equal(1, answer.GetProperty("votes").GetInt32());
        await using var connection = await fixture.App.OpenStoredAsync();
        Assert.Equal(
            [voter.ViewerId!],
            (await connection.QueryAsync<string>("SELECT viewer_id FROM question_votes WHERE question_id = @id", new { id = question.Id() })).ToList());
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT votes FROM questions WHERE id = @id", new { id = question.Id() }));
    }

    /// <summary>
    /// Moves the fake clock past the coalescing interval, so the flush the votes scheduled goes out,
    /// and waits until the last vote count each client received for the question is <paramref name="expected"/>.
    /// Then checks that it still is once every client made a round trip: the clock stands still
    /// otherwise, so no other flush can have started, and all votes were answered before this one.
    /// </summary>
    private async Task AllConvergeAsync(IEnumerable<Participant> clients, long questionId, int expected)
    {
        var key = questionId.ToString(CultureInfo.InvariantCulture);
        var list = clients.ToList();
        fixture.App.Time.Advance(VoteBroadcaster.Interval);
        foreach (var client in list)
        {
            await client.Client.WaitUntilAsync(
                _ => LastCount(client, key) == expected,
                _ => $"{client}: last vote count {LastCount(client, key)}, stored {expected}.",
                TimeSpan.FromSeconds(15));
        }

        foreach (var client in list)
        {
            await client.Client.InvokeAsync("GetSnapshot", client.Joined.GetProperty("eventId").GetInt64());
        }

        Assert.All(list, client => Assert.Equal(expected, LastCount(client, key)));
    }

    private static int? LastCount(Participant client, string key) =>
        client.Messages("VotesChanged").LastOrDefault(m => m.GetProperty("votes").TryGetProperty(key, out _)) is { ValueKind: JsonValueKind.Object } last
            ? last.GetProperty("votes").GetProperty(key).GetInt32()
            : null;
}
