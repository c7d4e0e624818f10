using System.Data;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using Dapper;
using OzgLive.Web.Metrics;
using OzgLive.Web.ScaleOut;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>
/// The one way an event changes. Under the event's lock and in one write transaction the caller's
/// work reads, checks and writes; then the event's sequence numbers go up and, after the commit, the
/// messages the work queued are put in the event's outbound queue (<see cref="EventBroadcasts"/>),
/// still under the lock, so every client hears of exactly what was stored, in number order.
/// </summary>
/// <remarks>
/// Two numbered streams per event: viewers and presenters get the public changes numbered by
/// <c>seq</c>; moderators get every change (pending questions too) numbered by <c>modSeq</c>. A change
/// moderators alone may see raises only <c>modSeq</c>, so no viewer ever sees a gap for it.
/// <para>
/// Several changes may share one transaction (<see cref="RunEachAsync{TItem, T}"/>, group commit):
/// each is still a change of its own, with its own numbers and messages, in order, and one that
/// fails is rolled back to its savepoint without touching the others; the disk is synced once.
/// </para>
/// <para>
/// Sending happens after the lock is released: the next change of the event need not wait for this
/// one's broadcast. The caller gets its answer once the broadcast has been handed to every receiving
/// connection; that never waits for a client to read (<see cref="ConnectionOutbox"/>), and it keeps
/// the answer behind the caller's own copy of the broadcast, as clients have always seen it.
/// </para>
/// </remarks>
/// <param name="nodes">Null on a single node; with several (ScaleOut/) each change also goes to the other nodes.</param>
public sealed class EventChanges(
    Database database,
    EventLocks locks,
    EventBroadcasts broadcasts,
    SnapshotReader snapshots,
    TimeProvider time,
    OzgLiveMetrics metrics,
    ILogger<EventChanges> logger,
    NodeChanges? nodes = null)
{
    public async Task<T> RunAsync<T>(long eventId, Func<EventChange, Task<T>> work) =>
        (await RunSequencedAsync(eventId, work)).Result;

    /// <summary>Like <see cref="RunAsync{T}"/>, and says which numbers the change got (0 when it sent nothing numbered).</summary>
    public async Task<(T Result, long Seq, long ModSeq)> RunSequencedAsync<T>(long eventId, Func<EventChange, Task<T>> work)
    {
        var done = (await RunManyAsync(eventId, [work], (change, w) => w(change)))[0];
        if (done.Outcome.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        return (done.Outcome.Result!, done.Seq, done.ModSeq);
    }

    /// <summary>
    /// Runs one change per item in a single transaction, in order (group commit). An item whose work
    /// throws is rolled back alone and gets its exception; the others are committed, numbered and
    /// announced as separate changes. Throws only if the transaction as a whole fails.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<T>>> RunEachAsync<TItem, T>(long eventId, IReadOnlyList<TItem> items, Func<EventChange, TItem, Task<T>> work) =>
        [.. (await RunManyAsync(eventId, items, work)).Select(d => d.Outcome)];

    /// <summary>
    /// Raises the stored state version of the events the condition names (SQL on <c>events</c>, never
    /// input), in the caller's transaction: what every node keeps about them (QuestionIntake) is read
    /// again by their next change. For writes made outside a change, such as a series' partner sites.
    /// </summary>
    public static Task RaiseStateVersionAsync(IDbConnection connection, IDbTransaction transaction, string eventsWhere, object parameters) =>
        connection.ExecuteAsync(
            $"""
            INSERT INTO event_state_versions (event_id, version) SELECT id, 1 FROM events WHERE {eventsWhere}
            ON CONFLICT (event_id) DO UPDATE SET version = event_state_versions.version + 1
            """,
            parameters,
            transaction);

    private async Task<List<Done<T>>> RunManyAsync<TItem, T>(long eventId, IReadOnlyList<TItem> items, Func<EventChange, TItem, Task<T>> work)
    {
        Task delivered;
        List<Done<T>> done;
        using (await locks.AcquireAsync(eventId))
        {
            // Nothing is stored that the other nodes could not be told of.
            nodes?.EnsureConnected();
            await using var connection = database.Open();
            (done, var changes) = await WriteAsync(eventId, connection, items, work);
            var snapshotChanged = changes.Any(c => c.HasPublicMessage || !c.HasSequencedMessages);
            if (snapshotChanged)
            {
                // Before the broadcast is queued (see SnapshotReader.Changed). Changes without a number
                // (votes, names removed by retention) change what viewers see too.
                snapshots.Changed(eventId);
            }

            // Still under the lock: the next change is queued behind this one.
            var messages = new List<Outgoing>();
            foreach (var (change, numbers) in changes.Zip(done.Where(d => d.Outcome.Error is null)))
            {
                messages.AddRange(change.Messages(numbers.Seq, numbers.ModSeq));
            }

            delivered = nodes is null ? broadcasts.Enqueue(eventId, messages) : nodes.Publish(eventId, messages, snapshotChanged);
        }

        // Handing the changes to every receiving connection, never waiting for a client to read.
        var sending = time.GetTimestamp();
        await delivered;
        metrics.BroadcastEnded(time.GetElapsedTime(sending));
        return done;
    }

    /// <summary>
    /// The transaction: each item's work in its own savepoint, then its new sequence numbers (0, 0
    /// when it sends nothing numbered); committed once, or rolled back when every item failed.
    /// </summary>
    /// <returns>Each item's outcome, and the changes that succeeded, in order.</returns>
    private async Task<(List<Done<T>> Done, List<EventChange> Changes)> WriteAsync<TItem, T>(
        long eventId, DbConnection connection, IReadOnlyList<TItem> items, Func<EventChange, TItem, Task<T>> work)
    {
        // Timed whether it commits or rolls back: either way the write lock was held that long.
        var started = time.GetTimestamp();
        try
        {
            using var transaction = Database.BeginWrite(connection);
            // The event's row first: on PostgreSQL this lock serializes the event's changes across app
            // nodes (the in-process lock above covers this node only), so its numbers stay without gaps
            // and in commit order. SQLite's write transaction already excludes every other writer.
            await connection.ExecuteAsync(
                "SELECT id FROM events WHERE id = @eventId" + database.Dialect.ForUpdate, new { eventId }, transaction);
            // Stored times keep milliseconds (UtcTimeHandler.Format): a finer stamp would make what is
            // sent now differ from what is read back later by a fraction of a millisecond.
            var exact = time.GetUtcNow();
            var now = exact.AddTicks(-(exact.Ticks % TimeSpan.TicksPerMillisecond));
            // Raised by every committed change that may have changed the event itself (its row, blocks,
            // settings, clock): what is kept in memory about an event (QuestionIntake) is valid while
            // it stays. Stored (event_state_versions) and read under the write lock, so that every node
            // sees the same number.
            var stateVersion = await connection.QuerySingleOrDefaultAsync<long>(
                "SELECT version FROM event_state_versions WHERE event_id = @eventId", new { eventId }, transaction);
            var done = new List<Done<T>>(items.Count);
            var changes = new List<EventChange>(items.Count);
            using var commands = new PreparedCommands(connection, transaction);
            foreach (var item in items)
            {
                var change = new EventChange(eventId, connection, transaction, now, commands, stateVersion);
                await commands.For("SAVEPOINT change").ExecuteAsync();
                try
                {
                    var result = await work(change, item);
                    var (seq, modSeq) = await NumberAsync(change);
                    await RunFollowUpsAsync(change);
                    await commands.For("RELEASE SAVEPOINT change").ExecuteAsync();
                    done.Add(new Done<T>(new Outcome<T>(result, null), seq, modSeq));
                    changes.Add(change);
                }
                catch (Exception ex)
                {
                    // What this change wrote goes; the changes before it stay.
                    transaction.Rollback("change");
                    done.Add(new Done<T>(new Outcome<T>(default, ex), 0, 0));
                }
            }

            if (changes.Count == 0)
            {
                transaction.Rollback();
            }
            else
            {
                if (changes.Any(c => !c.KeepsEventState))
                {
                    await RaiseStateVersionAsync(connection, transaction, "id = @eventId", new { eventId });
                }

                transaction.Commit();
            }

            return (done, changes);
        }
        finally
        {
            metrics.WriteEnded(time.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The work a change queued with <see cref="EventChange.Then"/>: each a change of its own, numbered
    /// after it, inside its savepoint, so the change and what follows from it are stored together or not at all.
    /// </summary>
    private async Task RunFollowUpsAsync(EventChange change)
    {
        foreach (var work in change.FollowUpWork)
        {
            var next = new EventChange(change.EventId, change.Connection, change.Transaction, change.Now, change.Commands, change.StateVersion);
            await work(next);
            var (seq, modSeq) = await NumberAsync(next);
            await RunFollowUpsAsync(next);
            change.FollowedBy(next, seq, modSeq);
        }
    }

    private async Task<(long Seq, long ModSeq)> NumberAsync(EventChange change)
    {
        if (!change.HasSequencedMessages)
        {
            return (0, 0);
        }

        var (seq, modSeq) = await change.Commands.For(
            """
            UPDATE events SET seq = seq + @publicStep, mod_seq = mod_seq + 1, updated_utc = @now
            WHERE id = @eventId
            RETURNING seq, mod_seq
            """)
            .Set("publicStep", change.HasPublicMessage ? 1 : 0)
            .Set("now", change.Now)
            .Set("eventId", change.EventId)
            .FirstOrDefaultAsync<(long, long)>();
        logger.LogDebug("Event {EventId} changed: seq {Seq}, modSeq {ModSeq}", change.EventId, seq, modSeq);
        return (seq, modSeq);
    }

    private sealed record Done<T>(Outcome<T> Outcome, long Seq, long ModSeq);
}

/// <summary>What became of one of several changes or requests: its result, or the exception its caller gets.</summary>
public readonly record struct Outcome<T>(T? Result, Exception? Error);

/// <summary>One change of one event in progress: its connection, transaction, time and queued messages.</summary>
public sealed class EventChange(long eventId, IDbConnection connection, IDbTransaction transaction, DateTimeOffset now, PreparedCommands commands, long stateVersion = 0)
{
    private readonly List<Outgoing> unsequenced = [];
    private (string Method, Func<long, object> Message)? publicMessage;
    private (string Method, Func<long, object> Message)? moderatorMessage;

    public long EventId { get; } = eventId;

    public IDbConnection Connection { get; } = connection;

    public IDbTransaction Transaction { get; } = transaction;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The transaction's statements that every change of a batch runs again, each compiled once.</summary>
    public PreparedCommands Commands { get; } = commands;

    /// <summary>Stays the same until a change that may alter the event itself commits (see <see cref="KeepEventState"/>).</summary>
    public long StateVersion { get; } = stateVersion;

    internal bool KeepsEventState { get; private set; }

    /// <summary>
    /// Says this change touches questions or votes only, never the event's row, blocks, settings or
    /// clock, so what is kept in memory about the event stays valid. Every other change clears it:
    /// a forgotten call costs a reload, never a stale answer.
    /// </summary>
    public void KeepEventState() => KeepsEventState = true;

    private readonly List<Func<EventChange, Task>> followUpWork = [];
    private readonly List<(EventChange Change, long Seq, long ModSeq)> followUps = [];

    internal bool HasPublicMessage => publicMessage is not null;

    internal bool HasSequencedMessages => publicMessage is not null || moderatorMessage is not null;

    /// <summary>The message viewers and presenters get, given the new public <c>seq</c>.</summary>
    public void ToAudience(string method, Func<long, object> message) => publicMessage = (method, message);

    /// <summary>The message moderators get, given the new <c>modSeq</c>. Every sequenced change needs one.</summary>
    public void ToModerators(string method, Func<long, object> message) => moderatorMessage = (method, message);

    /// <summary>The same message to both streams, each with its own number.</summary>
    public void ToEveryone(string method, Func<long, object> message)
    {
        ToAudience(method, message);
        ToModerators(method, message);
    }

    /// <summary>A message outside the numbered streams to a group (backstage notes to presenters and moderators).</summary>
    public void ToGroup(string group, string method, object message) => unsequenced.Add(Outgoing.ToGroup(group, 0, method, message));

    /// <summary>A message outside the numbered streams to every connection of one viewer (their own questions).</summary>
    public void ToViewer(string viewerId, string method, object message) => unsequenced.Add(Outgoing.ToViewer(viewerId, method, message));

    /// <summary>
    /// Work that follows from this change (an ending event closes its open polls): it runs after this
    /// change in the same transaction, as a change of its own with its own numbers and message.
    /// </summary>
    public void Then(Func<EventChange, Task> work) => followUpWork.Add(work);

    internal IReadOnlyList<Func<EventChange, Task>> FollowUpWork => followUpWork;

    internal void FollowedBy(EventChange change, long seq, long modSeq) => followUps.Add((change, seq, modSeq));

    /// <summary>What to send, in order: the numbered messages, then the others, then the changes that followed.</summary>
    internal List<Outgoing> Messages(long seq, long modSeq)
    {
        var messages = new List<Outgoing>(unsequenced.Count + 2);
        if (publicMessage is var (publicMethod, makePublic))
        {
            messages.Add(Outgoing.ToGroup(LiveGroups.Audience(EventId), seq, publicMethod, makePublic(seq)));
        }

        // Moderators see every change; a change announced only to the audience goes to them too.
        if ((moderatorMessage ?? publicMessage) is var (moderatorMethod, makeModerator))
        {
            messages.Add(Outgoing.ToGroup(LiveGroups.Moderators(EventId), modSeq, moderatorMethod, makeModerator(modSeq)));
        }

        messages.AddRange(unsequenced);
        foreach (var followUp in followUps)
        {
            messages.AddRange(followUp.Change.Messages(followUp.Seq, followUp.ModSeq));
        }

        return messages;
    }
}
