using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>
/// The presenter screen's secret link (/events/{slug}/stage?key=…): organisers make a new key or
/// revoke it; whoever holds the current key may watch the presenter feed and change nothing. A new
/// or revoked key also disconnects the screens that joined with the old one.
/// </summary>
public sealed class PresenterKeys(Database database, IHubContext<LiveHub> hub, ILogger<PresenterKeys> logger)
{
    public const string AccessRevoked = nameof(AccessRevoked);

    private readonly ConcurrentDictionary<string, long> presenterConnections = new();

    public async Task<bool> VerifyAsync(long eventId, string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return false;
        }

        await using var connection = database.Open();
        var stored = await connection.ExecuteScalarAsync<string?>("SELECT presenter_key FROM events WHERE id = @eventId", new { eventId });
        return stored is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(key));
    }

    public async Task<string> RegenerateAsync(long eventId)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await StoreAsync(eventId, key);
        return key;
    }

    public Task RevokeAsync(long eventId) => StoreAsync(eventId, null);

    public void Track(string connectionId, long eventId) => presenterConnections[connectionId] = eventId;

    public void Forget(string connectionId) => presenterConnections.TryRemove(connectionId, out _);

    public bool IsPresenter(string connectionId, long eventId) =>
        presenterConnections.TryGetValue(connectionId, out var joined) && joined == eventId;

    private async Task StoreAsync(long eventId, string? key)
    {
        await using (var connection = database.Open())
        {
            var changed = await connection.ExecuteAsync("UPDATE events SET presenter_key = @key WHERE id = @eventId", new { key, eventId });
            if (changed == 0)
            {
                throw HubError.EventNotFound();
            }
        }

        logger.LogInformation("Presenter key of event {EventId} {Change}", eventId, key is null ? "revoked" : "renewed");
        foreach (var (connectionId, _) in presenterConnections.Where(p => p.Value == eventId).ToList())
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, LiveGroups.Audience(eventId));
            await hub.Groups.RemoveFromGroupAsync(connectionId, LiveGroups.Presenters(eventId));
            await hub.Clients.Client(connectionId).SendAsync(AccessRevoked, new { eventId });
            Forget(connectionId);
        }
    }
}
