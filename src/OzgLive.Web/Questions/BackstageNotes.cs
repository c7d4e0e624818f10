using Dapper;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;

namespace OzgLive.Web.Questions;

/// <summary>
/// When backstage notes go: a note sent "until the next block" goes when a block starts, a note with
/// a duration when its time is up, and every note when the event ends, so the presenter screen is
/// clean afterwards. Going means dismissed, in the change's transaction, and announced like a
/// moderator's dismissal, so screens and the audit log see it the same way.
/// </summary>
public static class BackstageNotes
{
    /// <summary>How long a note may be given to stay, at most.</summary>
    public const int MaxMinutes = 120;

    // Fixed conditions, never built from input.
    private const string UntilNextBlock = "until_next_block = 1";
    private const string All = "1 = 1";
    private const string Due = "expires_utc IS NOT NULL AND expires_utc <= @Now";

    /// <summary>Called in a clock command's transaction: a block starting or the event ending removes notes.</summary>
    public static Task ExpireOnClockAsync(EventChange change, ClockCommandKind command) => command switch
    {
        ClockCommandKind.StartBlock or ClockCommandKind.NextBlock => ExpireAsync(change, UntilNextBlock),
        ClockCommandKind.EndEvent => ExpireAsync(change, All),
        _ => Task.CompletedTask,
    };

    /// <summary>Removes the notes whose time is up.</summary>
    public static Task ExpireDueAsync(EventChange change) => ExpireAsync(change, Due);

    /// <summary>Events with a note whose time is up at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<long>> EventsWithDueNotesAsync(System.Data.IDbConnection connection, DateTimeOffset now) =>
        (await connection.QueryAsync<long>(
            $"SELECT DISTINCT event_id FROM backstage_messages WHERE dismissed_utc IS NULL AND {Due}", new { Now = now })).AsList();

    /// <summary>Tells presenter screens and moderators which notes are up now (not numbered).</summary>
    public static void Announce(EventChange change, IReadOnlyList<BackstageMessage> active)
    {
        var message = new BackstageChanged(change.EventId, active);
        change.ToGroup(LiveGroups.Presenters(change.EventId), QuestionMessageNames.BackstageChanged, message);
        change.ToGroup(LiveGroups.Moderators(change.EventId), QuestionMessageNames.BackstageChanged, message);
    }

    private static async Task ExpireAsync(EventChange change, string condition)
    {
        var before = await QuestionService.ActiveBackstageAsync(change.Connection, change.Transaction, change.EventId);
        var expired = await change.Connection.ExecuteAsync(
            $"UPDATE backstage_messages SET dismissed_utc = @Now WHERE event_id = @EventId AND dismissed_utc IS NULL AND {condition}",
            new { change.Now, change.EventId },
            change.Transaction);
        if (expired == 0)
        {
            return;
        }

        var active = await QuestionService.ActiveBackstageAsync(change.Connection, change.Transaction, change.EventId);
        await AuditLog.WriteAsync(change, "system", "backstage-expire", before: before, after: active);
        Announce(change, active);
    }
}
