using System.Collections.Concurrent;
using OzgLive.Web.Live;

namespace OzgLive.Web.Stage;

/// <summary>
/// Whether the presenter screen shows the join QR code, per event; moderators switch it in the
/// console. Kept in memory, not stored: after a restart it is off again until a moderator switches
/// it on, which costs one click and spares a migration for a screen setting.
/// </summary>
public sealed class StageQrSwitch(EventFeed feed)
{
    private readonly ConcurrentDictionary<long, bool> shown = new();

    public bool IsShown(long eventId) => shown.GetValueOrDefault(eventId);

    /// <summary>Switches and tells the event's screens (presenter screens, other consoles) to read again.</summary>
    public void Set(long eventId, bool show)
    {
        shown[eventId] = show;
        feed.Publish(eventId);
    }
}
