using System.Collections.Concurrent;

namespace OzgLive.Web.Live;

/// <summary>
/// Switches moderators set on the live screens, per event: which parts the stream overlay shows
/// (Channels/OverlaySwitches) and whether the presenter screen shows the join QR code
/// (Stage/StageQrSwitch). Kept in memory, not stored: after a restart each is back at its screen's
/// default, which costs a click and spares a migration for a screen setting.
/// </summary>
/// <remarks>
/// With several app nodes a moderator's console and the screens may sit on different nodes; there
/// the switch goes to the other nodes too (ScaleOut/NodeScreenSwitches), which keep it and tell their
/// own screens through <see cref="Changed"/>. A node started later knows only the switches set after it
/// started; the others show their defaults until a moderator switches again.
/// </remarks>
public class ScreenSwitches
{
    private readonly ConcurrentDictionary<(long EventId, string Name), bool> switches = new();

    /// <summary>A switch changed, here or on another node: (event, switch name).</summary>
    public event Func<long, string, Task>? Changed;

    public bool Get(long eventId, string name, bool fallback) => switches.TryGetValue((eventId, name), out var on) ? on : fallback;

    /// <summary>A moderator on this node set the switch: kept, told to this node's screens and to the other nodes.</summary>
    public async Task SetAsync(long eventId, string name, bool on)
    {
        await SetHereAsync(eventId, name, on);
        Publish(eventId, name, on);
    }

    /// <summary>Keeps the switch and tells this node's screens (a switch set here, or one another node announced).</summary>
    public async Task SetHereAsync(long eventId, string name, bool on)
    {
        switches[(eventId, name)] = on;
        if (Changed is { } changed)
        {
            foreach (var handler in changed.GetInvocationList().Cast<Func<long, string, Task>>())
            {
                await handler(eventId, name);
            }
        }
    }

    /// <summary>Tells the other nodes; a single node has none.</summary>
    protected virtual void Publish(long eventId, string name, bool on)
    {
    }
}
