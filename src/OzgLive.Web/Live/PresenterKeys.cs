using System.Collections.Concurrent;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>
/// The presenter screen's secret link (/events/{slug}/stage?key=…): organisers make a new key or
/// revoke it; whoever holds the current key may watch the presenter feed and change nothing. A new
/// or revoked key also cuts off the screens that joined with the old one.
/// </summary>
/// <param name="revocations">Null on a single node; with several, the others cut off their screens too.</param>
public sealed class PresenterKeys(
    Database database, EventChanges changes, EventLocks locks, IHubContext<LiveHub> hub, ILogger<PresenterKeys> logger, ScaleOut.NodeRevocations? revocations = null)
{
    // Connections showing an event's presenter screen, and whether they got in with the key (and so
    // lose access when it changes) or as a signed-in moderator (whose access is their account's).
    private readonly ConcurrentDictionary<(string ConnectionId, long EventId), bool> screens = new();

    public async Task<bool> VerifyAsync(long eventId, string? key)
    {
        if (!EventLinkKeys.IsPlausible(key))
        {
            return false;
        }

        return EventLinkKeys.Matches(await CurrentAsync(eventId), key);
    }

    /// <returns>The event's current key; null when there is none (never made, or revoked).</returns>
    public async Task<string?> CurrentAsync(long eventId)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<string?>("SELECT presenter_key FROM events WHERE id = @eventId", new { eventId });
    }

    /// <summary>The presenter screen's address for this key, relative to the site.</summary>
    public static string StagePath(string slug, string key) => $"/events/{Uri.EscapeDataString(slug)}/stage?key={Uri.EscapeDataString(key)}";

    /// <returns>The new key (URL-safe, 32 characters).</returns>
    public async Task<string> RegenerateAsync(long eventId, string actor) =>
        (await ChangeAsync(eventId, EventLinkKeys.New(), actor))!;

    public Task RevokeAsync(long eventId, string actor) => ChangeAsync(eventId, null, actor);

    /// <summary>Another node changed the key: this node's screens that joined with the old one go.</summary>
    public async Task CutOffHereAsync(long eventId)
    {
        // Under the event's lock, like the key check in JoinAsPresenter.
        using var gate = await locks.AcquireAsync(eventId);
        await CutOffScreensAsync(eventId);
    }

    /// <summary>Call under the event's lock (as JoinAsPresenter does), so that a key change cannot slip in between.</summary>
    public void Track(string connectionId, long eventId, bool viaKey) => screens[(connectionId, eventId)] = viaKey;

    public void Forget(string connectionId, long eventId) => screens.TryRemove((connectionId, eventId), out _);

    public void ForgetAll(string connectionId)
    {
        foreach (var screen in screens.Keys.Where(k => k.ConnectionId == connectionId).ToList())
        {
            screens.TryRemove(screen, out _);
        }
    }

    public bool IsPresenter(string connectionId, long eventId) => screens.ContainsKey((connectionId, eventId));

    private async Task<string?> ChangeAsync(long eventId, string? key, string actor)
    {
        var changed = await changes.RunAsync(eventId, async change =>
        {
            var changed = await change.Connection.ExecuteAsync(
                "UPDATE events SET presenter_key = @key WHERE id = @eventId", new { key, eventId }, change.Transaction);
            if (changed == 0)
            {
                throw HubError.EventNotFound();
            }

            // The audit names the action, never the key.
            await AuditLog.WriteAsync(change, actor, key is null ? "presenter-key-revoke" : "presenter-key-renew");
            change.ToModerators(ServerMessages.PresenterKeyChanged, modSeq => new PresenterKeyChanged(eventId, modSeq, key));

            // Still under the event's lock, like the key check in JoinAsPresenter: a screen either
            // joined before this and is cut off here, or checks its key after this and is refused.
            await CutOffScreensAsync(eventId);

            logger.LogInformation("Presenter key of event {EventId} {Change} by {Actor}", eventId, key is null ? "revoked" : "renewed", actor);
            return key;
        });
        revocations?.PresenterKey(eventId);
        return changed;
    }

    private async Task CutOffScreensAsync(long eventId)
    {
        foreach (var (connectionId, _) in screens.Where(s => s.Key.EventId == eventId && s.Value).Select(s => s.Key).ToList())
        {
            Forget(connectionId, eventId);
            await hub.Groups.RemoveFromGroupAsync(connectionId, LiveGroups.Audience(eventId));
            await hub.Groups.RemoveFromGroupAsync(connectionId, LiveGroups.Presenters(eventId));
            await hub.Clients.Client(connectionId).SendAsync(ServerMessages.AccessRevoked, new AccessRevoked(eventId));
        }
    }
}
