using System.Collections.Concurrent;

namespace OzgLive.Web.Live;

/// <summary>
/// Gathers what changed in an event (vote counts, poll results) and sends it at most once per
/// <paramref name="interval"/>: a burst of hundreds of changes becomes one message per interval to
/// every client instead of one per change. <paramref name="flush"/> reads the stored values, so whatever
/// the timing, clients end with the numbers in the database. Waits on the app's <see cref="TimeProvider"/>,
/// so tests advance time instead of sleeping.
/// </summary>
/// <param name="flush">Sends the current values of the changed keys of one event.</param>
public sealed class CoalescedSender<TKey>(TimeProvider time, TimeSpan interval, Func<long, IReadOnlyCollection<TKey>, Task> flush, ILogger logger)
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, HashSet<TKey>> pending = [];
    private readonly ConcurrentDictionary<long, SemaphoreSlim> flushing = new();

    public TimeSpan Interval => interval;

    public void Changed(long eventId, TKey key)
    {
        lock (gate)
        {
            if (pending.TryGetValue(eventId, out var keys))
            {
                keys.Add(key);
                return;
            }

            pending[eventId] = [key];
        }

        _ = FlushLaterAsync(eventId);
    }

    private async Task FlushLaterAsync(long eventId)
    {
        try
        {
            await Task.Delay(interval, time);

            // One flush per event at a time. Otherwise a slow flush could read its values, be
            // overtaken by the next one, and deliver its older values last: clients would keep them.
            var sending = flushing.GetOrAdd(eventId, _ => new SemaphoreSlim(1, 1));
            await sending.WaitAsync();
            try
            {
                HashSet<TKey> keys;
                lock (gate)
                {
                    if (!pending.Remove(eventId, out keys!))
                    {
                        return;
                    }
                }

                await flush(eventId, keys);
            }
            finally
            {
                sending.Release();
            }
        }
        catch (Exception ex)
        {
            // A lost update heals with the next change or snapshot; it must not crash the app.
            logger.LogWarning(ex, "Sending coalesced changes for event {EventId} failed", eventId);
        }
    }
}
