using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Accounts;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Live;

/// <summary>
/// The live hub at /hubs/live. Every method and message is documented in docs/hub-protocol.md;
/// role checks happen in <see cref="LiveHubFilter"/>, driven by <see cref="RequiresEventRoleAttribute"/>.
/// The question methods are in Questions/LiveHub.Questions.cs, the poll methods in Polls/LiveHub.Polls.cs.
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
    ViewerConnections viewerConnections,
    EventBroadcasts broadcasts,
    ViewerCounter viewerCounter,
    PollService polls,
    QuestionPages questionPages,
    Channels.OverlayKeys overlayKeys,
    Channels.OverlaySwitches overlaySwitches) : Hub
{
    public const string Path = "/hubs/live";

    /// <summary>The hub's negotiate and connection requests.</summary>
    public static bool IsHubRequest(HttpContext context) => context.Request.Path.StartsWithSegments(Path);
    private const int MaxSlugLength = 100;

    /// <summary>Joins the event's groups for the caller's role and returns the full snapshot; deltas follow.</summary>
    public async Task<EventSnapshot> JoinEvent(string slug)
    {
        // Most joins are viewers without a sign-in, thousands at once when a broadcast starts: while
        // the event's shared snapshot is current it already says that the event is public, and which.
        if (Context.User?.Identity?.IsAuthenticated != true && snapshots.CurrentPublicEvent(ValidSlug(slug)) is long eventId)
        {
            return await JoinAsync(eventId, isPublic: true, EventRole.Viewer);
        }

        var ev = await FindAsync(slug);
        var role = await access.GetRoleAsync(Context.User, ev.Id);
        return await JoinAsync(ev.Id, ev.Status.IsPublic(), role);
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
        return await JoinAsync(ev.Id, ev.Status.IsPublic(), EventRole.Presenter, new PresenterAdmission(viaKey, key));
    }

    public async Task LeaveEvent(long eventId)
    {
        presenterKeys.Forget(Context.ConnectionId, eventId);
        staff.Left(Context.ConnectionId, eventId);
        viewerCounter.Left(Context.ConnectionId, eventId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Audience(eventId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Moderators(eventId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Presenters(eventId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Overlays(eventId));
    }

    /// <summary>
    /// A stream overlay, after JoinEvent, with the event's overlay key: gets which parts to show now,
    /// then OverlayChanged when a moderator switches one. A wrong key gets "not found", as the page does.
    /// </summary>
    public async Task<Channels.OverlayChanged> JoinOverlay(long eventId, string? key)
    {
        if (!await overlayKeys.VerifyAsync(eventId, key))
        {
            throw HubError.EventNotFound();
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Overlays(eventId));
        return overlaySwitches.Current(eventId);
    }

    /// <summary>A fresh snapshot, for a client that saw a gap in the sequence numbers.</summary>
    public async Task<EventSnapshot> GetSnapshot(long eventId)
    {
        // A presenter screen stays on the presenter's stream, also when a moderator opened it.
        var role = presenterKeys.IsPresenter(Context.ConnectionId, eventId)
            ? EventRole.Presenter
            : await access.GetRoleAsync(Context.User, eventId);
        return await snapshots.ReadAsync(eventId, role, ViewerId(), shared: true) ?? throw HubError.EventNotFound();
    }

    /// <summary>
    /// The public questions a viewer's snapshot left out: up to a page older than <paramref name="beforeId"/>
    /// (null: from the newest). Anyone who may see the event as a viewer; drafts are not found.
    /// </summary>
    public Task<PublicQuestionsPage> GetPublicQuestions(long eventId, long? beforeId) =>
        questionPages.ReadAsync(eventId, beforeId, Context.ConnectionId, Address());

    // Every clock command carries the clock version the caller saw (clock.version in the snapshot and
    // in ClockChanged), as question actions carry theirs: of two moderators pressing "next block" at
    // once, the second gets "stale" instead of skipping a block.
    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> StartEvent(long eventId, long clockVersion) => Command(eventId, clockVersion, ClockCommandKind.StartEvent);

    /// <summary>Starts a draft event, setting it to "scheduled" first; the console asks for confirmation before calling this.</summary>
    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> ScheduleAndStartEvent(long eventId, long clockVersion) =>
        clock.ExecuteAsync(eventId, ClockCommandKind.StartEvent, null, null, AccountClaims.Actor(Context.User), clockVersion, scheduleDraft: true);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> StartBlock(long eventId, long clockVersion, int blockNumber) =>
        Command(eventId, clockVersion, ClockCommandKind.StartBlock, blockNumber: blockNumber);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> ExtendBlock(long eventId, long clockVersion, int minutes) =>
        Command(eventId, clockVersion, ClockCommandKind.ExtendBlock, minutes: minutes);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> PauseBlock(long eventId, long clockVersion) => Command(eventId, clockVersion, ClockCommandKind.PauseBlock);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> ResumeBlock(long eventId, long clockVersion) => Command(eventId, clockVersion, ClockCommandKind.ResumeBlock);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> EndBlock(long eventId, long clockVersion) => Command(eventId, clockVersion, ClockCommandKind.EndBlock);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> NextBlock(long eventId, long clockVersion) => Command(eventId, clockVersion, ClockCommandKind.NextBlock);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> EndEvent(long eventId, long clockVersion) => Command(eventId, clockVersion, ClockCommandKind.EndEvent);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ClockChanged> SetAutoAdvance(long eventId, long clockVersion, bool enabled) =>
        Command(eventId, clockVersion, ClockCommandKind.SetAutoAdvance, minutes: enabled ? 1 : 0);

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
        viewerConnections.Disconnected(Context.ConnectionId);

        return base.OnDisconnectedAsync(exception);
    }

    private Task<ClockChanged> Command(long eventId, long clockVersion, ClockCommandKind kind, int? blockNumber = null, int? minutes = null) =>
        clock.ExecuteAsync(eventId, kind, blockNumber, minutes, AccountClaims.Actor(Context.User), clockVersion);

    private async Task<LiveEvent> FindAsync(string slug) =>
        await events.FindBySlugAsync(ValidSlug(slug)) ?? throw HubError.EventNotFound();

    private static string ValidSlug(string slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            throw HubError.InvalidArgument("Bitte die Kurzadresse (slug) einer Veranstaltung angeben.");
        }

        if (slug.Length > MaxSlugLength)
        {
            throw HubError.InvalidArgument($"Die Kurzadresse ist zu lang: höchstens {MaxSlugLength} Zeichen.");
        }

        return slug.Trim();
    }

    private async Task<EventSnapshot> JoinAsync(long eventId, bool isPublic, EventRole role, PresenterAdmission? presenter = null)
    {
        // Refused before joining any group: a draft's deltas must not reach a viewer.
        if (role < EventRole.Moderator && !isPublic)
        {
            throw HubError.EventNotFound();
        }

        // Viewers join without the event's lock. Moderators and key-holding presenter screens take
        // it because what takes their access away holds it too (StaffConnections.RevokeAsync, a key
        // change in PresenterKeys): that either finds this connection joined and cuts it off, or
        // happens before the check here and refuses it. There are few of them.
        using var gate = role >= EventRole.Moderator || presenter is { ViaKey: true }
            ? await locks.AcquireAsync(eventId, Context.ConnectionAborted)
            : null;
        if (presenter is { ViaKey: true } && !await presenterKeys.VerifyAsync(eventId, presenter.Key))
        {
            throw HubError.Create("invalid-presenter-key", "Der Link zur Referierendenansicht ist ungültig oder wurde widerrufen. Bitte einen neuen Link bei der Organisation anfordern.");
        }

        // Why every change reaches the client exactly once, in the snapshot or as a message, though
        // changes go on while it reads: a change is committed first and queued for sending afterwards
        // (EventChanges); one sender per event hands the queued changes out in order (EventBroadcasts).
        // - Handed out before BeginJoinAsync: committed before the snapshot is read, so in it.
        // - Handed out between BeginJoinAsync and CompleteJoinAsync: kept for this connection;
        //   CompleteJoinAsync sends those numbered above the snapshot's seq S; the others are in it.
        // - Handed out after CompleteJoinAsync: the connection is in the group, and the sender skips
        //   it for numbered messages up to S (changes the snapshot holds that were still queued).
        // A change numbered above S was committed after the read began, so it falls in the second
        // or third case and is sent once. The viewers' shared snapshot may be older than
        // BeginJoinAsync; SnapshotReader hands it out only while no change has been queued since it
        // was read, so the first case still holds.
        string[] groups = role >= EventRole.Moderator
            ? [LiveGroups.Moderators(eventId)]
            : presenter is not null ? [LiveGroups.Audience(eventId), LiveGroups.Presenters(eventId)] : [LiveGroups.Audience(eventId)];
        var ticket = await broadcasts.BeginJoinAsync(eventId, Context.ConnectionId, groups);
        EventSnapshot? snapshot;
        try
        {
            snapshot = await snapshots.ReadAsync(eventId, role, ViewerId(), shared: true);
        }
        catch
        {
            await broadcasts.CancelJoinAsync(eventId, ticket);
            throw;
        }

        if (snapshot is null)
        {
            // Deleted or made a draft in the meantime.
            await broadcasts.CancelJoinAsync(eventId, ticket);
            throw HubError.EventNotFound();
        }

        await broadcasts.CompleteJoinAsync(eventId, ticket, snapshot.Seq);
        if (role >= EventRole.Moderator && AccountClaims.AccountId(Context.User) is long accountId)
        {
            staff.Joined(Context.ConnectionId, eventId, accountId);
        }

        if (presenter is not null)
        {
            presenterKeys.Track(Context.ConnectionId, eventId, presenter.ViaKey);
        }

        await viewerCounter.JoinedAsync(Context.ConnectionId, eventId, role);
        return snapshot;
    }

    private string? ViewerId() => viewerConnections.ViewerOf(Context.ConnectionId);

    /// <param name="ViaKey">False for a signed-in moderator of the event, who needs no key.</param>
    private sealed record PresenterAdmission(bool ViaKey, string? Key);
}
