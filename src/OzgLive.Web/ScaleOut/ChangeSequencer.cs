using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;

namespace OzgLive.Web.ScaleOut;

/// <summary>
/// Puts each event's changes, whichever node made them, into this node's outbound queue
/// (<see cref="EventBroadcasts"/>) in number order. Every numbered change raises the moderators'
/// <c>modSeq</c> by one (a public one raises <c>seq</c> too), and the database numbers them in commit
/// order across nodes, so <c>modSeq</c> orders them all. A change that arrives ahead of a missing one
/// (another node committed earlier but published later) waits for it; if the missing one has not come
/// after <see cref="RedisOptions.GapWait"/> (its node died between commit and publish, or this node
/// lost Redis for a moment), the waiting ones go out and clients resynchronise on the gap, as the
/// protocol defines (docs/hub-protocol.md).
/// </summary>
public sealed class ChangeSequencer(EventBroadcasts broadcasts, TimeProvider time, IOptions<RedisOptions> options, ILogger<ChangeSequencer> logger)
{
    private readonly ConcurrentDictionary<long, EventOrder> orders = new();

    /// <summary>The events this node has passed changes of (what to read again after Redis was lost).</summary>
    public ICollection<long> Events => orders.Keys;

    /// <returns>Completes when the change has been handed to this node's connections.</returns>
    public Task Offer(long eventId, IReadOnlyList<Outgoing> messages)
    {
        var (first, last) = ModeratorNumbers(eventId, messages);
        if (first == 0)
        {
            // Not numbered (vote counts, a viewer's own questions): absolute values, any order will do.
            return broadcasts.Enqueue(eventId, messages);
        }

        var order = orders.GetOrAdd(eventId, _ => new EventOrder());
        lock (order.Gate)
        {
            if (order.Next is not long next || first < next)
            {
                // The first change this node sees of the event, or one it stopped waiting for: its
                // clients ignore numbers they have, or resynchronise.
                order.Next = Math.Max(order.Next ?? 0, last + 1);
                return broadcasts.Enqueue(eventId, messages);
            }

            if (first == next)
            {
                order.Next = last + 1;
                var delivered = broadcasts.Enqueue(eventId, messages);
                Drain(eventId, order);
                return delivered;
            }

            var waiting = new Waiting(last, messages);
            order.Pending[first] = waiting;
            if (order.Timer is null)
            {
                order.Timer = time.CreateTimer(_ => GiveUp(eventId, order), null, options.Value.GapWait, Timeout.InfiniteTimeSpan);
            }

            return waiting.Done.Task;
        }
    }

    private static (long First, long Last) ModeratorNumbers(long eventId, IReadOnlyList<Outgoing> messages)
    {
        // Every numbered change has a message on the moderators' stream (EventChange.Messages).
        var moderators = LiveGroups.Moderators(eventId);
        long first = 0, last = 0;
        foreach (var message in messages)
        {
            if (message.Seq > 0 && message.Group == moderators)
            {
                first = first == 0 ? message.Seq : Math.Min(first, message.Seq);
                last = Math.Max(last, message.Seq);
            }
        }

        return (first, last);
    }

    /// <summary>Sends the waiting changes that are next in line. Under the order's gate.</summary>
    private void Drain(long eventId, EventOrder order)
    {
        while (order.Next is long next && order.Pending.Remove(next, out var waiting))
        {
            order.Next = waiting.Last + 1;
            var delivered = broadcasts.Enqueue(eventId, waiting.Messages);
            _ = delivered.ContinueWith(_ => waiting.Done.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (order.Pending.Count == 0)
        {
            order.Timer?.Dispose();
            order.Timer = null;
        }
    }

    private void GiveUp(long eventId, EventOrder order)
    {
        lock (order.Gate)
        {
            order.Timer?.Dispose();
            order.Timer = null;
            if (order.Pending.Count == 0)
            {
                return;
            }

            var resume = order.Pending.Keys.Min();
            logger.LogWarning(
                "Event {EventId}: changes {From} to {To} (modSeq) never reached this node; its clients resynchronise",
                eventId, order.Next, resume - 1);
            order.Next = resume;
            Drain(eventId, order);
            if (order.Pending.Count > 0 && order.Timer is null)
            {
                // Another hole further on: it gets its own wait.
                order.Timer = time.CreateTimer(_ => GiveUp(eventId, order), null, options.Value.GapWait, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private sealed class EventOrder
    {
        public Lock Gate { get; } = new();

        /// <summary>The modSeq this node sends next; null before the first change it saw.</summary>
        public long? Next { get; set; }

        /// <summary>Changes that came ahead of a missing one, by their first modSeq.</summary>
        public Dictionary<long, Waiting> Pending { get; } = [];

        public ITimer? Timer { get; set; }
    }

    private sealed class Waiting(long last, IReadOnlyList<Outgoing> messages)
    {
        public long Last { get; } = last;

        public IReadOnlyList<Outgoing> Messages { get; } = messages;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
