namespace OzgLive.Web.Questions;

/// <summary>
/// Sliding one-minute windows per key ("question:viewer:abc", "vote:address:10.0.0.1"), on the
/// app's <see cref="TimeProvider"/> so tests can move time. In memory: the limits protect a live
/// broadcast from floods; after a restart everyone simply starts a fresh minute. One lock: a few
/// hundred viewers make a few calls a second, far below where it could matter.
/// </summary>
public sealed class RateLimits(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> hits = [];
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    /// <summary>Counts one call against every key; false, and nothing counted, if any key is at its limit.</summary>
    public bool TryAcquire(params (string Key, int Limit)[] keys)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (now - lastSweep > Window)
            {
                Sweep(now);
                lastSweep = now;
            }

            var queues = new List<Queue<DateTimeOffset>>(keys.Length);
            foreach (var (key, limit) in keys)
            {
                if (!hits.TryGetValue(key, out var queue))
                {
                    hits[key] = queue = new Queue<DateTimeOffset>();
                }

                Trim(queue, now);
                if (queue.Count >= limit)
                {
                    return false;
                }

                queues.Add(queue);
            }

            foreach (var queue in queues)
            {
                queue.Enqueue(now);
            }

            return true;
        }
    }

    private static void Trim(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && now - queue.Peek() >= Window)
        {
            queue.Dequeue();
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, queue) in hits.ToList())
        {
            Trim(queue, now);
            if (queue.Count == 0)
            {
                hits.Remove(key);
            }
        }
    }
}
