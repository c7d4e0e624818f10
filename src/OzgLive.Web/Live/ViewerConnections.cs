using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace OzgLive.Web.Live;

/// <summary>
/// The open connections of each identified viewer (a browser may have several tabs), so that a
/// viewer's own questions reach all of them and nobody else. A lookup rather than a SignalR group
/// per viewer: with thousands of viewers a group each cost a group's bookkeeping per viewer.
/// </summary>
public sealed class ViewerConnections
{
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> byViewer = new(StringComparer.Ordinal);

    public void Add(string viewerId, string connectionId) =>
        byViewer.AddOrUpdate(viewerId, _ => [connectionId], (_, ids) => ids.Contains(connectionId) ? ids : ids.Add(connectionId));

    public void Remove(string viewerId, string connectionId)
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

    public ImmutableArray<string> Of(string viewerId) => byViewer.TryGetValue(viewerId, out var ids) ? ids : [];
}
