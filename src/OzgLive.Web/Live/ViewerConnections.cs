using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace OzgLive.Web.Live;

/// <summary>
/// The open connections of each identified viewer (a browser may have several tabs), so that a
/// viewer's own questions reach all of them and nobody else, and which viewer each connection
/// identified as. A lookup rather than a SignalR group per viewer (with thousands of viewers a group
/// each cost a group's bookkeeping per viewer) and rather than the connection's <c>Items</c>, which
/// SignalR creates on first use as a dictionary of its own per connection, anonymous ones included.
/// </summary>
public sealed class ViewerConnections
{
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> byViewer = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> byConnection = new(StringComparer.Ordinal);

    /// <summary>The connection proved to be this viewer (IdentifyViewer); it leaves the viewer it was before.</summary>
    public void Identify(string connectionId, string viewerId)
    {
        if (byConnection.TryGetValue(connectionId, out var old) && old != viewerId)
        {
            Remove(old, connectionId);
        }

        byConnection[connectionId] = viewerId;
        byViewer.AddOrUpdate(viewerId, _ => [connectionId], (_, ids) => ids.Contains(connectionId) ? ids : ids.Add(connectionId));
    }

    /// <summary>The viewer the connection identified as; null for an anonymous one.</summary>
    public string? ViewerOf(string connectionId) => byConnection.GetValueOrDefault(connectionId);

    public void Disconnected(string connectionId)
    {
        if (byConnection.TryRemove(connectionId, out var viewerId))
        {
            Remove(viewerId, connectionId);
        }
    }

    public ImmutableArray<string> Of(string viewerId) => byViewer.TryGetValue(viewerId, out var ids) ? ids : [];

    private void Remove(string viewerId, string connectionId)
    {
        while (byViewer.TryGetValue(viewerId, out var ids))
        {
            var rest = ids.Remove(connectionId);
            var done = rest.IsEmpty
                ? byViewer.TryRemove(KeyValuePair.Create(viewerId, ids))
                : byViewer.TryUpdate(viewerId, rest, ids);
            if (done)
            {
                return;
            }
        }
    }
}
