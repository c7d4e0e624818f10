using Dapper;
using OzgLive.Web.Live;

namespace OzgLive.Web.Questions;

/// <summary>
/// Writes an event's votes many to a transaction (<see cref="GroupCommitWriter{TWrite, TResult}"/>):
/// under load the event's lock is taken and the disk synced once per batch instead of once per vote.
/// Each vote is checked on its own and refused without writing anything.
/// </summary>
public sealed class VoteWriter
{
    /// <summary>The most votes in one transaction, so one batch never holds the event's lock for long.</summary>
    public const int MaxBatch = 500;

    private readonly GroupCommitWriter<QueuedVote, VoteResult> writer;

    public VoteWriter(EventChanges changes) => writer = new(changes, ApplyAsync, MaxBatch);

    /// <summary>Queues the vote and completes once it is stored, with the count right after it, or with why it was refused.</summary>
    public Task<VoteResult> WriteAsync(long eventId, string viewerId, long questionId, bool up) =>
        writer.WriteAsync(eventId, new QueuedVote(viewerId, questionId, up));

    /// <summary>Writes the votes in one transaction, in order, then completes each one's task. Never throws.</summary>
    internal Task WriteBatchAsync(long eventId, IReadOnlyList<QueuedVote> batch) => writer.WriteBatchAsync(eventId, batch);

    private static async Task<IReadOnlyList<WriteOutcome<VoteResult>>> ApplyAsync(EventChange change, IReadOnlyList<QueuedVote> batch)
    {
        var tallies = new Dictionary<long, Tally>();
        var outcomes = new WriteOutcome<VoteResult>[batch.Count];
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
                outcomes[i] = WriteOutcome<VoteResult>.Refused(refusal);
                continue;
            }

            var sql = vote.Up
                ? "INSERT OR IGNORE INTO question_votes (question_id, viewer_id, created_utc) VALUES (@QuestionId, @ViewerId, @Now)"
                : "DELETE FROM question_votes WHERE question_id = @QuestionId AND viewer_id = @ViewerId";
            var rows = await change.Connection.ExecuteAsync(sql, new { vote.QuestionId, vote.ViewerId, change.Now }, change.Transaction);
            // A repeated vote changes no row: the count stays.
            tally.Count += vote.Up ? rows : -rows;
            outcomes[i] = WriteOutcome<VoteResult>.Written(new VoteResult(vote.QuestionId, tally.Count, vote.Up));
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
internal sealed class QueuedVote(string viewerId, long questionId, bool up) : QueuedWrite<VoteResult>
{
    public string ViewerId { get; } = viewerId;

    public long QuestionId { get; } = questionId;

    public bool Up { get; } = up;
}
