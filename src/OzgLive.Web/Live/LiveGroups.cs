namespace OzgLive.Web.Live;

/// <summary>
/// SignalR group names, from one place so the hub, the notifier and the tests agree. The groups are
/// per event; a viewer's own connections are found through <see cref="ViewerConnections"/>.
/// </summary>
public static class LiveGroups
{
    /// <summary>Viewers and presenters: the public stream, numbered by seq.</summary>
    public static string Audience(long eventId) => $"event:{eventId}:audience";

    /// <summary>Moderators (and organisers) of the event.</summary>
    public static string Moderators(long eventId) => $"event:{eventId}:moderators";

    /// <summary>Presenter screens of the event, which get the clock warnings.</summary>
    public static string Presenters(long eventId) => $"event:{eventId}:presenters";

    /// <summary>Stream overlays of the event (joined with the overlay key), which get OverlayChanged.</summary>
    public static string Overlays(long eventId) => $"event:{eventId}:overlays";
}
