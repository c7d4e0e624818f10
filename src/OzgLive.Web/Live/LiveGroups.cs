namespace OzgLive.Web.Live;

/// <summary>SignalR group names, from one place so the hub, the notifier and the tests agree.</summary>
public static class LiveGroups
{
    /// <summary>Everyone who joined the event, whatever their role.</summary>
    public static string Event(long eventId) => $"event:{eventId}";

    /// <summary>Moderators (and organisers) of the event.</summary>
    public static string Moderators(long eventId) => $"event:{eventId}:moderators";

    /// <summary>Presenter screens of the event, which get the clock warnings.</summary>
    public static string Presenters(long eventId) => $"event:{eventId}:presenters";
}
