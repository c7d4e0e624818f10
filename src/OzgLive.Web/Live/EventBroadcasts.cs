using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace OzgLive.Web.Live;

/// <summary>One message of a change: to a group, or to every connection of one viewer.</summary>
public sealed record Outgoing(string? Group, string? ViewerId, string Method, object Message)
{
    public static Outgoing ToGroup(string group, string method, object message) => new(group, null, method, message);

    public static Outgoing ToViewer(string viewerId, string method, object message) => new(null, viewerId, method, message);
}

/// <summary>
/// The outbound queue of each event. <see cref="EventChanges"/> hands over a change's messages right
/// after the commit, still under the event's lock, so the queue holds the changes in sequence order;
/// it then releases the lock, and one sender per event delivers the queued changes one after another.
/// Delivering means handing each message to every receiving connection's outbox
/// (<see cref="LiveHubLifetimeManager"/>), which never waits for a client, so a change is delivered in
/// the time it takes to serialize it once and copy it to each connection.
/// </summary>
public sealed class EventBroadcasts(IHubContext<LiveHub> hub, ViewerConnections viewers, ILogger<EventBroadcasts> logger)
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

        var queue = queues.GetOrAdd(eventId, _ => new EventQueue());
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

            foreach (var message in delivery.Messages)
            {
                try
                {
                    await SendAsync(message);
                }
                catch (Exception ex)
                {
                    // Clients that miss a numbered message see the gap and resynchronise; the
                    // change itself is committed, so the queue goes on.
                    logger.LogWarning(ex, "Sending {Method} of event {EventId} failed", message.Method, eventId);
                }
            }

            delivery.Done.TrySetResult();
        }
    }

    private Task SendAsync(Outgoing message)
    {
        if (message.Group is string group)
        {
            return hub.Clients.Group(group).SendAsync(message.Method, message.Message);
        }

        var connectionIds = viewers.Of(message.ViewerId!);
        return connectionIds.IsEmpty ? Task.CompletedTask : hub.Clients.Clients(connectionIds).SendAsync(message.Method, message.Message);
    }

    private sealed class EventQueue
    {
        public Lock Gate { get; } = new();

        public Queue<Delivery> Waiting { get; } = new();

        public bool Sending { get; set; }
    }

    private sealed class Delivery(IReadOnlyList<Outgoing> messages)
    {
        public IReadOnlyList<Outgoing> Messages { get; } = messages;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
