using Dapper;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>
/// Builds the snapshot a caller may see, all of it read in one transaction so that its sequence
/// number and its contents belong together.
/// </summary>
public sealed class SnapshotReader(Database database, TimeProvider time)
{
    /// <returns>Null when the event does not exist or the caller may not see it (a draft).</returns>
    public async Task<EventSnapshot?> ReadAsync(long eventId, EventRole role, string? viewerId)
    {
        await using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var ev = await EventStore.LoadAsync(connection, eventId, transaction);
        if (ev is null || (!ev.Status.IsPublic() && role < EventRole.Moderator))
        {
            return null;
        }

        var (modSeq, presenterKey) = await connection.QuerySingleAsync<(long, string?)>(
            "SELECT mod_seq, presenter_key FROM events WHERE id = @eventId", new { eventId }, transaction);
        var clock = await ClockService.LoadStateAsync(connection, transaction, ev);
        var settings = await QuestionService.SettingsAsync(connection, transaction, eventId);
        var all = await QuestionStore.ListAsync(connection, transaction, eventId);
        var moderator = role >= EventRole.Moderator;

        IReadOnlyList<ModeratorQuestion>? queue = null;
        if (moderator)
        {
            var askers = (await connection.QueryAsync<(long QuestionId, long Count)>(
                    "SELECT a.question_id, COUNT(*) FROM question_askers a JOIN questions q ON q.id = a.question_id WHERE q.event_id = @eventId GROUP BY a.question_id",
                    new { eventId }, transaction))
                .ToDictionary(r => r.QuestionId, r => (int)r.Count);
            queue = all.Select(q => ModeratorQuestion.From(q, askers.GetValueOrDefault(q.Id))).ToList();
        }

        var mine = viewerId is null ? [] : all.Where(q => q.ViewerId == viewerId).Select(OwnQuestion.From).ToList();
        IReadOnlyList<long> myVotes = viewerId is null
            ? []
            : (await connection.QueryAsync<long>(
                "SELECT v.question_id FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.event_id = @eventId AND v.viewer_id = @viewerId",
                new { eventId, viewerId }, transaction)).AsList();
        var backstage = role >= EventRole.Presenter
            ? await QuestionService.ActiveBackstageAsync(connection, transaction, eventId)
            : null;

        return new EventSnapshot(
            ev.Id,
            moderator ? modSeq : ev.Seq,
            role,
            EventView.From(ev),
            ClockView.From(clock, time.GetUtcNow()),
            settings,
            moderator ? null : all.Where(q => q.Status.IsPublic()).Select(PublicQuestion.From).ToList(),
            queue,
            mine,
            myVotes,
            backstage,
            moderator ? presenterKey : null);
    }
}
