using Dapper;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Channels;

/// <summary>
/// The stream overlay's secret link (/events/{slug}/overlay?key=…), made and revoked by organisers
/// on the event page. The overlay shows only what the public sees; the key keeps the page itself
/// out of search engines and strangers' hands, and revoking it ends an old browser source's access.
/// </summary>
public sealed class OverlayKeys(Database database, TimeProvider time, ILogger<OverlayKeys> logger)
{
    public static string OverlayPath(string slug, string key) => $"/events/{Uri.EscapeDataString(slug)}/overlay?key={Uri.EscapeDataString(key)}";

    public async Task<string?> CurrentAsync(long eventId)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<string?>("SELECT overlay_key FROM events WHERE id = @eventId", new { eventId });
    }

    /// <summary>
    /// The key is the event's current one and the event is public: an overlay made while the event
    /// was a draft shows nothing until it is published, like every other public page of a draft.
    /// </summary>
    public async Task<bool> VerifyAsync(long eventId, string? key)
    {
        if (!EventLinkKeys.IsPlausible(key))
        {
            return false;
        }

        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<(string? Key, string Status)>(
            "SELECT overlay_key, status FROM events WHERE id = @eventId", new { eventId });
        return row.Status is not null && EventStatusText.Parse(row.Status).IsPublic() && EventLinkKeys.Matches(row.Key, key);
    }

    public async Task<string> RegenerateAsync(long eventId, string actor) => (await ChangeAsync(eventId, EventLinkKeys.New(), actor))!;

    public Task RevokeAsync(long eventId, string actor) => ChangeAsync(eventId, null, actor);

    private async Task<string?> ChangeAsync(long eventId, string? key, string actor)
    {
        await using var connection = database.Open();
        await using var transaction = Database.BeginWrite(connection);
        await connection.ExecuteAsync("UPDATE events SET overlay_key = @key WHERE id = @eventId", new { key, eventId }, transaction);
        // The audit names the action, never the key.
        await AuditLog.WriteAsync(connection, transaction, eventId, time.GetUtcNow(), actor, key is null ? "overlay-key-revoke" : "overlay-key-renew");
        await transaction.CommitAsync();
        logger.LogInformation("Overlay key of event {EventId} {Change} by {Actor}", eventId, key is null ? "revoked" : "renewed", actor);
        return key;
    }
}
