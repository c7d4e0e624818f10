using Microsoft.AspNetCore.SignalR;

namespace OzgLive.Web.Live;

/// <summary>Sends server messages to an event's groups; used by everything that changes an event.</summary>
public sealed class LiveNotifier(IHubContext<LiveHub> hub)
{
    public Task ClockChangedAsync(ClockChanged message) =>
        hub.Clients.Group(LiveGroups.Event(message.EventId)).SendAsync(ServerMessages.ClockChanged, message);

    public Task EventUpdatedAsync(EventUpdated message) =>
        hub.Clients.Group(LiveGroups.Event(message.EventId)).SendAsync(ServerMessages.EventUpdated, message);

    public Task ClockWarningAsync(ClockWarning message) =>
        hub.Clients.Groups(LiveGroups.Presenters(message.EventId), LiveGroups.Moderators(message.EventId))
            .SendAsync(ServerMessages.ClockWarning, message);
}
