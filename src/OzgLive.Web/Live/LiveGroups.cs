namespace OzgLive.Web.Live;

/// <summary>SignalR group names, from one place so the hub, the notifier and the tests agree.</summary>
public static class LiveGroups
{
    /// <summary>Viewers and presenters: the public stream, numbered by seq.</summary>
    public static string Audience(long eventId) => $"event:{eventId}:audience";

    /// <summary>All connections of one anonymous viewer, for their own questions.</summary>
    public static string Viewer(string viewerId) => $"viewer:{viewerId}";

    /// <summary>Moderators (and organisers) of the event.</summary>
    public static string Moderators(long eventId) => $"event:{eventId}:moderators";

    /// <summary>Presenter screens of the event, which get the clock warnings.</summary>
    public static string Presenters(long eventId) => $"event:{eventId}:presenters";
}
