using System.Net;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.ScaleOut;

/// <summary>
/// Two app node processes on one database and one Redis: a change made on either node reaches the
/// clients of both, numbered and in order, and what one node changes is seen by the next decision
/// the other takes.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class NodesTests
{
    [Fact]
    public async Task A_question_asked_on_node_B_reaches_a_viewer_and_a_moderator_on_node_A_in_order()
    {
        await using var nodes = await ScaleOutCluster.StartAsync();
        var cookies = await nodes.A.SignInAsync();
        await using var moderator = await nodes.A.ConnectAsync(cookies);
        var modSnapshot = await moderator.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);
        var eventId = modSnapshot.GetProperty("eventId").GetInt64();
        await moderator.ClockAsync("StartEvent", eventId);
        // Set on node A; node B must take the questions it asks with it.
        var settings = await moderator.InvokeAsync(
            "SetAutoApprove", eventId, modSnapshot.GetProperty("questions").GetProperty("settingsVersion").GetInt64(), true);
        Assert.True(settings.GetProperty("autoApprove").GetBoolean());

        await using var viewerA = await nodes.A.ConnectAsync();
        await viewerA.InvokeAsync("IdentifyViewer", [null]);
        var viewerSeq = (await viewerA.InvokeAsync("JoinEvent", ScaleOutCluster.Slug)).GetProperty("seq").GetInt64();
        var moderatorSeq = (await moderator.InvokeAsync("GetSnapshot", eventId)).GetProperty("seq").GetInt64();

        await using var asker = await nodes.B.ConnectAsync();
        await asker.InvokeAsync("IdentifyViewer", [null]);
        await asker.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);
        var asked = new List<long>();
        for (var n = 1; n <= 3; n++)
        {
            var own = await asker.InvokeAsync("AskQuestion", eventId, new { clientId = $"b-{n}", text = $"Frage {n} über Knoten B an alle?" });
            Assert.Equal("approved", own.GetProperty("status").GetString());
            asked.Add(own.GetProperty("id").GetInt64());
        }

        // The viewer on A: each question as the next number of the public stream, in the order asked.
        var publicMessages = await viewerA.WaitUntilAsync(
            received => received.Count(m => m.Target == "QuestionsChanged") >= 3,
            received => $"viewer on A got {received.Count(m => m.Target == "QuestionsChanged")} of 3 QuestionsChanged:\n{nodes.Output}",
            TimeSpan.FromSeconds(20));
        var questionsChanged = publicMessages.Where(m => m.Target == "QuestionsChanged").ToList();
        Assert.Equal([viewerSeq + 1, viewerSeq + 2, viewerSeq + 3], questionsChanged.Select(m => m.Argument.GetProperty("seq").GetInt64()));
        Assert.Equal(asked, questionsChanged.Select(m => m.Argument.GetProperty("questions")[0].GetProperty("id").GetInt64()));
        Assert.All(questionsChanged, m => Assert.Equal("approved", m.Argument.GetProperty("questions")[0].GetProperty("status").GetString()));

        // The moderator on A: the same questions on the moderators' stream, numbered without a gap.
        var queueMessages = (await moderator.WaitUntilAsync(
            received => received.Count(m => m.Target == "QueueChanged" && asked.Contains(m.Argument.GetProperty("questions")[0].GetProperty("id").GetInt64())) >= 3,
            received => $"moderator on A got too few QueueChanged:\n{nodes.Output}",
            TimeSpan.FromSeconds(20)))
            .Where(m => m.Target == "QueueChanged" && m.Argument.GetProperty("seq").GetInt64() > moderatorSeq)
            .ToList();
        Assert.Equal([moderatorSeq + 1, moderatorSeq + 2, moderatorSeq + 3], queueMessages.Select(m => m.Argument.GetProperty("seq").GetInt64()));
        Assert.Equal(asked, queueMessages.Select(m => m.Argument.GetProperty("questions")[0].GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_clock_command_and_a_questions_pause_on_node_A_are_seen_by_node_B()
    {
        await using var nodes = await ScaleOutCluster.StartAsync();
        var cookies = await nodes.A.SignInAsync();
        await using var moderator = await nodes.A.ConnectAsync(cookies);
        var eventId = (await moderator.InvokeAsync("JoinEvent", ScaleOutCluster.Slug)).GetProperty("eventId").GetInt64();
        await moderator.ClockAsync("StartEvent", eventId);

        await using var viewerB = await nodes.B.ConnectAsync();
        await viewerB.InvokeAsync("IdentifyViewer", [null]);
        await viewerB.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);
        // Node B takes a question first, so that it has the event's state in memory (QuestionIntake).
        await viewerB.InvokeAsync("AskQuestion", eventId, new { clientId = "b-0", text = "Eine Frage, bevor A etwas ändert?" });

        var started = await moderator.ClockAsync("StartBlock", eventId, 1);
        var clockOnB = await viewerB.WaitForAsync(
            "ClockChanged", m => m.GetProperty("command").GetString() == "startBlock", TimeSpan.FromSeconds(20));
        Assert.Equal(1, clockOnB.GetProperty("clock").GetProperty("currentBlock").GetInt32());
        Assert.Equal(
            started.GetProperty("clock").GetProperty("current").GetProperty("endsAt").GetDateTimeOffset(),
            clockOnB.GetProperty("clock").GetProperty("current").GetProperty("endsAt").GetDateTimeOffset());

        // Questions paused on A: the next question on B is refused, without any restart of B.
        var settingsVersion = (await moderator.InvokeAsync("GetSnapshot", eventId)).GetProperty("questions").GetProperty("settingsVersion").GetInt64();
        var paused = await moderator.InvokeAsync("SetQuestionsState", eventId, settingsVersion, "paused", null);
        var refused = await Assert.ThrowsAsync<HubCallException>(() =>
            viewerB.InvokeAsync("AskQuestion", eventId, new { clientId = "b-1", text = "Und jetzt, während pausiert ist?" }));
        Assert.Equal("questions-paused", refused.Code);

        await moderator.InvokeAsync("SetQuestionsState", eventId, paused.GetProperty("settingsVersion").GetInt64(), "open", null);
        var taken = await viewerB.InvokeAsync("AskQuestion", eventId, new { clientId = "b-2", text = "Und wieder offen, geht es?" });
        Assert.Equal("pending", taken.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_viewers_rate_limit_holds_across_nodes_and_votes_on_one_node_reach_the_other()
    {
        await using var nodes = await ScaleOutCluster.StartAsync(new Dictionary<string, string> { ["Questions__QuestionsPerViewerPerMinute"] = "3" });
        var cookies = await nodes.A.SignInAsync();
        await using var moderator = await nodes.A.ConnectAsync(cookies);
        var modSnapshot = await moderator.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);
        var eventId = modSnapshot.GetProperty("eventId").GetInt64();
        await moderator.ClockAsync("StartEvent", eventId);
        await moderator.InvokeAsync("SetAutoApprove", eventId, modSnapshot.GetProperty("questions").GetProperty("settingsVersion").GetInt64(), true);

        // One viewer (one token) on both nodes, as after the balancer switched it.
        await using var onA = await nodes.A.ConnectAsync();
        var token = (await onA.InvokeAsync("IdentifyViewer", [null])).GetProperty("token").GetString();
        await onA.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);
        await using var onB = await nodes.B.ConnectAsync();
        await onB.InvokeAsync("IdentifyViewer", token);
        await onB.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);

        var first = await onA.InvokeAsync("AskQuestion", eventId, new { clientId = "r-1", text = "Erste Frage, auf Knoten A gestellt?" });
        await onA.InvokeAsync("AskQuestion", eventId, new { clientId = "r-2", text = "Zweite Frage, auf Knoten A gestellt?" });
        await onB.InvokeAsync("AskQuestion", eventId, new { clientId = "r-3", text = "Dritte Frage, auf Knoten B gestellt?" });
        var refused = await Assert.ThrowsAsync<HubCallException>(() =>
            onB.InvokeAsync("AskQuestion", eventId, new { clientId = "r-4", text = "Vierte Frage in derselben Minute?" }));
        Assert.Equal("rate-limited", refused.Code);

        // A vote taken on node A: the count reaches a viewer on node B.
        await using var voter = await nodes.A.ConnectAsync();
        await voter.InvokeAsync("IdentifyViewer", [null]);
        await voter.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);
        var questionId = first.GetProperty("id").GetInt64();
        await voter.InvokeAsync("Vote", eventId, questionId, true);
        var votes = await onB.WaitForAsync(
            "VotesChanged", m => m.GetProperty("votes").TryGetProperty(questionId.ToString(System.Globalization.CultureInfo.InvariantCulture), out _), TimeSpan.FromSeconds(20));
        Assert.Equal(1, votes.GetProperty("votes").GetProperty(questionId.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetInt32());
    }

    [Fact]
    public async Task A_presenter_key_revoked_on_node_A_cuts_off_the_screen_on_node_B()
    {
        await using var nodes = await ScaleOutCluster.StartAsync();
        await using var organiser = await nodes.A.ConnectAsync(await nodes.A.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", ScaleOutCluster.Slug)).GetProperty("eventId").GetInt64();
        var key = (await organiser.InvokeAsync("RegeneratePresenterKey", eventId)).GetString();

        await using var screen = await nodes.B.ConnectAsync();
        await screen.InvokeAsync("JoinAsPresenter", ScaleOutCluster.Slug, key);
        await organiser.InvokeAsync("RevokePresenterKey", eventId);

        var revoked = await screen.WaitForAsync("AccessRevoked", timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(eventId, revoked.GetProperty("eventId").GetInt64());
        var refused = await Assert.ThrowsAsync<HubCallException>(() => screen.InvokeAsync("JoinAsPresenter", ScaleOutCluster.Slug, key));
        Assert.Equal("invalid-presenter-key", refused.Code);
    }

    [Fact]
    public async Task Moderators_see_the_viewers_of_both_nodes_and_a_dead_nodes_viewers_drop_out()
    {
        await using var nodes = await ScaleOutCluster.StartAsync();
        var cookies = await nodes.A.SignInAsync();
        await using var moderator = await nodes.A.ConnectAsync(cookies);
        await moderator.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);
        var viewers = new List<HubTestClient>();
        try
        {
            foreach (var node in new[] { nodes.A, nodes.A, nodes.B, nodes.B, nodes.B })
            {
                var viewer = await node.ConnectAsync();
                viewers.Add(viewer);
                await viewer.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);
            }

            // Two here, three on node B.
            await moderator.WaitForAsync("ViewerCount", m => m.GetProperty("viewers").GetInt32() == 5, TimeSpan.FromSeconds(20));

            // Node B dies without a word: its viewers stop counting once its count is not renewed.
            nodes.B.Kill();
            await moderator.WaitForAsync("ViewerCount", m => m.GetProperty("viewers").GetInt32() == 2, TimeSpan.FromSeconds(20));
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_node_that_cannot_reach_Redis_at_start_refuses_to_start_and_names_the_setting()
    {
        var folder = Directory.CreateTempSubdirectory("ozglive-nodes-").FullName;
        try
        {
            await using var node = AppNode.Launch("node without Redis", folder, $"127.0.0.1:{ServerProcess.FreePort()}");
            await node.WaitForExitAsync();

            Assert.Equal(1, node.ExitCode);
            Assert.Contains("OzgLive cannot start", node.Output, StringComparison.Ordinal);
            Assert.Contains("Redis:Configuration", node.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Application started", node.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_Redis_a_running_node_is_not_ready_refuses_writes_whole_and_recovers_when_Redis_is_back()
    {
        await using var nodes = await ScaleOutCluster.StartAsync();
        var cookies = await nodes.A.SignInAsync();
        await using var moderator = await nodes.A.ConnectAsync(cookies);
        var eventId = (await moderator.InvokeAsync("JoinEvent", ScaleOutCluster.Slug)).GetProperty("eventId").GetInt64();
        await moderator.ClockAsync("StartEvent", eventId);
        await using var viewerB = await nodes.B.ConnectAsync();
        await viewerB.InvokeAsync("IdentifyViewer", [null]);
        await viewerB.InvokeAsync("JoinEvent", ScaleOutCluster.Slug);

        var markA = nodes.A.LineCount;
        var markB = nodes.B.LineCount;
        nodes.KillRedis();
        await nodes.A.WaitForLineAsync("Lost Redis", markA);
        await nodes.B.WaitForLineAsync("Lost Redis", markB);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await nodes.A.ReadinessAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await nodes.B.ReadinessAsync());

        var before = await nodes.NumbersAsync(eventId);
        var refused = await Assert.ThrowsAsync<HubCallException>(() =>
            viewerB.InvokeAsync("AskQuestion", eventId, new { clientId = "lost-1", text = "Kommt diese Frage an, ohne Redis?" }));
        Assert.Equal("unavailable", refused.Code);
        var clockRefused = await Assert.ThrowsAsync<HubCallException>(() => moderator.ClockAsync("StartBlock", eventId, 1));
        Assert.Equal("unavailable", clockRefused.Code);
        // Refused whole: nothing stored, nothing numbered.
        Assert.Equal(before, await nodes.NumbersAsync(eventId));
        await using (var database = nodes.OpenDatabase())
        {
            Assert.Equal(0, await database.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM questions WHERE client_id = 'lost-1'"));
        }

        markA = nodes.A.LineCount;
        markB = nodes.B.LineCount;
        await nodes.RestartRedisAsync();
        await nodes.A.WaitForLineAsync("Redis is back", markA);
        await nodes.B.WaitForLineAsync("Redis is back", markB);
        Assert.Equal(HttpStatusCode.OK, await nodes.A.ReadinessAsync());
        Assert.Equal(HttpStatusCode.OK, await nodes.B.ReadinessAsync());

        // Back by itself: a command on A reaches the viewer on B again.
        await moderator.ClockAsync("StartBlock", eventId, 1);
        var clockOnB = await viewerB.WaitForAsync("ClockChanged", m => m.GetProperty("command").GetString() == "startBlock", TimeSpan.FromSeconds(20));
        Assert.Equal(1, clockOnB.GetProperty("clock").GetProperty("currentBlock").GetInt32());
    }
}
