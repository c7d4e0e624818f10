using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;

namespace OzgLive.Web.Moderation;

/// <summary>What the console shows: the moderator's snapshot, viewers online, and the questions' numbers.</summary>
public sealed record ConsoleState(EventSnapshot Snapshot, int Viewers, IReadOnlyDictionary<long, int> Numbers)
{
    public EventRole Role => Snapshot.Role;
}

/// <summary>A clock command from the bar or a key.</summary>
public sealed record ClockCommand(ClockCommandKind Kind, int? BlockNumber = null, int? Minutes = null);

/// <summary>
/// Texts a moderator is writing (a written answer, an edit, a backstage note), per circuit: they
/// survive a reconnect with the circuit, and are mirrored to the tab's session storage (encrypted by
/// ProtectedSessionStorage) so that a page reloaded after a lost circuit gets them back.
/// </summary>
public sealed class ConsoleDrafts(ProtectedSessionStorage storage)
{
    private readonly Dictionary<string, string> drafts = [];
    private long? restoredFor;

    public string? Get(string key) => drafts.TryGetValue(key, out var text) ? text : null;

    public bool Has(string key) => drafts.ContainsKey(key);

    /// <param name="text">Null: written or sent, forget it.</param>
    public async Task SetAsync(long eventId, string key, string? text)
    {
        if (text is null)
        {
            drafts.Remove(key);
        }
        else
        {
            drafts[key] = text;
        }

        try
        {
            await storage.SetAsync(StorageKey(eventId), drafts);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            // Without the browser's storage the draft still lives in the circuit.
        }
    }

    /// <summary>Call after the first render (storage needs the browser).</summary>
    public async Task RestoreAsync(long eventId)
    {
        if (restoredFor == eventId)
        {
            return;
        }

        restoredFor = eventId;
        try
        {
            var stored = await storage.GetAsync<Dictionary<string, string>>(StorageKey(eventId));
            if (stored is { Success: true, Value: { } saved })
            {
                foreach (var (key, text) in saved)
                {
                    drafts.TryAdd(key, text);
                }
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            // Nothing kept, or from another key ring: start without drafts.
        }
    }

    private static string StorageKey(long eventId) => $"ozglive-drafts-{eventId}";
}
