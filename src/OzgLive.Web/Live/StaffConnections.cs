using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace OzgLive.Web.Live;

/// <summary>
/// Which connections joined an event as moderators, by account, so that taking a moderator off an
/// event also stops what their open console receives (pending questions included), at once rather
/// than at their next reconnect.
/// </summary>
/// <param name="revocations">Null on a single node; with several, the others cut off their consoles too.</param>
public sealed class StaffConnections(
    IHubContext<LiveHub> hub, EventLocks locks, EventFeed feed, ILogger<StaffConnections> logger, ScaleOut.NodeRevocations? revocations = null)
{
    private readonly ConcurrentDictionary<(string ConnectionId, long EventId), long> joined = new();

    public void Joined(string connectionId, long eventId, long accountId) => joined[(connectionId, eventId)] = accountId;

    /// <summary>The events this connection joined as a moderator or organiser.</summary>
    public IReadOnlyList<long> EventsOf(string connectionId) =>
        [.. joined.Keys.Where(k => k.ConnectionId == connectionId).Select(k => k.EventId)];

    public void Left(string connectionId, long eventId) => joined.TryRemove((connectionId, eventId), out _);

    public void Disconnected(string connectionId)
    {
        foreach (var key in joined.Keys.Where(k => k.ConnectionId == connectionId).ToList())
        {
            joined.TryRemove(key, out _);
        }
    }

    /// <summary>Call after the account lost its role in the event (it was unassigned).</summary>
    public async Task RevokeAsync(long eventId, long accountId)
    {
        await RevokeHereAsync(eventId, accountId);
        revocations?.Staff(eventId, accountId);
    }

    /// <summary>Cuts off this node's consoles of the account in the event.</summary>
    public async Task RevokeHereAsync(long eventId, long accountId)
    {
        // Under the event's lock, like a moderator's join: a join either finished (and is removed here) or
        // starts after the assignment is gone (and gets the viewer's view).
        using var gate = await locks.AcquireAsync(eventId);
        foreach (var (key, _) in joined.Where(j => j.Key.EventId == eventId && j.Value == accountId).ToList())
        {
            await hub.Groups.RemoveFromGroupAsync(key.ConnectionId, LiveGroups.Moderators(eventId));
            await hub.Clients.Client(key.ConnectionId).SendAsync(ServerMessages.AccessRevoked, new AccessRevoked(eventId));
            joined.TryRemove(key, out _);
            logger.LogInformation("Removed a console of account {AccountId} from event {EventId}", accountId, eventId);
        }

        // The interactive consoles check the role again on every change: this one closes theirs.
        feed.Publish(eventId);
    }
}
