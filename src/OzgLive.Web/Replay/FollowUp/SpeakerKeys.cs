using Dapper;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Replay.FollowUp;

/// <summary>
/// The speakers' follow-up link (/events/{slug}/nachbereitung?key=…). Speakers have no accounts:
/// whoever holds the event's current key may write and publish answers to its open questions.
/// Organisers make, renew (old links stop working) and revoke it on the transcript review page.
/// </summary>
public sealed class SpeakerKeys(Database database, TimeProvider time, ILogger<SpeakerKeys> logger)
{
    /// <summary>The audit actor of every answer written through the link: the link, not a person, is what we know.</summary>
    public const string Actor = "speaker-link";

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
        return await connection.ExecuteScalarAsync<string?>("SELECT speaker_key FROM events WHERE id = @eventId", new { eventId });
    }

    /// <summary>The follow-up page's address for this key, relative to the site.</summary>
    public static string FollowUpPath(string slug, string key) =>
        $"/events/{Uri.EscapeDataString(slug)}/nachbereitung?key={Uri.EscapeDataString(key)}";

    /// <returns>The new key (URL-safe, 32 characters, 192 random bits; the old one stops working at once), or null when there is no such event.</returns>
    public async Task<string?> RegenerateAsync(long eventId, string actor)
    {
        var key = EventLinkKeys.New();
        return await ChangeAsync(eventId, key, actor) ? key : null;
    }

    /// <returns>False when there is no such event.</returns>
    public Task<bool> RevokeAsync(long eventId, string actor) => ChangeAsync(eventId, null, actor);

    private async Task<bool> ChangeAsync(long eventId, string? key, string actor)
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginWrite(connection);
        var changed = await connection.ExecuteAsync("UPDATE events SET speaker_key = @key WHERE id = @eventId", new { key, eventId }, transaction);
        if (changed == 0)
        {
            return false;
        }

        // The audit names the action, never the key.
        await AuditLog.WriteAsync(connection, transaction, eventId, time.GetUtcNow(), actor, key is null ? "speaker-key-revoke" : "speaker-key-renew");
        transaction.Commit();
        logger.LogInformation("Speaker key of event {EventId} {Change} by {Actor}", eventId, key is null ? "revoked" : "renewed", actor);
        return true;
    }
}
