using System.Collections.Concurrent;

namespace OzgLive.Web.Live;

/// <summary>
/// One gate per event: every change to an event (clock command, organiser edit) is written and
/// broadcast while holding it, so clients receive deltas in sequence-number order.
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
