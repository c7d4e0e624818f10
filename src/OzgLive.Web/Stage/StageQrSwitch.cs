using OzgLive.Web.Live;

namespace OzgLive.Web.Stage;

/// <summary>
/// Whether the presenter screen shows the join QR code, per event; moderators switch it in the
/// console. Off by default; kept like every screen switch (<see cref="ScreenSwitches"/>: in memory, on
/// every node).
/// </summary>
public sealed class StageQrSwitch
{
    private const string Name = "stage-qr";

    private readonly ScreenSwitches switches;

    public StageQrSwitch(ScreenSwitches switches, EventFeed feed)
    {
        this.switches = switches;
        // The event's screens here (presenter screens, other consoles) read again, whichever node it came from.
        switches.Changed += (eventId, name) =>
        {
            if (name == Name)
            {
                feed.Publish(eventId);
            }

            return Task.CompletedTask;
        };
    }

    public bool IsShown(long eventId) => switches.Get(eventId, Name, fallback: false);

    /// <summary>Switches and tells the event's screens (presenter screens, other consoles) to read again.</summary>
    public Task SetAsync(long eventId, bool show) => switches.SetAsync(eventId, Name, show);
}
