using Dapper;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Web.Questions;

/// <summary>
/// Writes an event's votes many to a transaction (group commit, <see cref="EventBatchWriter{TRequest, TResult}"/>):
/// one vote per transaction meant the event's lock and one fsync per vote.
/// </summary>
/// <remarks>
/// Each vote is checked on its own and refused without writing anything, so one refused vote never
/// undoes the others. Each caller hears back only after the batch has committed.
/// </remarks>
public sealed class VoteWriter
{
    /// <summary>The most votes in one transaction, so one batch never holds the event's lock for long.</summary>
    public const int MaxBatch = 500;

    private readonly EventBatchWriter<QueuedVote, VoteResult> writer;

    public VoteWriter(EventChanges changes) =>
        writer = new(MaxBatch, (eventId, batch) => changes.RunAsync(eventId, change =>
        {
            // Votes never change the event itself.
            change.KeepEventState();
            return ApplyAsync(change, batch);
        }));

    /// <summary>Queues the vote and completes once it is stored, with the count right after it, or with why it was refused.</summary>
    public Task<VoteResult> WriteAsync(long eventId, string viewerId, long questionId, bool up) =>
        writer.WriteAsync(eventId, new QueuedVote(viewerId, questionId, up));

    /// <summary>Writes the votes in one transaction, in order, then completes each one's task. Never throws.</summary>
    internal Task WriteBatchAsync(long eventId, IReadOnlyList<QueuedVote> batch) => writer.WriteBatchAsync(eventId, batch);

    private static async Task<IReadOnlyList<Outcome<VoteResult>>> ApplyAsync(EventChange change, IReadOnlyList<QueuedVote> batch)
    {
        var tallies = new Dictionary<long, Tally>();
        var outcomes = new Outcome<VoteResult>[batch.Count];
        if (await VotingClosedAsync(change) is { } closed)
        {
            // After the end the votes are part of the record (transcript, replay): none may change them.
            Array.Fill(outcomes, new Outcome<VoteResult>(null, closed));
            return outcomes;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var vote = batch[i];
            if (!tallies.TryGetValue(vote.QuestionId, out var tally))
            {
                tally = await TallyAsync(change, vote.QuestionId);
                tallies[vote.QuestionId] = tally;
            }

            if (tally.Refusal is { } refusal)
            {
                outcomes[i] = new Outcome<VoteResult>(null, refusal);
                continue;
            }

            var sql = vote.Up
                ? "INSERT INTO question_votes (question_id, viewer_id, created_utc) VALUES (@QuestionId, @ViewerId, @Now) ON CONFLICT DO NOTHING"
                : "DELETE FROM question_votes WHERE question_id = @QuestionId AND viewer_id = @ViewerId";
            var rows = await change.Connection.ExecuteAsync(sql, new { vote.QuestionId, vote.ViewerId, change.Now }, change.Transaction);
            // A repeated vote changes no row: the count stays.
            tally.Count += vote.Up ? rows : -rows;
            outcomes[i] = new Outcome<VoteResult>(new VoteResult(vote.QuestionId, tally.Count, vote.Up), null);
        }

        foreach (var (questionId, tally) in tallies)
        {
            if (tally.Refusal is null)
            {
                // Once per question and batch. The count is the number of vote rows, so however votes
                // race, it converges to the truth.
                await change.Connection.ExecuteAsync(
                    "UPDATE questions SET votes = (SELECT COUNT(*) FROM question_votes WHERE question_id = @questionId) WHERE id = @questionId",
                    new { questionId },
                    change.Transaction);
            }
        }

        return outcomes;
    }

    /// <summary>Why the event takes no more votes (it has ended, or been published), or null.</summary>
    private static async Task<QuestionException?> VotingClosedAsync(EventChange change)
    {
        var status = await change.Connection.ExecuteScalarAsync<string?>(
            "SELECT status FROM events WHERE id = @EventId", new { change.EventId }, change.Transaction);
        return status != EventStatus.Ended.ToDb() && status != EventStatus.Published.ToDb()
            ? null
            : new QuestionException("questions-closed", "Die Veranstaltung ist beendet: Es kann nicht mehr abgestimmt werden.");
    }

    /// <summary>Whether the question takes votes, and its vote rows before this batch's votes on it.</summary>
    private static async Task<Tally> TallyAsync(EventChange change, long questionId)
    {
        var question = await QuestionStore.LoadAsync(change.Connection, change.Transaction, questionId);
        if (question is null || question.EventId != change.EventId || !question.Status.IsPublic())
        {
            return new Tally { Refusal = QuestionService.QuestionNotFound() };
        }

        if (question.Status is not (QuestionStatus.Approved or QuestionStatus.OnStage))
        {
            return new Tally { Refusal = new QuestionException("invalid-transition", "Für beantwortete Fragen kann nicht mehr abgestimmt werden.") };
        }

        var count = await change.Connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM question_votes WHERE question_id = @questionId", new { questionId }, change.Transaction);
        return new Tally { Count = count };
    }

    private sealed class Tally
    {
        public QuestionException? Refusal { get; init; }

        public int Count { get; set; }
    }
}

/// <summary>A vote waiting to be written, and its caller's answer.</summary>
internal sealed class QueuedVote(string viewerId, long questionId, bool up) : QueuedRequest<VoteResult>
{
    public string ViewerId { get; } = viewerId;

    public long QuestionId { get; } = questionId;

    public bool Up { get; } = up;
}
