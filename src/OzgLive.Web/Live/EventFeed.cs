using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace OzgLive.Web.Live;

/// <summary>
/// The staff screens' (interactive components') one subscription to an event's changes: "something
/// of event N changed, read again". It is the only place that knows how changes arrive; today
/// <see cref="EventBroadcasts"/> publishes each change it delivered to the hub's groups, and the
/// vote counts, a moderator's removal and a new presenter key publish too. With several nodes the
/// other nodes' changes reach it the same way, through this node's <see cref="EventBroadcasts"/> (ScaleOut/NodeChanges). No second hub connection to ourselves: a component re-reads
/// its state through <see cref="SnapshotReader"/>, the reader the hub's snapshots use.
/// </summary>
public sealed class EventFeed(ILogger<EventFeed> logger)
{
    private readonly ConcurrentDictionary<long, ImmutableList<FeedSubscription>> subscribers = new();

    /// <summary>
    /// Calls <paramref name="refresh"/> after each change of the event, never twice at once: a change
    /// arriving while it runs causes exactly one more run (bursts coalesce). Dispose to stop.
    /// </summary>
    public FeedSubscription Subscribe(long eventId, Func<Task> refresh)
    {
        var subscription = new FeedSubscription(this, eventId, refresh, logger);
        subscribers.AddOrUpdate(eventId, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    /// <summary>Tells every subscriber of the event to read again. Never waits for them.</summary>
    public void Publish(long eventId)
    {
        if (subscribers.TryGetValue(eventId, out var list))
        {
            foreach (var subscription in list)
            {
                subscription.Changed();
            }
        }
    }

    /// <summary>How many screens follow the event (tests and diagnostics).</summary>
    public int SubscriberCount(long eventId) => subscribers.TryGetValue(eventId, out var list) ? list.Count : 0;

    internal void Remove(FeedSubscription subscription)
    {
        while (subscribers.TryGetValue(subscription.EventId, out var list))
        {
            var smaller = list.Remove(subscription);
            var done = smaller.IsEmpty
                ? subscribers.TryRemove(new KeyValuePair<long, ImmutableList<FeedSubscription>>(subscription.EventId, list))
                : subscribers.TryUpdate(subscription.EventId, smaller, list);
            if (done)
            {
                return;
            }
        }
    }
}

/// <summary>One screen's subscription: at most one refresh in flight, and one more if a change came meanwhile.</summary>
public sealed class FeedSubscription : IDisposable
{
    private readonly EventFeed feed;
    private readonly Func<Task> refresh;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private bool running;
    private bool again;
    private bool disposed;

    internal FeedSubscription(EventFeed feed, long eventId, Func<Task> refresh, ILogger logger)
    {
        this.feed = feed;
        EventId = eventId;
        this.refresh = refresh;
        this.logger = logger;
    }

    public long EventId { get; }

    /// <summary>Completes when no refresh is running or due: tests use it as a barrier instead of waiting.</summary>
    public Task Idle
    {
        get
        {
            lock (gate)
            {
                return running ? (idle ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
            }
        }
    }

    private TaskCompletionSource? idle;

    /// <summary>Asks for a refresh, as a change of the event does (a screen's first read after it subscribed, after a refusal).</summary>
    public void Changed()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            if (running)
            {
                again = true;
                return;
            }

            running = true;
        }

        // Off the publisher's thread: the sender of the event's changes must not wait for a screen.
        _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await refresh();
            }
            catch (Exception ex)
            {
                // The component routes its own errors (DispatchExceptionAsync); this only keeps the loop alive.
                logger.LogWarning(ex, "A screen of event {EventId} failed to refresh", EventId);
            }

            TaskCompletionSource? done = null;
            lock (gate)
            {
                if (again && !disposed)
                {
                    again = false;
                    continue;
                }

                running = false;
                again = false;
                (done, idle) = (idle, null);
            }

            done?.TrySetResult();
            return;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        feed.Remove(this);
    }
}
