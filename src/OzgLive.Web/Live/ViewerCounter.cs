using Microsoft.AspNetCore.SignalR;

namespace OzgLive.Web.Live;

/// <summary>To the moderators of an event (not numbered): how many viewer connections are open now.</summary>
public sealed record ViewerCount(long EventId, int Viewers);

/// <summary>
/// Counts the open viewer connections per event (public pages that joined as viewers; presenter
/// screens and moderators do not count) and tells the event's moderators, at most once per
/// <see cref="Interval"/>: when hundreds join at the start of a broadcast, moderators get a number
/// every few seconds instead of a message per viewer. Kept in memory: after a restart every page
/// joins again, which counts it again.
/// </summary>
public sealed class ViewerCounter(IHubContext<LiveHub> hub, TimeProvider time, ILogger<ViewerCounter> logger)
{
    public const string Message = nameof(ViewerCount);

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<long>> eventsByConnection = [];
    private readonly Dictionary<long, int> counts = [];
    private readonly Dictionary<long, Broadcast> broadcasts = [];

    public int Count(long eventId)
    {
        lock (gate)
        {
            return counts.GetValueOrDefault(eventId);
        }
    }

    /// <summary>
    /// After a connection joined an event: a viewer is counted; a moderator (or organiser) gets the
    /// current number at once, since the snapshot does not carry it.
    /// </summary>
    public async Task JoinedAsync(string connectionId, long eventId, EventRole role)
    {
        if (role >= EventRole.Moderator)
        {
            await hub.Clients.Client(connectionId).SendAsync(Message, new ViewerCount(eventId, Count(eventId)));
            return;
        }

        if (role != EventRole.Viewer)
        {
            return;
        }

        lock (gate)
        {
            if (!eventsByConnection.TryGetValue(connectionId, out var joined))
            {
                eventsByConnection[connectionId] = joined = [];
            }

            if (!joined.Add(eventId))
            {
                return;
            }

            counts[eventId] = counts.GetValueOrDefault(eventId) + 1;
        }

        Changed(eventId);
    }

    /// <summary>After LeaveEvent: the connection no longer counts for that event.</summary>
    public void Left(string connectionId, long eventId)
    {
        lock (gate)
        {
            if (!eventsByConnection.TryGetValue(connectionId, out var joined) || !joined.Remove(eventId))
            {
                return;
            }

            if (joined.Count == 0)
            {
                eventsByConnection.Remove(connectionId);
            }

            Decrement(eventId);
        }

        Changed(eventId);
    }

    /// <summary>After the connection closed: it no longer counts anywhere.</summary>
    public void Disconnected(string connectionId)
    {
        HashSet<long>? joined;
        lock (gate)
        {
            if (!eventsByConnection.Remove(connectionId, out joined))
            {
                return;
            }

            foreach (var eventId in joined)
            {
                Decrement(eventId);
            }
        }

        foreach (var eventId in joined)
        {
            Changed(eventId);
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

            await hub.Clients.Group(LiveGroups.Moderators(eventId)).SendAsync(Message, new ViewerCount(eventId, viewers));
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
