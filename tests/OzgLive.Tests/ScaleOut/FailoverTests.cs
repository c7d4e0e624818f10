using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR;

namespace OzgLive.Tests.ScaleOut;

/// <summary>
/// The failover test of issue 15: Redis, PostgreSQL and two app nodes; viewers spread over both
/// nodes, moderators on node A approving and staging while viewers ask; node A is killed (SIGKILL) in the middle of it. Every client ends up on
/// node B, no acknowledged question is lost, no update is missed (gaps are resynchronised and every
/// client's final state equals the database's), the clock is right, and the moderators go on on B.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class FailoverTests
{
    private const int Viewers = 8;
    private const int Askers = 4;
    private const int QuestionsPerAsker = 6;
    private const int ApprovalsBeforeKill = 8;

    [Fact]
    public async Task Killing_node_A_mid_broadcast_loses_no_acknowledged_question_and_no_update()
    {
        await using var nodes = await ScaleOutCluster.StartAsync(onPostgres: true);
        Uri[] hubs = [nodes.A.HubUri, nodes.B.HubUri];
        var cookies = await nodes.A.SignInAsync();
        await using var moderator = await StreamClient.JoinAsync("moderator", hubs, 0, ScaleOutCluster.Slug, cookies);
        var eventId = moderator.EventId;

        // The broadcast runs: event started, block 1 on the clock, every question moderated.
        var snapshot = await moderator.InvokeAsync("GetSnapshot", eventId);
        var clockVersion = snapshot.GetProperty("clock").GetProperty("version").GetInt64();
        var started = await moderator.InvokeAsync("StartEvent", eventId, clockVersion);
        var blockStarted = await moderator.InvokeAsync("StartBlock", eventId, started.GetProperty("clock").GetProperty("version").GetInt64(), 1);
        var endsAt = blockStarted.GetProperty("clock").GetProperty("current").GetProperty("endsAt").GetDateTimeOffset();
        var settings = snapshot.GetProperty("questions");
        if (settings.GetProperty("autoApprove").GetBoolean())
        {
            await moderator.InvokeAsync("SetAutoApprove", eventId, settings.GetProperty("settingsVersion").GetInt64(), false);
        }

        var viewers = new List<StreamClient>();
        try
        {
            for (var n = 0; n < Viewers; n++)
            {
                viewers.Add(await StreamClient.JoinAsync($"viewer {n}", hubs, n % 2, ScaleOutCluster.Slug));
            }

            var acknowledged = new ConcurrentDictionary<long, string>();
            var approvals = 0;
            var approvalsOnB = 0;
            var stagedOnB = 0;
            var enoughApproved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var askersDone = 0;

            async Task AskAsync(StreamClient asker, int number)
            {
                for (var q = 1; q <= QuestionsPerAsker; q++)
                {
                    var clientId = $"a{number}-q{q}";
                    var own = await UntilAnsweredAsync(asker, () => asker.InvokeAsync(
                        "AskQuestion", eventId, new { clientId, text = $"Frage {q} von Zuschauer {number}: Wie geht es weiter?" }));
                    var id = own.GetProperty("id").GetInt64();
                    acknowledged[id] = clientId;
                    // Paced by the moderators: the next question once this one is public.
                    await asker.WaitUntilAsync(c => c.Questions.ContainsKey(id), $"question {id} public", TimeSpan.FromSeconds(60));
                }

                Interlocked.Increment(ref askersDone);
                moderator.Nudge();
            }

            async Task ModerateAsync()
            {
                while (true)
                {
                    await moderator.WaitUntilAsync(
                        c => Volatile.Read(ref askersDone) == Askers || Pending(c).Count > 0, "a pending question", TimeSpan.FromSeconds(60));
                    var pending = moderator.Read(Pending);
                    if (pending.Count == 0)
                    {
                        return;
                    }

                    foreach (var (id, version) in pending)
                    {
                        var onB = moderator.Node == 1;
                        JsonElement approved;
                        try
                        {
                            approved = await moderator.InvokeAsync("ApproveQuestion", eventId, id, version);
                        }
                        catch (HubException)
                        {
                            // Stale (a change on its way) or already approved before a node went away: the view catches up.
                            continue;
                        }
                        catch (Exception ex) when (ex is not HubException)
                        {
                            // Its node went away mid-call: it reconnects and decides again on what it sees.
                            await moderator.WaitConnectedAsync();
                            break;
                        }

                        var count = Interlocked.Increment(ref approvals);
                        if (onB)
                        {
                            approvalsOnB++;
                        }

                        if (count == ApprovalsBeforeKill)
                        {
                            enoughApproved.TrySetResult();
                        }

                        if (count % 4 == 0)
                        {
                            try
                            {
                                await moderator.InvokeAsync("StageQuestion", eventId, id, approved.GetProperty("version").GetInt64());
                                stagedOnB += onB ? 1 : 0;
                            }
                            catch (Exception ex) when (ex is not HubException)
                            {
                                await moderator.WaitConnectedAsync();
                            }
                            catch (HubException)
                            {
                                // Staged already, or changed meanwhile.
                            }
                        }
                    }
                }
            }

            var askers = viewers.Take(Askers).Select((asker, n) => AskAsync(asker, n)).ToList();
            var moderating = ModerateAsync();

            // Mid-broadcast: questions are being asked and approved on both nodes when A dies.
            await enoughApproved.Task.WaitAsync(TimeSpan.FromSeconds(60));
            nodes.A.Kill();
            var failingOver = System.Diagnostics.Stopwatch.StartNew();
            var fromA = viewers.Where((_, n) => n % 2 == 0).Append(moderator).ToList();
            foreach (var client in fromA)
            {
                // A reconnect is counted when it starts; the snapshot from B completes it.
                await client.WaitUntilAsync(c => c.Reconnects >= 1, "a reconnect", TimeSpan.FromSeconds(60));
                await client.WaitConnectedAsync();
            }

            var failedOver = failingOver.Elapsed;

            await Task.WhenAll(askers).WaitAsync(TimeSpan.FromSeconds(120));
            await moderating.WaitAsync(TimeSpan.FromSeconds(60));

            // 0 acknowledged questions lost: every acknowledged question is stored.
            await using (var database = nodes.OpenDatabase())
            {
                var stored = (await database.QueryAsync<long>("SELECT id FROM questions WHERE event_id = @eventId", new { eventId })).ToHashSet();
                Assert.Equal(Askers * QuestionsPerAsker, acknowledged.Count);
                Assert.All(acknowledged.Keys, id => Assert.Contains(id, stored));
            }

            // Every client is on node B now.
            Assert.All(viewers, v => Assert.Equal(1, v.Node));
            Assert.Equal(1, moderator.Node);
            Assert.All(viewers.Where((_, n) => n % 2 == 0), v => Assert.True(v.Reconnects >= 1, $"{v.Name} never reconnected"));

            // 0 missed updates: each client caught up with the database's numbers and shows its state.
            var (seq, modSeq) = await nodes.NumbersAsync(eventId);
            foreach (var viewer in viewers)
            {
                await viewer.WaitUntilAsync(c => c.Seq == seq, $"seq {seq}", TimeSpan.FromSeconds(20));
            }

            await moderator.WaitUntilAsync(c => c.Seq == modSeq, $"modSeq {modSeq}", TimeSpan.FromSeconds(20));
            Dictionary<long, string> publicList, queue;
            await using (var database = nodes.OpenDatabase())
            {
                var rows = (await database.QueryAsync<(long Id, string Status)>(
                    "SELECT id, status FROM questions WHERE event_id = @eventId", new { eventId })).ToList();
                queue = rows.ToDictionary(r => r.Id, r => r.Status.ToLowerInvariant());
                publicList = rows.Where(r => r.Status is "approved" or "onstage" or "answered").ToDictionary(r => r.Id, r => r.Status.ToLowerInvariant());
            }

            foreach (var viewer in viewers)
            {
                Assert.Equal(publicList, viewer.Read(Statuses));
            }

            Assert.Equal(queue, moderator.Read(Statuses));

            // The clock right within 1 s: the block's end as node A announced it, now from node B.
            foreach (var viewer in viewers)
            {
                var clock = viewer.Read(c => c.Clock);
                Assert.Equal(1, clock.GetProperty("currentBlock").GetInt32());
                var shown = clock.GetProperty("current").GetProperty("endsAt").GetDateTimeOffset();
                Assert.True((shown - endsAt).Duration() <= TimeSpan.FromSeconds(1), $"{viewer.Name}: block ends {shown:O}, A said {endsAt:O}");
            }

            // The moderators went on on node B.
            Assert.True(approvalsOnB > 0, "no question was approved on node B");
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Failover: {fromA.Count} clients of A joined on B {failedOver.TotalMilliseconds:F0} ms after the kill; " +
                $"{acknowledged.Count} acknowledged, {approvals} approvals ({approvalsOnB} on B, {stagedOnB} staged on B), " +
                $"gaps resynchronised: {viewers.Sum(v => v.Gaps) + moderator.Gaps}, reconnects: {viewers.Sum(v => v.Reconnects) + moderator.Reconnects}");
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(nodes.Output);
            throw;
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    private static List<(long Id, long Version)> Pending(StreamClient moderator) =>
        [.. moderator.Questions.Values
            .Where(q => q.GetProperty("status").GetString() == "pending")
            .Select(q => (q.GetProperty("id").GetInt64(), q.GetProperty("version").GetInt64()))];

    private static Dictionary<long, string> Statuses(StreamClient client) =>
        client.Questions.ToDictionary(q => q.Key, q => q.Value.GetProperty("status").GetString()!.ToLowerInvariant());

    /// <summary>A call that its node may not answer (killed): once the client is on another node, the same call again.</summary>
    private static async Task<JsonElement> UntilAnsweredAsync(StreamClient client, Func<Task<JsonElement>> call)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is not HubException)
            {
                await client.WaitConnectedAsync();
            }
        }
    }
}
