using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace OzgLive.Web.Live;

/// <summary>
/// SignalR's connections and groups for the live hub, with one difference from the default: a send
/// serializes the message once and hands it to each connection's <see cref="ConnectionOutbox"/>
/// without waiting for any client. The default awaits every connection's write, so 50 phones that
/// stopped reading made every broadcast of their event (and whoever waited for it) take seconds.
/// Every way of sending (<c>IHubContext</c>, <c>Clients.Caller</c>, groups) goes through here, so a
/// connection's messages keep the order in which they were sent.
/// </summary>
/// <remarks>
/// The base class still tracks connections for what this class does not replace (results a client
/// returns to the server); groups live here only, because sending needs their members.
/// </remarks>
public sealed class LiveHubLifetimeManager(
    ILogger<DefaultHubLifetimeManager<LiveHub>> baseLogger,
    IOptions<LiveSendOptions> options,
    ILogger<LiveHubLifetimeManager> logger) : DefaultHubLifetimeManager<LiveHub>(baseLogger)
{
    private readonly int maxQueued = options.Value.MaxQueuedMessagesPerConnection;
    private readonly ConcurrentDictionary<string, ConnectionOutbox> connections = new(StringComparer.Ordinal);

    // Groups are per event (audience, moderators, presenters), so there are few and they are never
    // removed: removing an empty one could race with a connection joining it.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ConnectionOutbox>> groups = new(StringComparer.Ordinal);

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await base.OnConnectedAsync(connection);
        connections[connection.ConnectionId] = new ConnectionOutbox(connection, maxQueued, logger);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (connections.TryRemove(connection.ConnectionId, out var outbox))
        {
            foreach (var group in outbox.Stop())
            {
                Members(group).TryRemove(connection.ConnectionId, out _);
            }
        }

        await base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (connections.TryGetValue(connectionId, out var outbox) && Members(groupName).TryAdd(connectionId, outbox))
        {
            outbox.Joined(groupName);
            if (outbox.IsStopped)
            {
                // It disconnected while joining: OnDisconnectedAsync may have missed this group.
                Members(groupName).TryRemove(connectionId, out _);
            }
        }

        return Task.CompletedTask;
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (Members(groupName).TryRemove(connectionId, out var outbox))
        {
            outbox.Left(groupName);
        }

        return Task.CompletedTask;
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAllExceptAsync(methodName, args, [], cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        Send(connections, Message(methodName, args), excludedConnectionIds);
        return Task.CompletedTask;
    }

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendConnectionsAsync([connectionId], methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        SerializedHubMessage? message = null;
        foreach (var connectionId in connectionIds)
        {
            if (connections.TryGetValue(connectionId, out var outbox))
            {
                outbox.Send(message ??= Message(methodName, args));
            }
        }

        return Task.CompletedTask;
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendGroupExceptAsync(groupName, methodName, args, [], cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var message = Message(methodName, args);
        foreach (var group in groupNames)
        {
            if (groups.TryGetValue(group, out var members))
            {
                Send(members, message, []);
            }
        }

        return Task.CompletedTask;
    }

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        if (groups.TryGetValue(groupName, out var members))
        {
            Send(members, Message(methodName, args), excludedConnectionIds);
        }

        return Task.CompletedTask;
    }

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendUsersAsync([userId], methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendConnectionsAsync(
            [.. connections.Where(c => c.Value.Connection.UserIdentifier is string user && userIds.Contains(user)).Select(c => c.Key)],
            methodName, args, cancellationToken);

    private ConcurrentDictionary<string, ConnectionOutbox> Members(string group) =>
        groups.GetOrAdd(group, _ => new ConcurrentDictionary<string, ConnectionOutbox>(StringComparer.Ordinal));

    // Serialized once per protocol, on first use, and shared by every connection.
    private static SerializedHubMessage Message(string methodName, object?[] args) => new(new InvocationMessage(methodName, args));

    private static void Send(ConcurrentDictionary<string, ConnectionOutbox> members, SerializedHubMessage message, IReadOnlyList<string> excluded)
    {
        // Many joining at once exclude many (EventBroadcasts): look them up in a set, not a list.
        IReadOnlyCollection<string> skip = excluded.Count > 8 ? excluded.ToHashSet(StringComparer.Ordinal) : excluded;

        // Enumerating a ConcurrentDictionary takes no lock and no copy; a connection that joined before
        // this send started is seen (EventBroadcasts.CompleteJoinAsync relies on that).
        foreach (var (connectionId, outbox) in members)
        {
            if (skip.Count == 0 || !skip.Contains(connectionId))
            {
                outbox.Send(message);
            }
        }
    }
}
