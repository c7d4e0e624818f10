using Dapper;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Polls;

/// <summary>
/// Writes viewers' poll answers many to a transaction (<see cref="EventBatchWriter{TRequest, TResult}"/>):
/// 10,000 viewers answering within seconds become a few hundred transactions, not 10,000. Each answer
/// is checked on its own against the poll as stored in the same transaction, so an answer never slips
/// in after the poll closed, and is refused without writing anything.
/// </summary>
public sealed class PollAnswerWriter
{
    /// <summary>The most answers in one transaction, so one batch never holds the event's lock for long.</summary>
    public const int MaxBatch = 500;

    private readonly EventBatchWriter<QueuedPollAnswer, MyPollAnswer> writer;
    private readonly HeldWords heldWords;

    public PollAnswerWriter(EventChanges changes, HeldWords heldWords)
    {
        this.heldWords = heldWords;
        writer = new(MaxBatch, (eventId, batch) => changes.RunAsync(eventId, change =>
        {
            // Answers never change the event itself (QuestionIntake's cached state stays valid).
            change.KeepEventState();
            return ApplyAsync(change, batch);
        }));
    }

    /// <param name="replace">False: the viewer's first answer (refused with already-answered if there is one); true: replaces it.</param>
    public Task<MyPollAnswer> WriteAsync(long eventId, string viewerId, long pollId, PollAnswer? answer, bool replace) =>
        writer.WriteAsync(eventId, new QueuedPollAnswer(viewerId, pollId, answer, replace));

    private async Task<IReadOnlyList<Outcome<MyPollAnswer>>> ApplyAsync(EventChange change, IReadOnlyList<QueuedPollAnswer> batch)
    {
        var polls = new Dictionary<long, Poll?>();
        var outcomes = new Outcome<MyPollAnswer>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var queued = batch[i];
            if (!polls.TryGetValue(queued.PollId, out var poll))
            {
                poll = await PollStore.LoadAsync(change.Connection, change.Transaction, queued.PollId);
                polls[queued.PollId] = poll?.EventId == change.EventId ? poll : null;
                poll = polls[queued.PollId];
            }

            try
            {
                outcomes[i] = new Outcome<MyPollAnswer>(await WriteOneAsync(change, poll, queued), null);
            }
            catch (PollException refusal)
            {
                outcomes[i] = new Outcome<MyPollAnswer>(null, refusal);
            }
        }

        return outcomes;
    }

    private async Task<MyPollAnswer> WriteOneAsync(EventChange change, Poll? poll, QueuedPollAnswer queued)
    {
        PollRules.RequireOpen(poll);
        var items = PollAnswers.ToItems(poll!, queued.Answer);
        var key = new { PollId = poll!.Id, queued.ViewerId };
        var answered = await change.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM poll_answers WHERE poll_id = @PollId AND viewer_id = @ViewerId", key, change.Transaction);
        if (answered > 0)
        {
            if (!queued.Replace)
            {
                throw new PollException("already-answered", "Sie haben diese Umfrage schon beantwortet. Ihre Antwort lässt sich ändern, solange die Umfrage offen ist (ChangePollAnswer).");
            }

            await change.Connection.ExecuteAsync("DELETE FROM poll_answers WHERE poll_id = @PollId AND viewer_id = @ViewerId", key, change.Transaction);
        }

        foreach (var item in items)
        {
            // Words and texts that match the word list are held back, as questions are; texts wait for a moderator anyway.
            var held = poll.Kind is PollKind.WordCloud or PollKind.Text ? heldWords.Match(item.Display ?? item.Counted) : null;
            var status = held is not null ? "held" : poll.Kind == PollKind.Text ? "pending" : "shown";
            await change.Connection.ExecuteAsync(
                """
                INSERT INTO poll_answers (poll_id, viewer_id, item, display, status, held_reason, created_utc)
                VALUES (@PollId, @ViewerId, @Counted, @Display, @status, @held, @Now)
                """,
                new { PollId = poll.Id, queued.ViewerId, item.Counted, item.Display, status, held, change.Now },
                change.Transaction);
        }

        return new MyPollAnswer(poll.Id, PollAnswers.FromItems(poll.Kind, [.. items.Select(i => i.Display ?? i.Counted)]));
    }
}

/// <summary>An answer waiting to be written, and its caller's answer.</summary>
internal sealed class QueuedPollAnswer(string viewerId, long pollId, PollAnswer? answer, bool replace) : QueuedRequest<MyPollAnswer>
{
    public string ViewerId { get; } = viewerId;

    public long PollId { get; } = pollId;

    public PollAnswer? Answer { get; } = answer;

    public bool Replace { get; } = replace;
}
