using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Accounts;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;

namespace OzgLive.Web.Live;

/// <summary>
/// The live hub at /hubs/live. Every method and message is documented in docs/hub-protocol.md;
/// role checks happen in <see cref="LiveHubFilter"/>, driven by <see cref="RequiresEventRoleAttribute"/>.
/// </summary>
public sealed class LiveHub(EventStore events, ClockService clock, EventAccess access, EventLocks locks) : Hub
{
    public const string Path = "/hubs/live";
    private const int MaxSlugLength = 100;

    /// <summary>Joins the event's groups and returns the full snapshot; deltas follow.</summary>
    public async Task<EventSnapshot> JoinEvent(string slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            throw HubError.InvalidArgument("Bitte die Kurzadresse (slug) einer Veranstaltung angeben.");
        }

        if (slug.Length > MaxSlugLength)
        {
            throw HubError.InvalidArgument($"Die Kurzadresse ist zu lang: höchstens {MaxSlugLength} Zeichen.");
        }

        var ev = await events.FindBySlugAsync(slug.Trim()) ?? throw HubError.EventNotFound();

        // Every change is committed and broadcast under the event's lock. Holding it while reading
        // the snapshot and joining the groups puts each change either in the snapshot or in a later
        // delta with a higher seq, never in both and never in neither. (A delta may still reach the
        // client just before this answer; clients keep deltas whose seq is above the snapshot's.)
        using (await locks.AcquireAsync(ev.Id, Context.ConnectionAborted))
        {
            var snapshot = await SnapshotAsync(ev.Id);
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Event(ev.Id));
            if (snapshot.Role >= EventRole.Moderator)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Moderators(ev.Id));
            }

            return snapshot;
        }
    }

    public async Task LeaveEvent(long eventId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Event(eventId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Moderators(eventId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Presenters(eventId));
    }

    /// <summary>A fresh snapshot, for a client that saw a gap in the sequence numbers.</summary>
    public Task<EventSnapshot> GetSnapshot(long eventId) => SnapshotAsync(eventId);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> StartEvent(long eventId) => Command(eventId, ClockCommandKind.StartEvent);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> StartBlock(long eventId, int blockNumber) =>
        Command(eventId, ClockCommandKind.StartBlock, blockNumber: blockNumber);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> ExtendBlock(long eventId, int minutes) =>
        Command(eventId, ClockCommandKind.ExtendBlock, minutes: minutes);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> PauseBlock(long eventId) => Command(eventId, ClockCommandKind.PauseBlock);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> ResumeBlock(long eventId) => Command(eventId, ClockCommandKind.ResumeBlock);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> EndBlock(long eventId) => Command(eventId, ClockCommandKind.EndBlock);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> NextBlock(long eventId) => Command(eventId, ClockCommandKind.NextBlock);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> EndEvent(long eventId) => Command(eventId, ClockCommandKind.EndEvent);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> SetAutoAdvance(long eventId, bool enabled) =>
        Command(eventId, ClockCommandKind.SetAutoAdvance, minutes: enabled ? 1 : 0);

    private Task<ClockChanged> Command(long eventId, ClockCommandKind kind, int? blockNumber = null, int? minutes = null) =>
        clock.ExecuteAsync(eventId, kind, blockNumber, minutes, AccountClaims.Actor(Context.User));

    private async Task<EventSnapshot> SnapshotAsync(long eventId)
    {
        var role = await access.GetRoleAsync(Context.User, eventId);
        var read = await clock.ReadAsync(eventId);
        if (read is not var (ev, state, now) || (!ev.Status.IsPublic() && role < EventRole.Moderator))
        {
            throw HubError.EventNotFound();
        }

        return new EventSnapshot(ev.Id, ev.Seq, role, EventView.From(ev), ClockView.From(state, now));
    }
}
