using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LoadBench;

/// <summary>
/// Issue 10's scenarios against one server (OzgLive or the baseline). Every wait has a time limit and
/// every loop a count; a scenario that cannot finish reports what it reached and fails its check.
/// </summary>
/// <param name="viewerNodes">Where viewers and askers connect, round-robin (several nodes); null: the target's server.</param>
public sealed class Scenarios(BenchSettings settings, Target target, string name, Measurements measurements, IReadOnlyList<Uri>? viewerNodes = null)
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(90);
    private readonly RoundTracker rounds = new();
    private List<Viewer> viewers = [];
    private RoundTracker.Round? lastRound;

    /// <summary>The event the viewers are in; the held scenario uses a fresh one.</summary>
    private string slug = OzgLiveSetup.LiveSlug;

    private ServerProcess Server => target.Server;

    private IReadOnlyList<Uri> ViewerNodes => viewerNodes ?? [Server.BaseUri];

    /// <summary>The viewers that joined in scenario 1 and are still connected.</summary>
    public IReadOnlyList<Viewer> Viewers => viewers;

    private TimeSpan JoinTimeout(int count, double secondsEach) => TimeSpan.FromSeconds(30 + count * secondsEach);

    /// <summary>
    /// Joins and rounds first, so that no figure includes the servers' JIT compilation. .NET compiles a
    /// method quickly first, and again, optimized, once it has been called 30 times after the JIT has
    /// been quiet for a moment (tiered compilation). So: waves of up to 100 viewers, each followed by a
    /// wait until the server's JIT stands still, until a wave compiles almost nothing. With one wave of
    /// 20 viewers the join path was still being compiled during scenario 1 (perf: 13-16 % of OzgLive's
    /// samples in the JIT, much of the rest in quickly compiled code).
    /// </summary>
    public async Task WarmUpAsync()
    {
        var size = Math.Min(100, settings.Viewers);
        var compiled = await Server.CompiledMethodsAsync();
        for (var wave = 1; wave <= 6; wave++)
        {
            var joined = await ViewerPool.JoinAsync(ViewerNodes, slug, size, settings.Concurrency, rounds, JoinTimeout(size, 1));
            await using (var moderator = await target.ConnectModeratorAsync(slug))
            {
                await RoundsAsync(moderator, 3, joined.Viewers.Count);
            }

            await ViewerPool.DisposeAsync(joined.Viewers, settings.Concurrency);
            var before = compiled;
            compiled = await JitQuietAsync();
            Console.WriteLine($"  {name}: warm-up wave {wave}: {compiled - before} methods compiled");
            if (wave >= 3 && compiled - before < 20)
            {
                break;
            }
        }
    }

    /// <summary>Waits (at most 20 s) until the server's JIT has compiled nothing for half a second; the count then.</summary>
    private async Task<long> JitQuietAsync()
    {
        var watch = Stopwatch.StartNew();
        var last = await Server.CompiledMethodsAsync();
        var quietSince = watch.Elapsed;
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
            var now = await Server.CompiledMethodsAsync();
            if (now != last)
            {
                last = now;
                quietSince = watch.Elapsed;
            }
            else if (watch.Elapsed - quietSince >= TimeSpan.FromMilliseconds(500))
            {
                break;
            }
        }

        return last;
    }

    /// <summary>1. N viewers join; time, server CPU, working set and live heap per viewer.</summary>
    public async Task JoinAsync()
    {
        var heapBefore = await Server.LiveHeapBytesAsync();
        var workingSetBefore = Server.WorkingSetBytes();
        var cpuBefore = Server.CpuSeconds();
        var joined = await ViewerPool.JoinAsync(ViewerNodes, slug, settings.Viewers, settings.Concurrency, rounds, JoinTimeout(settings.Viewers, 0.05));
        var cpu = Server.CpuSeconds() - cpuBefore;
        var workingSet = Server.WorkingSetBytes() - workingSetBefore;
        var heap = await Server.LiveHeapBytesAsync() - heapBefore;
        viewers = joined.Viewers;
        var count = Math.Max(1, viewers.Count);
        measurements.Set(name, "join.seconds", joined.Elapsed.TotalSeconds);
        measurements.Set(name, "join.cpuSeconds", cpu);
        measurements.Set(name, "join.cpuPerJoinMs", cpu * 1000 / count);
        measurements.Set(name, "join.heapPerViewerKB", heap / 1024.0 / count);
        measurements.Set(name, "join.workingSetPerViewerKB", workingSet / 1024.0 / count);
        measurements.Check($"{name}: join", joined.Failed == 0, $"{viewers.Count} of {settings.Viewers} joined");
    }

    /// <summary>6. The moderator approves (the baseline broadcasts); time until the last viewer has it.</summary>
    public async Task FanOutAsync()
    {
        await using var moderator = await target.ConnectModeratorAsync(slug);
        var (calls, lasts, incomplete) = await RoundsAsync(moderator, settings.Rounds, viewers.Count);
        measurements.Set(name, "fanout.p50ms", Percentiles.Of(lasts, 0.5));
        measurements.Set(name, "fanout.p99ms", Percentiles.Of(lasts, 0.99));
        measurements.Set(name, "fanout.callP50ms", Percentiles.Of(calls, 0.5));
        var gaps = viewers.Sum(v => v.Gaps);
        measurements.Check($"{name}: fan-out", incomplete == 0 && gaps == 0, $"{settings.Rounds - incomplete} of {settings.Rounds} rounds reached every viewer, {gaps} gaps");
    }

    /// <summary>
    /// 3. kill -9, start again on the same port and database, every viewer reconnects and joins again.
    /// Missed updates: a snapshot older than the last update the viewers had before the kill, a gap in
    /// the numbers after it, or a viewer without the first update after the restart.
    /// </summary>
    public async Task ReconnectStormAsync(bool keepsState)
    {
        await using (var moderator = await target.ConnectModeratorAsync(slug))
        {
            await RoundsAsync(moderator, 1, viewers.Count);
        }

        var seqBefore = viewers.Max(v => v.Seq);
        var gapsBefore = viewers.Sum(v => v.Gaps);
        await Server.KillAsync();
        var rejoin = ViewerPool.RejoinAsync(viewers, slug, settings.Concurrency, JoinTimeout(viewers.Count, 0.1));
        await Server.StartAsync();
        var ready = Stopwatch.GetTimestamp();
        var (rejoined, failed, snapshots, lastJoinedAt) = await rejoin;
        // From the moment the restarted server answers /readyz: its own start-up is not the storm.
        var elapsed = Stopwatch.GetElapsedTime(ready, Math.Max(ready, lastJoinedAt));
        // The baseline keeps nothing across a restart: its numbering starts again, by design.
        var lost = keepsState ? snapshots.Values.Sum(seq => Math.Max(0, seqBefore - seq)) : 0;
        int notReached;
        await using (var moderator = await target.ConnectModeratorAsync(slug))
        {
            var (_, _, incomplete) = await RoundsAsync(moderator, 1, viewers.Count);
            notReached = incomplete == 0 ? 0 : viewers.Count - lastRound!.Arrivals;
        }

        var gaps = viewers.Sum(v => v.Gaps) - gapsBefore;
        var missed = lost + gaps + notReached;
        measurements.Set(name, "storm.seconds", elapsed.TotalSeconds);
        measurements.Set(name, "storm.missed", missed);
        measurements.Check($"{name}: reconnect storm", failed == 0 && missed == 0,
            $"{rejoined} of {viewers.Count} rejoined, {missed} missed updates ({lost} behind in the snapshot, {gaps} gaps, {notReached} without the next update)");
    }

    /// <summary>
    /// 7. Some clients stop reading. Rounds without them, then with them (after a change of about
    /// 160 KB that fills their buffers, sent from a second moderator connection), each round with a
    /// fresh viewer joining at the same time. After StallWindow the harness drops the stalled sockets
    /// itself (the server's own client timeout, 30 s, usually comes first).
    /// </summary>
    public async Task StalledClientsAsync()
    {
        await TrimViewersAsync(settings.StallViewers);
        await using var moderator = await target.ConnectModeratorAsync(slug);
        var (callsWithout, lastsWithout, _) = await RoundsAsync(moderator, settings.Rounds, viewers.Count);
        // Asked before the clients stall: in OzgLive, asking takes the event's lock too.
        var fillKeys = await target.PrepareFillAsync(slug);
        var keys = await PrepareRoundsAsync(settings.Rounds);
        measurements.Set(name, "stall.othersP99WithoutMs", Percentiles.Of(lastsWithout, 0.99));
        measurements.Set(name, "stall.callMaxWithoutMs", callsWithout.DefaultIfEmpty(double.NaN).Max());

        var stalled = new ConcurrentBag<StalledClient>();
        using (var joinCancel = new CancellationTokenSource(JoinTimeout(settings.Stalled, 1)))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, settings.Stalled), joinCancel.Token, async (_, token) =>
                stalled.Add(await StalledClient.JoinAsync(Server.BaseUri, slug, token)));
        }

        var release = ReleaseAfterAsync(stalled, settings.StallWindow);
        await using var filler = await target.ConnectModeratorAsync(slug);
        var fillWatch = Stopwatch.StartNew();
        var fillRounds = fillKeys.Select(key => rounds.Start(key, viewers.Count)).ToList();
        var fill = target.FillAsync(filler, slug);
        // The rounds start once the big changes have reached the readers, or as many of them as the
        // server sends while the stalled clients hold: a server whose call waits on the stalled clients
        // (the bare SignalR app) sends the next change only after they are dropped. Rounds that shared the
        // wire with the big changes (160 KB to each of thousands of readers) would measure that traffic,
        // not the stalled clients; the first runs did, and both servers' rounds were 8-9 times slower.
        await Completed(fillRounds[0].Done, RoundTimeout);
        await Completed(Task.WhenAll(fillRounds.Select(r => r.Done)), settings.StallWindow / 4);
        measurements.Set(name, "stall.fillsDelivered", fillRounds.Count(r => r.Done.IsCompletedSuccessfully));
        foreach (var key in fillKeys)
        {
            rounds.Forget(key);
        }

        var calls = new List<double>();
        var lasts = new List<double>();
        var joins = new List<double>();
        var incomplete = 0;
        foreach (var key in keys)
        {
            var join = TimedJoinAsync();
            var round = rounds.Start(key, viewers.Count);
            var call = Stopwatch.StartNew();
            await target.SendRoundAsync(moderator, slug, key).WaitAsync(RoundTimeout + settings.StallWindow);
            calls.Add(call.Elapsed.TotalMilliseconds);
            incomplete += await Completed(round.Done, RoundTimeout + settings.StallWindow) ? 0 : 1;
            if (round.Done.IsCompletedSuccessfully)
            {
                lasts.Add(round.ToLast.TotalMilliseconds);
            }

            rounds.Forget(key);
            joins.Add(await join);
        }

        await release;
        await fill.WaitAsync(RoundTimeout + settings.StallWindow);
        measurements.Set(name, "stall.fillerCallMs", fillWatch.Elapsed.TotalMilliseconds);
        measurements.Set(name, "stall.othersP99WithMs", Percentiles.Of(lasts, 0.99));
        measurements.Set(name, "stall.callP50WithMs", Percentiles.Of(calls, 0.5));
        measurements.Set(name, "stall.callMaxWithMs", calls.DefaultIfEmpty(double.NaN).Max());
        measurements.Set(name, "stall.joinMaxWithMs", joins.DefaultIfEmpty(double.NaN).Max());
        measurements.Check($"{name}: stalled clients", incomplete == 0 && stalled.Count == settings.Stalled,
            $"{stalled.Count} stalled, {settings.Rounds - incomplete} of {settings.Rounds} rounds reached the other {viewers.Count} viewers");
    }

    /// <summary>8. As many viewers as the target, then three rounds: held, and how long the fan-out takes.</summary>
    public async Task MaxViewersAsync()
    {
        await ViewerPool.DisposeAsync(viewers, settings.Concurrency);
        // A fresh event: the one before carries the stalled scenario's 600 long questions now.
        slug = OzgLiveSetup.HeldSlug;
        var joined = await ViewerPool.JoinAsync(Server.BaseUri, slug, settings.MaxViewers, settings.Concurrency, rounds, JoinTimeout(settings.MaxViewers, 0.05));
        viewers = joined.Viewers;
        await using (var moderator = await target.ConnectModeratorAsync(slug))
        {
            var (_, lasts, incomplete) = await RoundsAsync(moderator, 3, viewers.Count);
            var held = joined.Failed == 0 && incomplete == 0;
            measurements.Set(name, "max.held", held ? 1 : 0);
            measurements.Set(name, "max.joinSeconds", joined.Elapsed.TotalSeconds);
            measurements.Set(name, "max.fanoutMs", lasts.DefaultIfEmpty(double.NaN).Max());
            measurements.Check($"{name}: {settings.MaxViewers} viewers", held, $"{viewers.Count} joined, {3 - incomplete} of 3 rounds reached all");
        }

        await ViewerPool.DisposeAsync(viewers, settings.Concurrency);
        viewers = [];
    }

    /// <summary>2. (OzgLive) M viewers join an event with many questions, and an empty one.</summary>
    public async Task JoinManyQuestionsAsync()
    {
        foreach (var (eventSlug, key) in new[] { (OzgLiveSetup.EmptySlug, "empty"), (OzgLiveSetup.ManySlug, "many") })
        {
            var cpuBefore = Server.CpuSeconds();
            var joined = await ViewerPool.JoinAsync(Server.BaseUri, eventSlug, settings.ManyQuestionsViewers, settings.Concurrency, null, JoinTimeout(settings.ManyQuestionsViewers, 0.5));
            var cpu = Server.CpuSeconds() - cpuBefore;
            measurements.Set(name, $"{key}.seconds", joined.Elapsed.TotalSeconds);
            measurements.Set(name, $"{key}.cpuPerJoinMs", cpu * 1000 / Math.Max(1, joined.Viewers.Count));
            measurements.Check($"{name}: join {eventSlug}", joined.Failed == 0, $"{joined.Viewers.Count} of {settings.ManyQuestionsViewers} joined");
            await ViewerPool.DisposeAsync(joined.Viewers, settings.Concurrency);
        }
    }

    /// <summary>
    /// 4. (OzgLive) First the askers together offer a fixed rate (<see cref="BenchSettings.AskRate"/>),
    /// each on its own schedule whether or not its last question is answered yet: the latency at that
    /// rate. Then they ask as fast as their answers come back: the most the server acknowledges. At the
    /// end of that period the server is killed with asks still in flight, and every acknowledged question
    /// (of both periods) must be in the database file.
    /// </summary>
    public async Task DurableQuestionsAsync(string databasePath, long eventId)
    {
        var askers = await IdentifiedViewersAsync(settings.Askers);
        var acked = new ConcurrentBag<string>();
        await OfferedAsksAsync(askers, eventId, acked);
        var latencies = new ConcurrentBag<double>();
        var ackedInPeriod = 0;
        var period = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var loops = askers.Select((asker, a) => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested && n < 1_000_000; n++)
            {
                var clientId = $"asker{a}-{n}";
                var watch = Stopwatch.StartNew();
                try
                {
                    await AskOnceAsync(asker, eventId, clientId, n, a);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    return; // The server was killed: this ask was never acknowledged.
                }

                acked.Add(clientId);
                if (period.Elapsed < settings.AskDuration)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                    Interlocked.Increment(ref ackedInPeriod);
                }
            }
        })).ToList();

        await Task.Delay(settings.AskDuration);
        await Server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(60));
        var stored = await OzgLiveSetup.CountStoredAsync(databasePath, eventId, [.. acked]);
        measurements.Set(name, "ask.perSecond", ackedInPeriod / settings.AskDuration.TotalSeconds);
        measurements.Set(name, "ask.p50ms", Percentiles.Of([.. latencies], 0.5));
        measurements.Set(name, "ask.p99ms", Percentiles.Of([.. latencies], 0.99));
        measurements.Set(name, "ask.acked", acked.Count);
        measurements.Set(name, "ask.stored", stored);
        measurements.Set(name, "ask.lost", acked.Count - stored);
        measurements.Check($"{name}: durable questions", acked.Count > 0 && stored == acked.Count, $"{stored} of {acked.Count} acknowledged questions in the database after kill -9");
        await ViewerPool.DisposeAsync(askers, settings.Concurrency);
        await Server.StartAsync();
    }

    /// <summary>
    /// 4a. The askers offer <see cref="BenchSettings.AskRate"/> questions a second together: asker a sends
    /// its n-th question at start + (n × Askers + a) / rate, without waiting for the answer to the one
    /// before (an audience does not wait either). Each latency runs from when the question was due, not
    /// from when it was sent, so a server that falls behind cannot hide it by slowing the sender down.
    /// With askers that each wait for their answer (the next period), latency and rate are tied by
    /// Little's law (mean latency = askers / rate); this period measures the latency at a given rate.
    /// </summary>
    private async Task OfferedAsksAsync(IReadOnlyList<Viewer> askers, long eventId, ConcurrentBag<string> acked)
    {
        // Untimed first: the asking path's first calls compile it (the warm-up only joins and approves),
        // and at a fixed rate a pause at the start would queue up and count against the whole period.
        await Task.WhenAll(askers.Select((asker, a) => Task.Run(async () =>
        {
            for (var n = 0; n < 5; n++)
            {
                await AskOnceAsync(asker, eventId, $"warm{a}-{n}", n, a);
                acked.Add($"warm{a}-{n}");
            }
        })));
        await JitQuietAsync();

        var latencies = new ConcurrentBag<double>();
        var refused = 0;
        var perAsker = (int)Math.Max(1, settings.AskRate * settings.AskDuration.TotalSeconds / askers.Count);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(askers.Select((asker, a) => Task.Run(async () =>
        {
            var sends = new List<Task>(perAsker);
            for (var n = 0; n < perAsker; n++)
            {
                var due = TimeSpan.FromSeconds((n * (double)askers.Count + a) / settings.AskRate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                var clientId = $"offered{a}-{n}";
                sends.Add(AskOnceAsync(asker, eventId, clientId, n, a).ContinueWith(t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                        acked.Add(clientId);
                    }
                    else
                    {
                        Interlocked.Increment(ref refused);
                    }
                }, TaskScheduler.Default));
            }

            await Task.WhenAll(sends);
        }))).WaitAsync(settings.AskDuration + TimeSpan.FromSeconds(60));
        var elapsed = clock.Elapsed.TotalSeconds;
        measurements.Set(name, "ask.offeredRate", settings.AskRate);
        measurements.Set(name, "ask.offeredPerSecond", latencies.Count / elapsed);
        measurements.Set(name, "ask.offeredP50ms", Percentiles.Of([.. latencies], 0.5));
        measurements.Set(name, "ask.offeredP99ms", Percentiles.Of([.. latencies], 0.99));
        measurements.Check($"{name}: questions at a given rate", refused == 0 && latencies.Count == perAsker * askers.Count,
            $"{latencies.Count} of {perAsker * askers.Count} questions offered at {settings.AskRate:N0}/s acknowledged, {refused} refused");
    }

    private static Task<JsonElement> AskOnceAsync(Viewer asker, long eventId, string clientId, int n, int a) =>
        asker.Connection.InvokeAsync<JsonElement>("AskQuestion", eventId,
            new { clientId, text = $"Frage {n} von {a}: Wie geht es mit dem Förderprogramm weiter?", displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });

    /// <summary>5. (OzgLive) Every voter votes for every question; acknowledged/s, and the counts converge.</summary>
    public async Task VotesAsync(string voteSlug, IReadOnlyList<long> questionIds)
    {
        var observer = new Viewer(Server.BaseUri, null);
        var latest = new ConcurrentDictionary<long, int>();
        var converged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        observer.Connection.On<JsonElement>("VotesChanged", message =>
        {
            foreach (var vote in message.GetProperty("votes").EnumerateObject())
            {
                latest[long.Parse(vote.Name, System.Globalization.CultureInfo.InvariantCulture)] = vote.Value.GetInt32();
            }

            if (questionIds.All(id => latest.GetValueOrDefault(id) == settings.Voters))
            {
                converged.TrySetResult();
            }
        });
        var eventId = (await observer.JoinAsync(voteSlug)).EventId;
        var voters = await IdentifiedViewersAsync(settings.Voters);
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(voters.Select(voter => Task.Run(async () =>
        {
            foreach (var questionId in questionIds)
            {
                var call = Stopwatch.StartNew();
                try
                {
                    await voter.Connection.InvokeAsync<JsonElement>("Vote", eventId, questionId, true);
                    latencies.Add(call.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var elapsed = watch.Elapsed;
        var ok = await Completed(converged.Task, TimeSpan.FromSeconds(30));
        measurements.Set(name, "vote.perSecond", latencies.Count / elapsed.TotalSeconds);
        measurements.Set(name, "vote.p50ms", Percentiles.Of([.. latencies], 0.5));
        measurements.Set(name, "vote.p99ms", Percentiles.Of([.. latencies], 0.99));
        measurements.Set(name, "vote.converged", ok ? 1 : 0);
        measurements.Check($"{name}: votes", ok && failures == 0, $"{latencies.Count} votes acknowledged, {failures} refused, counts {(ok ? "converged" : "did not converge")} to {settings.Voters} per question");
        await ViewerPool.DisposeAsync([.. voters, observer], settings.Concurrency);
    }

    /// <summary>
    /// Issue 14: N viewers answer one open poll (live results), spread evenly over PollDuration (10,000
    /// within 20 s). Measures answers acknowledged per second and their ack latency, and, at an
    /// observing viewer, the results messages per second (coalesced: at most one per 250 ms, never one
    /// per answer) and when the results first show every answer with each option's exact count.
    /// </summary>
    public async Task PollAsync(string pollSlug, long pollId)
    {
        var n = settings.PollViewers;
        // Viewer i chooses option (i % 3) + 1: the exact counts the results must reach, no more, no less.
        var expected = Enumerable.Range(0, n).GroupBy(i => ((i % 3) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());
        var observer = new Viewer(Server.BaseUri, null);
        var exact = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var updates = new ConcurrentQueue<long>();
        var overCounted = 0;
        observer.Connection.On<JsonElement>("PollResultsChanged", message =>
        {
            updates.Enqueue(Stopwatch.GetTimestamp());
            var results = message.GetProperty("results");
            var counts = results.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("count").GetInt32());
            if (results.GetProperty("respondents").GetInt32() > n || counts.Any(c => c.Value > expected.GetValueOrDefault(c.Key)))
            {
                Interlocked.Increment(ref overCounted);
            }

            if (results.GetProperty("respondents").GetInt32() == n && expected.All(e => counts.GetValueOrDefault(e.Key) == e.Value))
            {
                exact.TrySetResult();
            }
        });
        var eventId = (await observer.JoinAsync(pollSlug)).EventId;
        var answerers = await IdentifiedViewersAsync(n);
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        long lastAck = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(answerers.Select((viewer, i) => Task.Run(async () =>
        {
            // The load client's own schedule (not a test's wait): answer i is due at i/n of the window.
            var wait = TimeSpan.FromTicks(settings.PollDuration.Ticks * i / n) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var call = Stopwatch.StartNew();
            try
            {
                await viewer.Connection.InvokeAsync<JsonElement>("AnswerPoll", eventId, pollId, new { choices = new[] { (i % 3) + 1 } });
                latencies.Add(call.Elapsed.TotalMilliseconds);
                Latest.Raise(ref lastAck, Stopwatch.GetTimestamp());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref failures);
            }
        })));
        var acknowledged = Stopwatch.GetElapsedTime(start, lastAck);
        var ok = await Completed(exact.Task, TimeSpan.FromSeconds(30));
        var counted = Stopwatch.GetElapsedTime(start, updates.LastOrDefault(start));
        // Results messages per second at the observer: on average over the window, and in its busiest second.
        var seconds = updates.Select(t => (long)Stopwatch.GetElapsedTime(start, t).TotalSeconds).GroupBy(s => s).Select(g => g.Count()).ToList();
        measurements.Set(name, "poll.spreadSeconds", settings.PollDuration.TotalSeconds);
        measurements.Set(name, "poll.perSecond", latencies.Count / Math.Max(0.001, acknowledged.TotalSeconds));
        measurements.Set(name, "poll.p50ms", Percentiles.Of([.. latencies], 0.5));
        measurements.Set(name, "poll.p99ms", Percentiles.Of([.. latencies], 0.99));
        measurements.Set(name, "poll.lastAckSeconds", acknowledged.TotalSeconds);
        measurements.Set(name, "poll.countedSeconds", counted.TotalSeconds);
        measurements.Set(name, "poll.countedAfterLastMs", (counted - acknowledged).TotalMilliseconds);
        measurements.Set(name, "poll.broadcasts", updates.Count);
        measurements.Set(name, "poll.updatesPerSecond", updates.Count / Math.Max(0.001, counted.TotalSeconds));
        measurements.Set(name, "poll.maxUpdatesInASecond", seconds.Count == 0 ? 0 : seconds.Max());
        measurements.Set(name, "poll.exact", ok && overCounted == 0 ? 1 : 0);
        measurements.Check(
            $"{name}: poll answers",
            ok && overCounted == 0 && failures == 0 && updates.Count < n,
            $"{latencies.Count} of {n} answers acknowledged over {settings.PollDuration.TotalSeconds:0} s, {failures} refused, results {(ok ? "exact" : "not exact")} "
            + $"({string.Join(", ", expected.OrderBy(e => e.Key).Select(e => $"option {e.Key}: {e.Value}"))}; {overCounted} results over the true counts), {updates.Count} results messages");
        await ViewerPool.DisposeAsync([.. answerers, observer], settings.Concurrency);
    }

    public Task DisposeViewersAsync() => ViewerPool.DisposeAsync(viewers, settings.Concurrency);

    private async Task<List<Viewer>> IdentifiedViewersAsync(int count)
    {
        var identified = new ConcurrentBag<Viewer>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency }, async (i, _) =>
        {
            var viewer = new Viewer(ViewerNodes[i % ViewerNodes.Count], null);
            await viewer.Connection.StartAsync();
            await viewer.Connection.InvokeAsync<JsonElement>("IdentifyViewer", (string?)null);
            identified.Add(viewer);
        });
        return [.. identified];
    }

    /// <summary>Prepares every round first (in OzgLive: asks its question), then runs them one at a time.</summary>
    private async Task<(List<double> Calls, List<double> Lasts, int Incomplete)> RoundsAsync(HubConnection moderator, int count, int expected)
    {
        var keys = await PrepareRoundsAsync(count);
        var calls = new List<double>();
        var lasts = new List<double>();
        var incomplete = 0;
        foreach (var key in keys)
        {
            var round = lastRound = rounds.Start(key, expected);
            var call = Stopwatch.StartNew();
            await target.SendRoundAsync(moderator, slug, key);
            calls.Add(call.Elapsed.TotalMilliseconds);
            if (await Completed(round.Done, RoundTimeout))
            {
                lasts.Add(round.ToLast.TotalMilliseconds);
            }
            else
            {
                incomplete++;
            }

            rounds.Forget(key);
        }

        return (calls, lasts, incomplete);
    }

    private async Task<List<long>> PrepareRoundsAsync(int count)
    {
        var keys = new List<long>();
        for (var i = 0; i < count; i++)
        {
            keys.Add(await target.PrepareRoundAsync(slug));
        }

        return keys;
    }

    private async Task<double> TimedJoinAsync()
    {
        var watch = Stopwatch.StartNew();
        await using var viewer = new Viewer(Server.BaseUri, null);
        await viewer.JoinAsync(slug).WaitAsync(RoundTimeout + settings.StallWindow);
        return watch.Elapsed.TotalMilliseconds;
    }

    private async Task TrimViewersAsync(int keep)
    {
        if (viewers.Count > keep)
        {
            await ViewerPool.DisposeAsync(viewers[keep..], settings.Concurrency);
            viewers = viewers[..keep];
        }
    }

    private static async Task ReleaseAfterAsync(IEnumerable<StalledClient> stalled, TimeSpan window)
    {
        await Task.Delay(window);
        foreach (var client in stalled)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<bool> Completed(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
