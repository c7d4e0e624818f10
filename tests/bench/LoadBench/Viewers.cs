using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LoadBench;

/// <summary>What the benchmark reads from a JoinEvent answer; the rest of the snapshot is skipped.</summary>
public sealed record SnapshotHead(long EventId, long Seq);

/// <summary>
/// What the benchmark reads from a numbered message: its number and, for QuestionsChanged, the ids.
/// The rest is skipped while parsing, so the client spends little on the large ones.
/// </summary>
public sealed record NumberedHead(long Seq, IReadOnlyList<QuestionHead>? Questions);

public sealed record QuestionHead(long Id);

/// <summary>
/// One viewer on the official .NET SignalR client over WebSockets. It keeps the sequence number of the
/// public stream as docs/hub-protocol.md tells a client to, and counts every gap: a message numbered
/// above seq + 1 means it missed an update.
/// </summary>
public sealed class Viewer : IAsyncDisposable
{
    private static readonly string[] NumberedMessages = ["QuestionsChanged", "ClockChanged", "EventUpdated", "QuestionSettingsChanged"];
    private readonly Lock gate = new();

    public Viewer(Uri baseUri, RoundTracker? rounds, CookieContainer? cookies = null)
    {
        Connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "/hubs/live"), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (cookies is not null)
                {
                    options.Cookies = cookies;
                }
            })
            .Build();
        // A server busy with thousands of joins answers pings late; that is what is measured, not a fault.
        Connection.ServerTimeout = TimeSpan.FromSeconds(120);
        Connection.HandshakeTimeout = TimeSpan.FromSeconds(120);
        foreach (var name in NumberedMessages)
        {
            Connection.On<NumberedHead>(name, message => OnNumbered(name, message, rounds));
        }
    }

    public HubConnection Connection { get; }

    /// <summary>The public stream's number of the state this viewer has.</summary>
    public long Seq { get; private set; } = -1;

    public int Gaps { get; private set; }

    public long EventId { get; private set; }

    public async Task<SnapshotHead> JoinAsync(string slug, CancellationToken cancellation = default)
    {
        if (Connection.State == HubConnectionState.Disconnected)
        {
            await Connection.StartAsync(cancellation);
        }

        var snapshot = await Connection.InvokeAsync<SnapshotHead>("JoinEvent", slug, cancellation);
        lock (gate)
        {
            // A delta may arrive just before the answer; it is newer than the snapshot then.
            Seq = Math.Max(Seq, snapshot.Seq);
            EventId = snapshot.EventId;
        }

        return snapshot;
    }

    /// <summary>Forgets the stream position, for a rejoin that must be judged by its snapshot alone.</summary>
    public void ResetSeq()
    {
        lock (gate)
        {
            Seq = -1;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void OnNumbered(string name, NumberedHead message, RoundTracker? rounds)
    {
        lock (gate)
        {
            if (Seq >= 0 && message.Seq > Seq + 1)
            {
                Gaps++;
            }

            Seq = Math.Max(Seq, message.Seq);
        }

        if (rounds is not null && name == "QuestionsChanged" && message.Questions is [var first, ..])
        {
            rounds.Arrived(first.Id);
        }
    }
}

/// <summary>
/// Approval rounds: the time from the moderator's call to the arrival at the last of the viewers.
/// Each round is keyed by the id of the question it makes public (the baseline sends the same shape).
/// </summary>
public sealed class RoundTracker
{
    private readonly ConcurrentDictionary<long, Round> rounds = new();

    public Round Start(long key, int expected)
    {
        var round = new Round(expected);
        rounds[key] = round;
        return round;
    }

    public void Arrived(long key)
    {
        if (rounds.TryGetValue(key, out var round))
        {
            round.Arrive();
        }
    }

    public void Forget(long key) => rounds.TryRemove(key, out _);

    public sealed class Round(int expected)
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public long Started { get; } = Stopwatch.GetTimestamp();

        public long LastArrival { get; private set; }

        public int Arrivals => Volatile.Read(ref arrived);

        public Task Done => done.Task;

        public TimeSpan ToLast => Stopwatch.GetElapsedTime(Started, LastArrival);

        public void Arrive()
        {
            var count = Interlocked.Increment(ref arrived);
            if (count == expected)
            {
                LastArrival = Stopwatch.GetTimestamp();
                done.TrySetResult();
            }
        }
    }
}

/// <summary>Connects and disconnects many viewers with a bounded number of attempts in flight.</summary>
public static class ViewerPool
{
    public sealed record Joined(List<Viewer> Viewers, TimeSpan Elapsed, int Failed);

    public static Task<Joined> JoinAsync(Uri baseUri, string slug, int count, int concurrency, RoundTracker? rounds, TimeSpan timeout) =>
        JoinAsync([baseUri], slug, count, concurrency, rounds, timeout);

    /// <summary>Viewer i joins node i mod the number of nodes: round-robin, as a balancer without stickiness spreads them.</summary>
    public static async Task<Joined> JoinAsync(IReadOnlyList<Uri> nodes, string slug, int count, int concurrency, RoundTracker? rounds, TimeSpan timeout)
    {
        var viewers = new ConcurrentBag<Viewer>();
        var failed = 0;
        using var cancel = new CancellationTokenSource(timeout);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) =>
            {
                var viewer = new Viewer(nodes[i % nodes.Count], rounds);
                try
                {
                    await viewer.JoinAsync(slug, cancel.Token);
                    viewers.Add(viewer);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref failed);
                    await viewer.DisposeAsync();
                }
            });
        return new Joined([.. viewers], watch.Elapsed, failed);
    }

    public sealed record Rejoined(int Count, int Failed, Dictionary<Viewer, long> SnapshotSeq, long LastJoinedAt);

    /// <summary>
    /// After the server went away: every viewer retries on its own, with a short random pause between
    /// attempts (as a browser's automatic reconnect does), until it is connected and has joined again.
    /// Started while the server is still down; at most <paramref name="concurrency"/> attempts are in
    /// flight, as in a fresh join. Returns when the last viewer has its snapshot (LastJoinedAt, a
    /// Stopwatch timestamp) or the time is up.
    /// </summary>
    public static async Task<Rejoined> RejoinAsync(IReadOnlyList<Viewer> viewers, string slug, int concurrency, TimeSpan timeout)
    {
        var snapshots = new ConcurrentDictionary<Viewer, long>();
        var failed = 0;
        long lastJoinedAt = 0;
        using var cancel = new CancellationTokenSource(timeout);
        await Parallel.ForEachAsync(
            viewers,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (viewer, _) =>
            {
                for (var attempt = 0; attempt < 10_000 && !cancel.IsCancellationRequested; attempt++)
                {
                    try
                    {
                        if (viewer.Connection.State != HubConnectionState.Disconnected)
                        {
                            await viewer.Connection.StopAsync(cancel.Token);
                        }

                        viewer.ResetSeq();
                        var snapshot = await viewer.JoinAsync(slug, cancel.Token);
                        snapshots[viewer] = snapshot.Seq;
                        Latest.Raise(ref lastJoinedAt, Stopwatch.GetTimestamp());
                        return;
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException && !cancel.IsCancellationRequested)
                    {
                        await Task.Delay(Random.Shared.Next(50, 250), CancellationToken.None);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                Interlocked.Increment(ref failed);
            });
        return new Rejoined(snapshots.Count, failed, new Dictionary<Viewer, long>(snapshots), lastJoinedAt);
    }

    public static Task DisposeAsync(IEnumerable<Viewer> viewers, int concurrency) =>
        Parallel.ForEachAsync(viewers, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (viewer, _) => await viewer.DisposeAsync());
}

/// <summary>A "latest so far" value that many threads update at once (the last join, the last answer).</summary>
public static class Latest
{
    /// <summary>Sets <paramref name="target"/> to <paramref name="value"/> unless it already holds a larger one.</summary>
    public static void Raise(ref long target, long value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
