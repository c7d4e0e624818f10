using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Accounts;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Live;

/// <summary>
/// The live hub at /hubs/live. Every method and message is documented in docs/hub-protocol.md;
/// role checks happen in <see cref="LiveHubFilter"/>, driven by <see cref="RequiresEventRoleAttribute"/>.
/// The question methods are in Questions/LiveHub.Questions.cs.
/// </summary>
public sealed partial class LiveHub(
    EventStore events,
    ClockService clock,
    EventAccess access,
    EventLocks locks,
    SnapshotReader snapshots,
    PresenterKeys presenterKeys,
    StaffConnections staff,
    QuestionService questions,
    QuestionStore questionStore,
    ViewerIdentity viewers,
    ViewerCounter viewerCounter) : Hub
{
    public const string Path = "/hubs/live";
    private const int MaxSlugLength = 100;

    /// <summary>Joins the event's groups for the caller's role and returns the full snapshot; deltas follow.</summary>
    public async Task<EventSnapshot> JoinEvent(string slug)
    {
        var ev = await FindAsync(slug);
        var role = await access.GetRoleAsync(Context.User, ev.Id);
        return await JoinAsync(ev.Id, role);
    }

    /// <summary>
    /// Joins as the presenter screen: with the event's secret presenter key, or without one as a
    /// signed-in moderator of the event. Either way the screen gets the presenter's view, never the
    /// pending questions: it may be on a screen the audience can see.
    /// </summary>
    public async Task<EventSnapshot> JoinAsPresenter(string slug, string? key)
    {
        var ev = await FindAsync(slug);
        var viaKey = await access.GetRoleAsync(Context.User, ev.Id) < EventRole.Moderator;
        return await JoinAsync(ev.Id, EventRole.Presenter, new PresenterAdmission(viaKey, key));
    }

    public async Task LeaveEvent(long eventId)
    {
        presenterKeys.Forget(Context.ConnectionId, eventId);
        staff.Left(Context.ConnectionId, eventId);
        viewerCounter.Left(Context.ConnectionId, eventId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Audience(eventId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Moderators(eventId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Presenters(eventId));
    }

    /// <summary>A fresh snapshot, for a client that saw a gap in the sequence numbers.</summary>
    public async Task<EventSnapshot> GetSnapshot(long eventId)
    {
        // A presenter screen stays on the presenter's stream, also when a moderator opened it.
        var role = presenterKeys.IsPresenter(Context.ConnectionId, eventId)
            ? EventRole.Presenter
            : await access.GetRoleAsync(Context.User, eventId);
        return await snapshots.ReadAsync(eventId, role, ViewerId()) ?? throw HubError.EventNotFound();
    }

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

    /// <summary>Makes a new presenter key; screens that joined with the old one are disconnected.</summary>
    [RequiresEventRole(EventRole.Organiser)]
    public Task<string> RegeneratePresenterKey(long eventId) =>
        presenterKeys.RegenerateAsync(eventId, AccountClaims.Actor(Context.User));

    /// <summary>Revokes the presenter key: no link works until an organiser makes a new one.</summary>
    [RequiresEventRole(EventRole.Organiser)]
    public Task RevokePresenterKey(long eventId) => presenterKeys.RevokeAsync(eventId, AccountClaims.Actor(Context.User));

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        presenterKeys.ForgetAll(Context.ConnectionId);
        staff.Disconnected(Context.ConnectionId);
        viewerCounter.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private Task<ClockChanged> Command(long eventId, ClockCommandKind kind, int? blockNumber = null, int? minutes = null) =>
        clock.ExecuteAsync(eventId, kind, blockNumber, minutes, AccountClaims.Actor(Context.User));

    private async Task<LiveEvent> FindAsync(string slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            throw HubError.InvalidArgument("Bitte die Kurzadresse (slug) einer Veranstaltung angeben.");
        }

        if (slug.Length > MaxSlugLength)
        {
            throw HubError.InvalidArgument($"Die Kurzadresse ist zu lang: höchstens {MaxSlugLength} Zeichen.");
        }

        return await events.FindBySlugAsync(slug.Trim()) ?? throw HubError.EventNotFound();
    }

    private async Task<EventSnapshot> JoinAsync(long eventId, EventRole role, PresenterAdmission? presenter = null)
    {
        // Every change is committed and broadcast under the event's lock. Holding it while reading
        // the snapshot and joining the groups puts each change either in the snapshot or in a later
        // delta with a higher seq, never in both and never in neither. (A delta may still reach the
        // client just before this answer; clients keep deltas whose seq is above the snapshot's.)
        using (await locks.AcquireAsync(eventId, Context.ConnectionAborted))
        {
            // The key is checked under the lock that a key change holds too: a screen either joins
            // before the change (and is cut off by it) or checks its key after it (and is refused).
            if (presenter is { ViaKey: true } && !await presenterKeys.VerifyAsync(eventId, presenter.Key))
            {
                throw HubError.Create("invalid-presenter-key", "Der Link zur Referentenansicht ist ungültig oder wurde widerrufen. Bitte einen neuen Link bei der Organisation anfordern.");
            }

            // Refused before joining any group: a draft's deltas must not reach a viewer.
            var snapshot = await snapshots.ReadAsync(eventId, role, ViewerId()) ?? throw HubError.EventNotFound();

            // Moderators get every change on their own numbered stream (and everything sent to
            // presenters is sent to them as well); viewers and presenters get the public stream.
            if (role >= EventRole.Moderator)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Moderators(eventId));
                if (AccountClaims.AccountId(Context.User) is long accountId)
                {
                    staff.Joined(Context.ConnectionId, eventId, accountId);
                }
            }
            else
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Audience(eventId));
                if (presenter is not null)
                {
                    await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Presenters(eventId));
                    presenterKeys.Track(Context.ConnectionId, eventId, presenter.ViaKey);
                }
            }

            await viewerCounter.JoinedAsync(Context.ConnectionId, eventId, role);
            return snapshot;
        }
    }

    private string? ViewerId() =>
        Context.Items.TryGetValue(ViewerIdKey, out var id) ? id as string : null;

    /// <param name="ViaKey">False for a signed-in moderator of the event, who needs no key.</param>
    private sealed record PresenterAdmission(bool ViaKey, string? Key);
}
