using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace OzgLive.Web.Live;

/// <summary>One message of a change: to a group, or to every connection of one viewer.</summary>
/// <param name="Seq">Its number on the group's stream; 0 when it is not numbered.</param>
public sealed record Outgoing(string? Group, string? ViewerId, long Seq, string Method, object Message)
{
    public static Outgoing ToGroup(string group, long seq, string method, object message) => new(group, null, seq, method, message);

    public static Outgoing ToViewer(string viewerId, string method, object message) => new(null, viewerId, 0, method, message);
}

/// <summary>
/// A connection joining groups of an event: what was sent to them while it read its snapshot. The
/// first group is the one whose numbered stream the snapshot's seq belongs to.
/// </summary>
public sealed class JoinTicket(string connectionId, IReadOnlyList<string> groups)
{
    public string ConnectionId { get; } = connectionId;

    public IReadOnlyList<string> Groups { get; } = groups;

    internal List<Outgoing> SentMeanwhile { get; } = [];
}

/// <summary>
/// The outbound queue of each event. <see cref="EventChanges"/> hands over a change's messages right
/// after the commit, still under the event's lock, so the queue holds the changes in sequence order;
/// it then releases the lock, and one sender per event delivers the queued changes one after another.
/// Delivering means handing each message to every receiving connection's outbox
/// (<see cref="LiveHubLifetimeManager"/>), which never waits for a client, so a change is delivered in
/// the time it takes to serialize it once and copy it to each connection.
/// <para>
/// Joining goes through here too (<see cref="BeginJoinAsync"/>, <see cref="CompleteJoinAsync"/>), so
/// that a client gets each change exactly once, in the snapshot or as a message, without the event's
/// lock: the numbered messages sent while it reads its snapshot are kept for it, and when it joins
/// the groups it gets those numbered above its snapshot; those at or below it that were still queued
/// are not sent to it.
/// </para>
/// </summary>
public sealed class EventBroadcasts(IHubContext<LiveHub> hub, ViewerConnections viewers, EventFeed feed, ILogger<EventBroadcasts> logger)
{
    private readonly ConcurrentDictionary<long, EventQueue> queues = new();

    /// <summary>Queues a change's messages behind those queued before.</summary>
    /// <returns>Completes when they have been handed to every connection (never waits for a client to read).</returns>
    public Task Enqueue(long eventId, IReadOnlyList<Outgoing> messages)
    {
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var queue = QueueOf(eventId);
        var delivery = new Delivery(messages);
        bool startSender;
        lock (queue.Gate)
        {
            queue.Waiting.Enqueue(delivery);
            startSender = !queue.Sending;
            queue.Sending = true;
        }

        if (startSender)
        {
            // Off the caller's thread: the caller still holds the event's lock.
            _ = Task.Run(() => SendAllAsync(eventId, queue));
        }

        return delivery.Done.Task;
    }

    /// <summary>
    /// Call before reading the snapshot. Every change sent from now on is either kept for the
    /// connection or, once it joined, sent to it; whatever was sent before was committed before the
    /// snapshot is read, so the snapshot holds it.
    /// </summary>
    public async Task<JoinTicket> BeginJoinAsync(long eventId, string connectionId, IReadOnlyList<string> groups)
    {
        var queue = QueueOf(eventId);
        var ticket = new JoinTicket(connectionId, groups);
        await queue.FanOut.WaitAsync();
        try
        {
            queue.Joining.Add(ticket);
        }
        finally
        {
            queue.FanOut.Release();
        }

        return ticket;
    }

    /// <summary>
    /// Joins the groups and sends what was kept for the connection, only the numbered messages above
    /// <paramref name="snapshotSeq"/>: those at or below it and the unnumbered ones (absolute states,
    /// such as backstage notes) are in the snapshot already, or older than it.
    /// </summary>
    public async Task CompleteJoinAsync(long eventId, JoinTicket ticket, long snapshotSeq)
    {
        var queue = QueueOf(eventId);
        await queue.FanOut.WaitAsync();
        try
        {
            queue.Joining.Remove(ticket);
            foreach (var group in ticket.Groups)
            {
                await hub.Groups.AddToGroupAsync(ticket.ConnectionId, group);
            }

            foreach (var missed in ticket.SentMeanwhile.Where(m => m.Seq > snapshotSeq))
            {
                await hub.Clients.Client(ticket.ConnectionId).SendAsync(missed.Method, missed.Message);
            }

            // Changes the snapshot holds may still wait in the queue (committed before the read, not
            // sent yet): the connection skips the numbered messages up to its snapshot's seq.
            queue.Skipping.Add((ticket.Groups[0], ticket.ConnectionId, snapshotSeq));
        }
        finally
        {
            queue.FanOut.Release();
        }
    }

    /// <summary>The join failed (no snapshot): stop keeping messages for it.</summary>
    public async Task CancelJoinAsync(long eventId, JoinTicket ticket)
    {
        var queue = QueueOf(eventId);
        await queue.FanOut.WaitAsync();
        try
        {
            queue.Joining.Remove(ticket);
        }
        finally
        {
            queue.FanOut.Release();
        }
    }

    private async Task SendAllAsync(long eventId, EventQueue queue)
    {
        while (true)
        {
            Delivery delivery;
            lock (queue.Gate)
            {
                if (!queue.Waiting.TryDequeue(out delivery!))
                {
                    queue.Sending = false;
                    return;
                }
            }

            await queue.FanOut.WaitAsync();
            try
            {
                foreach (var message in delivery.Messages)
                {
                    await SendAsync(message, queue);
                    foreach (var ticket in queue.Joining)
                    {
                        if (message.Group is string group && ticket.Groups.Contains(group))
                        {
                            ticket.SentMeanwhile.Add(message);
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                // Clients that miss a numbered message see the gap and resynchronise; the change
                // itself is committed, so the queue goes on.
                logger.LogWarning(ex, "Sending a change of event {EventId} failed", eventId);
            }
            finally
            {
                queue.FanOut.Release();
            }

            // The staff screens follow the same order: a change reaches them after the hub's groups.
            feed.Publish(eventId);
            delivery.Done.TrySetResult();
        }
    }

    private Task SendAsync(Outgoing message, EventQueue queue)
    {
        if (message.Group is string group)
        {
            if (message.Seq == 0 || queue.Skipping.Count == 0)
            {
                return hub.Clients.Group(group).SendAsync(message.Method, message.Message);
            }

            var skip = queue.Skipping.Where(s => s.Group == group && s.UpTo >= message.Seq).Select(s => s.ConnectionId).ToList();
            // Skipping ends with the snapshot's own seq: everything after it is new to the connection.
            queue.Skipping.RemoveAll(s => s.Group == group && s.UpTo <= message.Seq);
            return skip.Count == 0
                ? hub.Clients.Group(group).SendAsync(message.Method, message.Message)
                : hub.Clients.GroupExcept(group, skip).SendAsync(message.Method, message.Message);
        }

        var connectionIds = viewers.Of(message.ViewerId!);
        return connectionIds.IsEmpty ? Task.CompletedTask : hub.Clients.Clients(connectionIds).SendAsync(message.Method, message.Message);
    }

    private EventQueue QueueOf(long eventId) => queues.GetOrAdd(eventId, _ => new EventQueue());

    private sealed class EventQueue
    {
        /// <summary>Guards <see cref="Waiting"/> and <see cref="Sending"/>; taken under the event's lock, so kept short.</summary>
        public Lock Gate { get; } = new();

        /// <summary>Held while a change is handed to the connections and while a connection joins.</summary>
        public SemaphoreSlim FanOut { get; } = new(1, 1);

        public List<JoinTicket> Joining { get; } = [];

        /// <summary>
        /// Connections that joined a group with a snapshot up to <c>UpTo</c>: numbered messages up to
        /// it are not sent to them. Entries whose seq is never reached again (nothing was queued)
        /// stay until the next numbered message of the group; each is a few words.
        /// </summary>
        public List<(string Group, string ConnectionId, long UpTo)> Skipping { get; } = [];

        public Queue<Delivery> Waiting { get; } = new();

        public bool Sending { get; set; }
    }

    private sealed class Delivery(IReadOnlyList<Outgoing> messages)
    {
        public IReadOnlyList<Outgoing> Messages { get; } = messages;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
