using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Metrics;
using OzgLive.Web.ScaleOut;

namespace OzgLive.Web.Live;

/// <summary>To the moderators of an event (not numbered): how many viewer connections are open now.</summary>
public sealed record ViewerCount(long EventId, int Viewers);

/// <summary>
/// Counts the open viewer connections per event (public pages that joined as viewers; presenter
/// screens and moderators do not count) and tells the event's moderators, at most once per
/// <see cref="Interval"/>: when hundreds join at the start of a broadcast, moderators get a number
/// every few seconds instead of a message per viewer. Kept in memory: after a restart every page
/// joins again, which counts it again. It also keeps the operators' metric of joined connections by
/// role (<see cref="OzgLiveMetrics.ConnectionJoined"/>), since it sees every join, leave and disconnect.
/// </summary>
/// <param name="nodes">Null on a single node; with several, the other nodes' viewers count too (ScaleOut/NodeViewerCounts).</param>
public sealed class ViewerCounter(
    IHubContext<LiveHub> hub, TimeProvider time, OzgLiveMetrics metrics, ILogger<ViewerCounter> logger, EventFeed feed, NodeViewerCounts? nodes = null)
{
    public const string Message = nameof(ViewerCount);

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    // An array per connection, not a dictionary: a connection joins one event, rarely two, and this is
    // kept for each of thousands of viewers for as long as they stay.
    private readonly Dictionary<string, (long EventId, EventRole Role)[]> eventsByConnection = [];
    private readonly Dictionary<long, int> counts = [];
    private readonly Dictionary<long, Broadcast> broadcasts = [];

    /// <summary>The event's viewers on this node and, with several nodes, on the others.</summary>
    public int Count(long eventId) => Local(eventId) + (nodes?.Elsewhere(eventId) ?? 0);

    /// <summary>This node's viewers of each event that has any.</summary>
    public IReadOnlyList<(long EventId, int Viewers)> LocalCounts()
    {
        lock (gate)
        {
            return [.. counts.Select(c => (c.Key, c.Value))];
        }
    }

    /// <summary>The events whose moderators or viewers are connected here.</summary>
    public IReadOnlyList<long> FollowedEvents()
    {
        lock (gate)
        {
            return [.. eventsByConnection.Values.SelectMany(joined => joined.Select(j => j.EventId)).Distinct()];
        }
    }

    /// <summary>Another node's count of the event changed: this node's moderators get the new sum.</summary>
    public void OtherNodesChanged(long eventId) => Changed(eventId);

    private int Local(long eventId)
    {
        lock (gate)
        {
            return counts.GetValueOrDefault(eventId);
        }
    }

    /// <summary>A viewer joined or left here: the other nodes hear of it, the moderators get the number.</summary>
    private void LocalChanged(long eventId)
    {
        nodes?.Report(eventId, Local(eventId));
        Changed(eventId);
    }

    /// <summary>
    /// After a connection joined an event: a viewer is counted; a moderator (or organiser) gets the
    /// current number at once, since the snapshot does not carry it.
    /// </summary>
    public async Task JoinedAsync(string connectionId, long eventId, EventRole role)
    {
        bool added;
        lock (gate)
        {
            var joined = eventsByConnection.GetValueOrDefault(connectionId) ?? [];

            // Joining the same event again (a resynchronising client) counts nothing again.
            added = !joined.Any(j => j.EventId == eventId);
            if (added)
            {
                eventsByConnection[connectionId] = [.. joined, (eventId, role)];
                metrics.ConnectionJoined(role);
                if (role == EventRole.Viewer)
                {
                    counts[eventId] = counts.GetValueOrDefault(eventId) + 1;
                }
            }
        }

        if (role >= EventRole.Moderator)
        {
            await hub.Clients.Client(connectionId).SendAsync(Message, new ViewerCount(eventId, Count(eventId)));
        }
        else if (added && role == EventRole.Viewer)
        {
            LocalChanged(eventId);
        }
    }

    /// <summary>After LeaveEvent: the connection no longer counts for that event.</summary>
    public void Left(string connectionId, long eventId)
    {
        EventRole role;
        lock (gate)
        {
            var joined = eventsByConnection.GetValueOrDefault(connectionId) ?? [];
            var index = Array.FindIndex(joined, j => j.EventId == eventId);
            if (index < 0)
            {
                return;
            }

            role = joined[index].Role;
            if (joined.Length == 1)
            {
                eventsByConnection.Remove(connectionId);
            }
            else
            {
                eventsByConnection[connectionId] = [.. joined[..index], .. joined[(index + 1)..]];
            }

            Forget(eventId, role);
        }

        if (role == EventRole.Viewer)
        {
            LocalChanged(eventId);
        }
    }

    /// <summary>After the connection closed: it no longer counts anywhere.</summary>
    public void Disconnected(string connectionId)
    {
        (long EventId, EventRole Role)[]? joined;
        lock (gate)
        {
            if (!eventsByConnection.Remove(connectionId, out joined))
            {
                return;
            }

            foreach (var (eventId, role) in joined)
            {
                Forget(eventId, role);
            }
        }

        foreach (var (eventId, _) in joined.Where(j => j.Role == EventRole.Viewer))
        {
            LocalChanged(eventId);
        }
    }

    private void Forget(long eventId, EventRole role)
    {
        metrics.ConnectionLeft(role);
        if (role == EventRole.Viewer)
        {
            Decrement(eventId);
        }
    }

    private void Decrement(long eventId)
    {
        var left = counts.GetValueOrDefault(eventId) - 1;
        if (left > 0)
        {
            counts[eventId] = left;
        }
        else
        {
            counts.Remove(eventId);
        }
    }

    /// <summary>Sends now if the last message is at least an interval old, else once the interval is over.</summary>
    private void Changed(long eventId)
    {
        TimeSpan wait;
        lock (gate)
        {
            if (!broadcasts.TryGetValue(eventId, out var broadcast))
            {
                broadcasts[eventId] = broadcast = new Broadcast();
            }

            if (broadcast.Scheduled)
            {
                // The scheduled message reads the count when it goes out, so it carries this change too.
                return;
            }

            broadcast.Scheduled = true;
            var since = broadcast.LastSent is long last ? time.GetElapsedTime(last) : Interval;
            wait = since >= Interval ? TimeSpan.Zero : Interval - since;
        }

        _ = SendAsync(eventId, wait);
    }

    private async Task SendAsync(long eventId, TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time);
            }

            int viewers;
            lock (gate)
            {
                var broadcast = broadcasts[eventId];
                broadcast.Scheduled = false;
                broadcast.LastSent = time.GetTimestamp();
                viewers = counts.GetValueOrDefault(eventId);
            }

            viewers += nodes?.Elsewhere(eventId) ?? 0;

            await hub.Clients.Group(LiveGroups.Moderators(eventId)).SendAsync(Message, new ViewerCount(eventId, viewers));
            // The interactive consoles read the count with their next refresh.
            feed.Publish(eventId);
        }
        catch (Exception ex)
        {
            // A lost count heals with the next join or leave; it must not take anything else down.
            logger.LogWarning(ex, "Sending the viewer count of event {EventId} failed", eventId);
        }
    }

    private sealed class Broadcast
    {
        public bool Scheduled { get; set; }

        /// <summary>A <see cref="TimeProvider.GetTimestamp"/> value; null before the first message.</summary>
        public long? LastSent { get; set; }
    }
}
