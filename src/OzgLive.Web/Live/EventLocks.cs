using System.Collections.Concurrent;

namespace OzgLive.Web.Live;

/// <summary>
/// One gate per event: every change to an event (clock command, organiser edit, question) is written,
/// numbered and queued for sending while holding it, so changes are numbered and sent in commit order
/// (the sending itself happens after it is released: <see cref="EventBroadcasts"/>).
/// </summary>
public sealed class EventLocks
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> gates = new();

    public async Task<IDisposable> AcquireAsync(long eventId, CancellationToken cancellationToken = default)
    {
        var gate = gates.GetOrAdd(eventId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
