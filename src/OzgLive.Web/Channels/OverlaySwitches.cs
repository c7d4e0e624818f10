using System.Collections.Concurrent;
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
/// Kept in memory like <see cref="Stage.StageQrSwitch"/>: after a restart every part is shown again,
/// the overlay's designed default (the poll stays off), which spares a migration for a screen setting.
/// </summary>
public sealed class OverlaySwitches(IHubContext<LiveHub> hub)
{
    private readonly ConcurrentDictionary<long, OverlayChanged> states = new();

    public OverlayChanged Current(long eventId) => states.GetValueOrDefault(eventId) ?? new OverlayChanged(eventId, true, true, true);

    /// <summary>Switches one part and tells the event's overlays (only they are in the group).</summary>
    public Task SetAsync(long eventId, OverlayPart part, bool show)
    {
        var changed = states.AddOrUpdate(eventId, id => With(Current(id), part, show), (_, old) => With(old, part, show));
        return hub.Clients.Group(LiveGroups.Overlays(eventId)).SendAsync(nameof(OverlayChanged), changed);
    }

    private static OverlayChanged With(OverlayChanged state, OverlayPart part, bool show) => part switch
    {
        OverlayPart.Question => state with { ShowQuestion = show },
        OverlayPart.Qr => state with { ShowQr = show },
        OverlayPart.Poll => state with { ShowPoll = show },
        _ => state with { ShowBlock = show },
    };
}
