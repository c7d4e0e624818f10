using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Live;

namespace OzgLive.Web.Channels;

/// <summary>What the stream overlay shows (docs/hub-protocol.md, OverlayChanged): unnumbered, it replaces the last one.</summary>
/// <param name="ShowPoll">The open poll with its public results: off until a moderator switches it on (a poll on the stream is a decision).</param>
public sealed record OverlayChanged(long EventId, bool ShowQuestion, bool ShowQr, bool ShowBlock, bool ShowPoll = false);

/// <summary>The parts of the stream overlay a moderator can show or hide.</summary>
public enum OverlayPart
{
    Question,
    Qr,
    Block,
    Poll,
}

/// <summary>
/// Which parts of the stream overlay are shown, per event; moderators switch them in the console.
/// Kept like every screen switch (<see cref="ScreenSwitches"/>: in memory, on every node); the
/// overlay's designed default is every part shown but the poll.
/// </summary>
public sealed class OverlaySwitches
{
    private const string Prefix = "overlay-";

    private readonly ScreenSwitches switches;

    public OverlaySwitches(ScreenSwitches switches, IHubContext<LiveHub> hub)
    {
        this.switches = switches;
        // This node's overlays of the event (only they are in the group) get the new state, whichever
        // node the moderator switched it on.
        switches.Changed += (eventId, name) => name.StartsWith(Prefix, StringComparison.Ordinal)
            ? hub.Clients.Group(LiveGroups.Overlays(eventId)).SendAsync(nameof(OverlayChanged), Current(eventId))
            : Task.CompletedTask;
    }

    public OverlayChanged Current(long eventId) => new(
        eventId,
        Shown(eventId, OverlayPart.Question),
        Shown(eventId, OverlayPart.Qr),
        Shown(eventId, OverlayPart.Block),
        Shown(eventId, OverlayPart.Poll));

    /// <summary>Switches one part and tells the event's overlays.</summary>
    public Task SetAsync(long eventId, OverlayPart part, bool show) => switches.SetAsync(eventId, Name(part), show);

    private bool Shown(long eventId, OverlayPart part) => switches.Get(eventId, Name(part), fallback: part != OverlayPart.Poll);

    private static string Name(OverlayPart part) => Prefix + part.ToString().ToLowerInvariant();
}
