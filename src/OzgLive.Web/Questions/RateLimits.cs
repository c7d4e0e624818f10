using OzgLive.Web.Metrics;
using OzgLive.Web.ScaleOut;
using OzgLive.Web.Security;

namespace OzgLive.Web.Questions;

/// <summary>
/// Sliding one-minute windows per kind and subject ("question:viewer" abc, "vote:address" 10.0.0.1), on the
/// app's <see cref="TimeProvider"/> so tests can move time. In memory: the limits protect a live
/// broadcast from floods; after a restart everyone simply starts a fresh minute. One lock: a few
/// hundred viewers make a few calls a second, far below where it could matter. With several nodes
/// (<paramref name="shared"/>) the windows live in Redis instead, so a limit holds across nodes; while
/// Redis is unreachable each node counts alone again (writes are refused then anyway).
/// </summary>
/// <param name="shared">Null on a single node.</param>
public sealed class RateLimits(TimeProvider time, OzgLiveMetrics metrics, ILoggerFactory loggers, SharedRateLimits? shared = null)
{
    private readonly ILogger securityLog = loggers.CreateLogger(SecurityLog.Category);

    // Sampled: a flood would otherwise write a line per refused call. At most one line per kind and
    // minute, counting the refusals since the previous line.
    private readonly Dictionary<string, (DateTimeOffset Reported, int Refused)> refusals = [];

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> hits = [];
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    /// <summary>Counts one call against every limit; false, and nothing counted, if any is reached.</summary>
    /// <param name="limits">The kind names the limit for the operators' metric (never the subject: a viewer or an address).</param>
    public async ValueTask<bool> TryAcquireAsync(params (string Kind, string Subject, int Limit)[] limits)
    {
        var now = time.GetUtcNow();
        if (shared is { IsAvailable: true } && await TrySharedAsync(() => shared.TryAcquireAsync(now, limits)) is (true, var reached))
        {
            if (reached is int index)
            {
                lock (gate)
                {
                    metrics.RateLimitRefused(limits[index].Kind);
                    Report(limits[index].Kind, now);
                }

                return false;
            }

            return true;
        }

        lock (gate)
        {
            if (now - lastSweep > Window)
            {
                Sweep(now);
                lastSweep = now;
            }

            var queues = new List<Queue<DateTimeOffset>>(limits.Length);
            foreach (var (kind, subject, limit) in limits)
            {
                var key = $"{kind}:{subject}";
                if (!hits.TryGetValue(key, out var queue))
                {
                    hits[key] = queue = new Queue<DateTimeOffset>();
                }

                Trim(queue, now);
                if (queue.Count >= limit)
                {
                    metrics.RateLimitRefused(kind);
                    Report(kind, now);
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

    /// <summary>
    /// Whether the limit is reached, without counting a call: for limits on failures only (wrong join
    /// codes), which must refuse before the look-up that would succeed, yet count only what failed.
    /// </summary>
    public async ValueTask<bool> IsReachedAsync(string kind, string subject, int limit)
    {
        var now = time.GetUtcNow();
        if (shared is { IsAvailable: true } && await TrySharedAsync(() => shared.IsReachedAsync(now, kind, subject, limit)) is (true, var sharedReached))
        {
            return sharedReached;
        }

        lock (gate)
        {
            if (!hits.TryGetValue($"{kind}:{subject}", out var queue))
            {
                return false;
            }

            Trim(queue, now);
            return queue.Count >= limit;
        }
    }

    /// <summary>Asks Redis; (false, _) (count here instead) when it went away meanwhile or did not answer in time.</summary>
    private static async Task<(bool Answered, T Answer)> TrySharedAsync<T>(Func<Task<T>> ask)
    {
        try
        {
            return (true, await ask());
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or StackExchange.Redis.RedisTimeoutException)
        {
            return (false, default!);
        }
    }

    private void Report(string kind, DateTimeOffset now)
    {
        var (reported, refused) = refusals.GetValueOrDefault(kind, (DateTimeOffset.MinValue, 0));
        refused++;
        if (now - reported >= Window)
        {
            SecurityLog.RateLimited(securityLog, kind, refused);
            refusals[kind] = (now, 0);
        }
        else
        {
            refusals[kind] = (reported, refused);
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
