using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using OzgLive.Web.Metrics;
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
/// Sending happens after the lock is released: the next change of the event need not wait for this
/// one's broadcast. The caller gets its answer once the broadcast has been handed to every receiving
/// connection; that never waits for a client to read (<see cref="ConnectionOutbox"/>), and it keeps
/// the answer behind the caller's own copy of the broadcast, as clients have always seen it.
/// </para>
/// </remarks>
public sealed class EventChanges(Database database, EventLocks locks, EventBroadcasts broadcasts, SnapshotReader snapshots, TimeProvider time, OzgLiveMetrics metrics, ILogger<EventChanges> logger)
{
    public async Task<T> RunAsync<T>(long eventId, Func<EventChange, Task<T>> work) =>
        (await RunSequencedAsync(eventId, work)).Result;

    /// <summary>Like <see cref="RunAsync{T}"/>, and says which numbers the change got (0 when it sent nothing numbered).</summary>
    public async Task<(T Result, long Seq, long ModSeq)> RunSequencedAsync<T>(long eventId, Func<EventChange, Task<T>> work)
    {
        Task delivered;
        (T Result, long Seq, long ModSeq) outcome;
        using (await locks.AcquireAsync(eventId))
        {
            await using var connection = database.Open();
            var (result, seq, modSeq, change) = await WriteAsync(eventId, connection, work);
            if (change.HasPublicMessage || !change.HasSequencedMessages)
            {
                // Before the broadcast is queued (see SnapshotReader.Changed). Changes without a number
                // (votes, names removed by retention) change what viewers see too.
                snapshots.Changed(eventId);
            }

            // Still under the lock: the next change is queued behind this one.
            delivered = broadcasts.Enqueue(eventId, change.Messages(seq, modSeq));
            outcome = (result, seq, modSeq);
        }

        // Handing the change to every receiving connection, never waiting for a client to read.
        var sending = time.GetTimestamp();
        await delivered;
        metrics.BroadcastEnded(time.GetElapsedTime(sending));
        return outcome;
    }

    /// <summary>The change's transaction: the work, then the new sequence numbers, committed (0, 0 when nothing numbered is sent).</summary>
    private async Task<(T Result, long Seq, long ModSeq, EventChange Change)> WriteAsync<T>(long eventId, SqliteConnection connection, Func<EventChange, Task<T>> work)
    {
        // Timed whether it commits or rolls back: either way SQLite's one write lock was held that long.
        var started = time.GetTimestamp();
        try
        {
            using var transaction = Database.BeginWrite(connection);
            // Stored times keep milliseconds (UtcTimeHandler.Format): a finer stamp would make what is
            // sent now differ from what is read back later by a fraction of a millisecond.
            var exact = time.GetUtcNow();
            var change = new EventChange(eventId, connection, transaction, exact.AddTicks(-(exact.Ticks % TimeSpan.TicksPerMillisecond)));
            var result = await work(change);
            if (!change.HasSequencedMessages)
            {
                transaction.Commit();
                return (result, 0, 0, change);
            }

            var (seq, modSeq) = await connection.QuerySingleAsync<(long, long)>(
                """
                UPDATE events SET seq = seq + @publicStep, mod_seq = mod_seq + 1, updated_utc = @Now
                WHERE id = @eventId
                RETURNING seq, mod_seq
                """,
                new { publicStep = change.HasPublicMessage ? 1 : 0, change.Now, eventId },
                transaction);
            transaction.Commit();
            logger.LogDebug("Event {EventId} changed: seq {Seq}, modSeq {ModSeq}", eventId, seq, modSeq);
            return (result, seq, modSeq, change);
        }
        finally
        {
            metrics.WriteEnded(time.GetElapsedTime(started));
        }
    }
}

/// <summary>One change of one event in progress: its connection, transaction, time and queued messages.</summary>
public sealed class EventChange(long eventId, IDbConnection connection, IDbTransaction transaction, DateTimeOffset now)
{
    private readonly List<Outgoing> unsequenced = [];
    private (string Method, Func<long, object> Message)? publicMessage;
    private (string Method, Func<long, object> Message)? moderatorMessage;

    public long EventId { get; } = eventId;

    public IDbConnection Connection { get; } = connection;

    public IDbTransaction Transaction { get; } = transaction;

    public DateTimeOffset Now { get; } = now;

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

    /// <summary>What to send, in order: the numbered messages, then the others.</summary>
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
        return messages;
    }
}
