using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Clock;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Clock;

/// <summary>The clock through the real hub, database and ticker, driven by the fake clock.</summary>
public sealed class ClockServiceTests
{
    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    private static TimeSpan Sec(double seconds) => TimeSpan.FromSeconds(seconds);

    private static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static async Task<JsonElement> NextClockChangedAsync(HubTestClient client, long seq, string command)
    {
        var message = await client.WaitForAsync(ServerMessages.ClockChanged);
        Assert.Equal(seq, message.GetProperty("seq").GetInt64());
        Assert.Equal(CamelCase(command), message.GetProperty("command").GetString());
        return message;
    }

    private static List<ClockWarning> Warnings(HubTestClient client) =>
        client.Received.Where(m => m.Target == ServerMessages.ClockWarning)
            .Select(m => m.Argument.Deserialize<ClockWarning>(Json.Options)!).ToList();

    [Fact]
    public async Task Every_command_reaches_every_client_with_the_sequence_number_one_higher()
    {
        await using var s = await ClockSession.StartAsync();
        var viewer = await s.JoinAsync();
        await s.App.CreateModeratorAsync("moderation@test.local", s.EventId);
        var moderator = await s.JoinAsync(await s.App.SignInAsync("moderation@test.local", TestApp.OrganiserPassword));
        var seq = (await s.SnapshotAsync()).Seq;

        (string Method, object[] Args, ClockPhase Phase, int? Block)[] steps =
        [
            ("StartEvent", [], ClockPhase.Intro, null),
            ("SetAutoAdvance", [true], ClockPhase.Intro, null),
            ("NextBlock", [], ClockPhase.Block, 1),
            ("PauseBlock", [], ClockPhase.Block, 1),
            ("ResumeBlock", [], ClockPhase.Block, 1),
            ("ExtendBlock", [5], ClockPhase.Block, 1),
            ("StartBlock", [3], ClockPhase.Block, 3),
            ("EndBlock", [], ClockPhase.Between, null),
            ("StartBlock", [2], ClockPhase.Block, 2),
            ("EndEvent", [], ClockPhase.Ended, null),
        ];
        foreach (var (method, args, phase, block) in steps)
        {
            s.App.Time.Advance(Min(2));
            var changed = await s.CommandAsync(method, args);

            seq++;
            Assert.Equal(seq, changed.Seq);
            Assert.Equal(method, changed.Command.ToString());
            Assert.Equal(phase, changed.Clock.Phase);
            Assert.Equal(block, changed.Clock.CurrentBlock);
            foreach (var client in new[] { s.Organiser, viewer, moderator })
            {
                var received = await NextClockChangedAsync(client, seq, method);
                Assert.Equal(ClockSession.Json(changed.Clock), ClockSession.Json(received.GetProperty("clock").Deserialize<ClockView>(Json.Options)!));
            }

            // A client joining now sees exactly what the delta said.
            var snapshot = await s.SnapshotAsync();
            Assert.Equal(seq, snapshot.Seq);
            Assert.Equal(ClockSession.Json(changed.Clock), ClockSession.Json(snapshot.Clock));
        }
    }

    [Fact]
    public async Task StartBlock_gives_endsAt_and_serverNow_from_the_server_clock()
    {
        await using var s = await ClockSession.StartAsync();
        s.App.Time.Advance(Min(3));
        await s.CommandAsync("StartEvent");
        s.App.Time.Advance(Sec(45));
        var startedAt = s.Now;

        var changed = await s.CommandAsync("StartBlock", 1);
        s.App.Time.Advance(Min(10) + Sec(17));
        var later = await s.SnapshotAsync();

        Assert.Equal(startedAt, changed.Clock.ServerNow);
        Assert.Equal(startedAt, changed.Clock.Current!.StartedAt);
        Assert.Equal(startedAt + Min(30), changed.Clock.Current.EndsAt);
        Assert.Equal(1800, changed.Clock.Current.RemainingSeconds);
        Assert.Equal(s.Now, later.Clock.ServerNow);
        Assert.Equal(startedAt + Min(30), later.Clock.Current!.EndsAt);
        Assert.Equal(BlockRunState.Running, later.Clock.Current.State);
        Assert.Equal(19 * 60 + 43, later.Clock.Current.RemainingSeconds);
        Assert.Equal(ClockWarningLevel.None, later.Clock.Current.Warning);
    }

    [Fact]
    public async Task Pause_freezes_the_countdown_and_resume_moves_endsAt_by_the_pause()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        var startedAt = s.Now;
        await s.CommandAsync("StartBlock", 1);
        s.App.Time.Advance(Min(10) + Sec(17));

        var paused = await s.CommandAsync("PauseBlock");
        s.App.Time.Advance(Min(4));
        var whilePaused = await s.SnapshotAsync();
        var resumed = await s.CommandAsync("ResumeBlock");

        Assert.Equal(BlockRunState.Paused, paused.Clock.Current!.State);
        Assert.Null(paused.Clock.Current.EndsAt);
        Assert.Equal(startedAt + Min(10) + Sec(17), paused.Clock.Current.PausedAt);
        Assert.Equal(1183, whilePaused.Clock.Current!.RemainingSeconds);
        Assert.Equal(BlockRunState.Running, resumed.Clock.Current!.State);
        Assert.Equal(startedAt + Min(34), resumed.Clock.Current.EndsAt);
        Assert.Equal(1183, resumed.Clock.Current.RemainingSeconds);
    }

    [Fact]
    public async Task ExtendBlock_moves_endsAt_and_adds_to_the_remaining_time()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        var startedAt = s.Now;
        await s.CommandAsync("StartBlock", 2);
        s.App.Time.Advance(Min(28));

        var extended = await s.CommandAsync("ExtendBlock", 5);

        Assert.Equal(startedAt + Min(35), extended.Clock.Current!.EndsAt);
        Assert.Equal(5, extended.Clock.Current.ExtendedMinutes);
        Assert.Equal(7 * 60, extended.Clock.Current.RemainingSeconds);
        Assert.Equal(ClockWarningLevel.None, extended.Clock.Current.Warning);
    }

    [Fact]
    public async Task Commands_before_the_start_are_refused_and_change_nothing()
    {
        await using var s = await ClockSession.StartAsync();
        var viewer = await s.JoinAsync();
        var seq = (await s.SnapshotAsync()).Seq;

        await s.AssertRefusedAsync("event-not-started", "StartBlock", 1);
        await s.AssertRefusedAsync("event-not-started", "NextBlock");
        await s.AssertRefusedAsync("event-not-started", "PauseBlock");
        await s.AssertRefusedAsync("event-not-started", "EndBlock");
        await s.AssertRefusedAsync("event-not-started", "EndEvent");
        var anonymous = await Assert.ThrowsAsync<HubCallException>(() => viewer.ClockAsync("StartEvent", s.EventId));
        var unknown = await Assert.ThrowsAsync<HubCallException>(() => s.Organiser.InvokeAsync("StartEvent", 999_999L, 0L));

        Assert.Equal("forbidden", anonymous.Code);
        Assert.Equal("event-not-found", unknown.Code);
        Assert.Equal(0, await s.StoredFactsAsync());
        Assert.Equal(EventStatus.Scheduled, (await s.App.Get<EventStore>().FindByIdAsync(s.EventId))!.Status);
        // The connections are still good, and the first change anyone hears of is the next one.
        var started = await s.CommandAsync("StartEvent");
        Assert.Equal(seq + 1, started.Seq);
        await NextClockChangedAsync(viewer, seq + 1, "StartEvent");
    }

    [Fact]
    public async Task Commands_that_do_not_fit_a_running_block_are_refused_and_change_nothing()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("StartBlock", 1);
        s.App.Time.Advance(Min(7));

        await s.AssertRefusedAsync("block-not-found", "StartBlock", 4);
        await s.AssertRefusedAsync("block-not-found", "StartBlock", 0);
        await s.AssertRefusedAsync("block-already-running", "StartBlock", 1);
        await s.AssertRefusedAsync("event-already-started", "StartEvent");
        await s.AssertRefusedAsync("invalid-argument", "ExtendBlock", 0);
        await s.AssertRefusedAsync("invalid-argument", "ExtendBlock", 61);
        await s.AssertRefusedAsync("block-not-paused", "ResumeBlock");
        await s.CommandAsync("PauseBlock");
        await s.AssertRefusedAsync("block-already-paused", "PauseBlock");

        Assert.Equal(3, await s.StoredFactsAsync());
    }

    [Fact]
    public async Task Commands_on_an_ended_block_or_event_are_refused_and_change_nothing()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("StartBlock", 1);
        await s.CommandAsync("EndBlock");

        await s.AssertRefusedAsync("no-running-block", "ExtendBlock", 5);
        await s.AssertRefusedAsync("no-running-block", "PauseBlock");
        await s.AssertRefusedAsync("no-running-block", "EndBlock");
        await s.AssertRefusedAsync("block-already-ended", "StartBlock", 1);
        await s.CommandAsync("StartBlock", 3);
        await s.AssertRefusedAsync("no-next-block", "NextBlock");
        await s.CommandAsync("EndEvent");
        await s.AssertRefusedAsync("event-ended", "EndEvent");
        await s.AssertRefusedAsync("event-ended", "SetAutoAdvance", true);
        await s.AssertRefusedAsync("event-ended", "NextBlock");
        // docs/hub-protocol.md: every clock command after the end answers event-ended (issue 13).
        await s.AssertRefusedAsync("event-ended", "StartEvent");

        Assert.Equal(EventStatus.Ended, (await s.App.Get<EventStore>().FindByIdAsync(s.EventId))!.Status);
    }

    [Fact]
    public async Task A_draft_event_cannot_be_started()
    {
        await using var app = await TestApp.StartAsync();
        var editor = app.Get<EventEditor>();
        var series = (await app.Get<EventStore>().ListSeriesAsync())[0];
        var draft = await editor.SaveEventAsync(null, new EventInput
        {
            SeriesId = series.Id, Title = "Entwurf mit Uhr", StartBerlin = new DateTime(2026, 4, 2, 10, 0, 0), Status = "draft",
        });
        Assert.True(draft.Ok);
        Assert.True((await editor.AddBlockAsync(draft.Id, new BlockInput { Title = "Erster Block", PlannedMinutes = 30 })).Ok);
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());

        var error = await Assert.ThrowsAsync<HubCallException>(() => organiser.ClockAsync("StartEvent", draft.Id));

        Assert.Equal("event-is-draft", error.Code);
        var stored = await app.Get<EventStore>().FindByIdAsync(draft.Id);
        Assert.Equal(EventStatus.Draft, stored!.Status);
        var snapshot = await organiser.InvokeAsync<EventSnapshot>("GetSnapshot", draft.Id);
        Assert.Equal(ClockPhase.NotStarted, snapshot.Clock.Phase);
        Assert.Equal(stored.Seq, snapshot.Seq);
    }

    [Fact]
    public async Task A_past_event_without_clock_facts_cannot_be_started_again()
    {
        await using var app = await TestApp.StartAsync();
        var past = await app.Get<EventStore>().FindBySlugAsync("ozg-marketing-auftakt");
        Assert.Equal(EventStatus.Ended, past!.Status);
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());

        var error = await Assert.ThrowsAsync<HubCallException>(() => organiser.ClockAsync("StartEvent", past.Id));

        Assert.Equal("event-ended", error.Code);
        var after = await app.Get<EventStore>().FindByIdAsync(past.Id);
        Assert.Equal(EventStatus.Ended, after!.Status);
        Assert.Equal(past.Seq, after.Seq);
        var snapshot = await organiser.InvokeAsync<EventSnapshot>("GetSnapshot", past.Id);
        Assert.Equal(ClockPhase.NotStarted, snapshot.Clock.Phase);
    }

    [Fact]
    public async Task StartEvent_puts_the_event_live_on_the_home_page_and_EndEvent_ends_it()
    {
        await using var s = await ClockSession.StartAsync();
        using var http = s.App.CreateClient();
        var store = s.App.Get<EventStore>();
        Assert.DoesNotContain("Jetzt live", await http.GetStringAsync("/"));

        await s.CommandAsync("StartEvent");
        var whileLive = await http.GetStringAsync("/");
        var liveStatus = (await store.FindByIdAsync(s.EventId))!.Status;
        await s.CommandAsync("EndEvent");
        var afterwards = await http.GetStringAsync("/");

        Assert.Equal(EventStatus.Live, liveStatus);
        Assert.Contains("Jetzt live", whileLive);
        Assert.Equal(EventStatus.Ended, (await store.FindByIdAsync(s.EventId))!.Status);
        Assert.DoesNotContain("Jetzt live", afterwards);
    }

    [Fact]
    public async Task Auto_advance_starts_the_next_block_at_the_moment_the_time_ran_out()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("SetAutoAdvance", true);
        var startedAt = s.Now;
        var seq = (await s.CommandAsync("StartBlock", 1)).Seq;
        var viewer = await s.JoinAsync();

        s.App.Time.Advance(Min(30) - Sec(1));
        await s.App.TickAsync();
        var justBefore = await s.SnapshotAsync();
        s.App.Time.Advance(Sec(8));
        await s.App.TickAsync();
        var advanced = await NextClockChangedAsync(viewer, seq + 1, "NextBlock");
        var after = await s.SnapshotAsync();

        Assert.Equal(seq, justBefore.Seq);
        Assert.Equal(1, justBefore.Clock.CurrentBlock);
        Assert.Equal(2, advanced.GetProperty("clock").GetProperty("currentBlock").GetInt32());
        Assert.Equal(seq + 1, after.Seq);
        Assert.Equal(2, after.Clock.CurrentBlock);
        Assert.Equal(startedAt + Min(30), after.Clock.Current!.StartedAt);
        Assert.Equal(startedAt + Min(60), after.Clock.Current.EndsAt);
        Assert.Equal(1800 - 7, after.Clock.Current.RemainingSeconds);
        Assert.Equal(startedAt + Min(30), after.Clock.Blocks[0].EndedAt);
        Assert.Equal(0, after.Clock.Blocks[0].RemainingSeconds);
    }

    [Fact]
    public async Task Without_auto_advance_a_block_whose_time_is_up_runs_into_overtime()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        var seq = (await s.CommandAsync("StartBlock", 1)).Seq;

        s.App.Time.Advance(Min(31) + Sec(5));
        await s.App.TickAsync();
        var snapshot = await s.SnapshotAsync();

        Assert.Equal(seq, snapshot.Seq);
        Assert.Equal(1, snapshot.Clock.CurrentBlock);
        Assert.Equal(-65, snapshot.Clock.Current!.RemainingSeconds);
        Assert.Equal(ClockWarningLevel.Overtime, snapshot.Clock.Current.Warning);
    }

    [Fact]
    public async Task After_a_long_outage_one_tick_catches_up_block_by_block()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("SetAutoAdvance", true);
        var startedAt = s.Now;
        var seq = (await s.CommandAsync("StartBlock", 1)).Seq;

        s.App.Time.Advance(Min(75));
        await s.RestartAsync();
        var viewer = await s.JoinAsync();
        await s.App.TickAsync();
        await NextClockChangedAsync(viewer, seq + 1, "NextBlock");
        var last = await NextClockChangedAsync(viewer, seq + 2, "NextBlock");
        var snapshot = await s.SnapshotAsync();

        Assert.Equal(3, last.GetProperty("clock").GetProperty("currentBlock").GetInt32());
        Assert.Equal(seq + 2, snapshot.Seq);
        Assert.Equal(startedAt + Min(30), snapshot.Clock.Blocks[1].StartedAt);
        Assert.Equal(startedAt + Min(60), snapshot.Clock.Blocks[1].EndedAt);
        Assert.Equal(startedAt + Min(60), snapshot.Clock.Current!.StartedAt);
        Assert.Equal(15 * 60, snapshot.Clock.Current.RemainingSeconds);
    }

    [Fact]
    public async Task Auto_advance_after_the_last_block_ends_the_block_but_not_the_event()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("SetAutoAdvance", true);
        var startedAt = s.Now;
        var seq = (await s.CommandAsync("StartBlock", 3)).Seq;
        var viewer = await s.JoinAsync();

        s.App.Time.Advance(Min(31));
        await s.App.TickAsync();
        await NextClockChangedAsync(viewer, seq + 1, "EndBlock");
        s.App.Time.Advance(Min(10));
        await s.App.TickAsync();
        var snapshot = await s.SnapshotAsync();

        Assert.Equal(seq + 1, snapshot.Seq);
        Assert.Equal(ClockPhase.Between, snapshot.Clock.Phase);
        Assert.Equal(startedAt + Min(30), snapshot.Clock.Blocks[2].EndedAt);
        Assert.Equal(EventStatus.Live, (await s.App.Get<EventStore>().FindByIdAsync(s.EventId))!.Status);
    }

    [Fact]
    public async Task Moderators_get_each_warning_once_as_the_time_runs_out_and_viewers_none()
    {
        await using var s = await ClockSession.StartAsync();
        var viewer = await s.JoinAsync();
        await s.App.CreateModeratorAsync("moderation@test.local", s.EventId);
        var moderator = await s.JoinAsync(await s.App.SignInAsync("moderation@test.local", TestApp.OrganiserPassword));
        await s.CommandAsync("StartEvent");
        var endsAt = s.Now + Min(30);
        await s.CommandAsync("StartBlock", 1);

        foreach (var step in new[] { Min(24) + Sec(59), Sec(1), Sec(1), Min(3) + Sec(58), Sec(1), Sec(1), Sec(59), Sec(1), Min(5) })
        {
            s.App.Time.Advance(step);
            await s.App.TickAsync();
            await s.App.TickAsync();
        }

        // Each connection gets its messages in order: once the pause arrives, every warning sent before it has too.
        var seq = (await s.CommandAsync("PauseBlock")).Seq;
        foreach (var client in new[] { s.Organiser, moderator, viewer })
        {
            await client.WaitForAsync(ServerMessages.ClockChanged, m => m.GetProperty("seq").GetInt64() == seq);
        }

        foreach (var client in new[] { s.Organiser, moderator })
        {
            var warnings = Warnings(client);
            Assert.Equal([ClockWarningLevel.FiveMinutes, ClockWarningLevel.OneMinute, ClockWarningLevel.Overtime], warnings.Select(w => w.Level));
            Assert.Equal([300, 60, 0], warnings.Select(w => w.RemainingSeconds));
            Assert.All(warnings, w => Assert.Equal((s.EventId, 1, endsAt), (w.EventId, w.BlockNumber, w.EndsAt)));
        }

        Assert.Empty(Warnings(viewer));
    }

    [Fact]
    public async Task Extending_a_block_lowers_the_warning_and_the_next_crossing_warns_again()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("StartBlock", 1);

        async Task AdvanceAndTick(TimeSpan by)
        {
            s.App.Time.Advance(by);
            await s.App.TickAsync();
        }

        await AdvanceAndTick(Min(25));
        await AdvanceAndTick(Min(4));
        await s.CommandAsync("ExtendBlock", 5);
        await AdvanceAndTick(TimeSpan.Zero);
        await AdvanceAndTick(Min(1));
        await AdvanceAndTick(Min(4));
        await AdvanceAndTick(Min(1));
        var seq = (await s.CommandAsync("EndBlock")).Seq;
        await s.Organiser.WaitForAsync(ServerMessages.ClockChanged, m => m.GetProperty("seq").GetInt64() == seq);

        var warnings = Warnings(s.Organiser);
        Assert.Equal(
            [ClockWarningLevel.FiveMinutes, ClockWarningLevel.OneMinute, ClockWarningLevel.FiveMinutes, ClockWarningLevel.OneMinute, ClockWarningLevel.Overtime],
            warnings.Select(w => w.Level));
        Assert.Equal([300, 60, 300, 60, 0], warnings.Select(w => w.RemainingSeconds));
    }

    [Fact]
    public async Task After_a_restart_mid_block_the_remaining_time_is_right_to_the_second()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        var startedAt = s.Now;
        await s.CommandAsync("StartBlock", 1);
        s.App.Time.Advance(Min(10) + Sec(17));
        await s.CommandAsync("PauseBlock");
        s.App.Time.Advance(Min(3));
        await s.CommandAsync("ResumeBlock");
        s.App.Time.Advance(Min(2) + Sec(5));
        var seq = (await s.SnapshotAsync()).Seq;

        await s.RestartAsync();
        s.App.Time.Advance(Sec(41));
        var snapshot = await s.SnapshotAsync();

        Assert.Equal(seq, snapshot.Seq);
        Assert.Equal(EventRole.Organiser, snapshot.Role);
        Assert.Equal(BlockRunState.Running, snapshot.Clock.Current!.State);
        Assert.Equal(startedAt, snapshot.Clock.Current.StartedAt);
        Assert.Equal(startedAt + Min(33), snapshot.Clock.Current.EndsAt);
        Assert.Equal(1800 - (617 + 125 + 41), snapshot.Clock.Current.RemainingSeconds);
        Assert.Equal(s.Now, snapshot.Clock.ServerNow);
    }

    [Fact]
    public async Task After_a_restart_while_paused_the_remaining_time_stays_frozen()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("StartBlock", 1);
        s.App.Time.Advance(Min(10) + Sec(17));
        await s.CommandAsync("PauseBlock");

        await s.RestartAsync();
        s.App.Time.Advance(Min(60));
        var snapshot = await s.SnapshotAsync();
        var resumed = await s.CommandAsync("ResumeBlock");

        Assert.Equal(BlockRunState.Paused, snapshot.Clock.Current!.State);
        Assert.Null(snapshot.Clock.Current.EndsAt);
        Assert.Equal(1183, snapshot.Clock.Current.RemainingSeconds);
        Assert.Equal(s.Now + Sec(1183), resumed.Clock.Current!.EndsAt);
    }

    [Fact]
    public async Task After_a_restart_when_auto_advance_was_due_the_first_tick_catches_up()
    {
        await using var s = await ClockSession.StartAsync();
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("SetAutoAdvance", true);
        var endsAt = s.Now + Min(30);
        var seq = (await s.CommandAsync("StartBlock", 1)).Seq;
        s.App.Time.Advance(Min(30) + Sec(2));

        await s.RestartAsync();
        await s.App.TickAsync();
        var snapshot = await s.SnapshotAsync();

        Assert.Equal(seq + 1, snapshot.Seq);
        Assert.Equal(2, snapshot.Clock.CurrentBlock);
        Assert.Equal(endsAt, snapshot.Clock.Current!.StartedAt);
        Assert.Equal(1798, snapshot.Clock.Current.RemainingSeconds);
    }

    [Fact]
    public async Task What_a_command_sends_is_what_a_restarted_server_replays_even_below_a_millisecond()
    {
        await using var s = await ClockSession.StartAsync();
        s.App.Time.Advance(TimeSpan.FromTicks(4_567));
        await s.CommandAsync("StartEvent");
        s.App.Time.Advance(TimeSpan.FromTicks(12_345_678));
        var sent = await s.CommandAsync("StartBlock", 1);

        await s.RestartAsync();
        var replayed = await s.SnapshotAsync();

        Assert.Equal(sent.Clock.EventStartedAt, replayed.Clock.EventStartedAt);
        Assert.Equal(sent.Clock.Current!.StartedAt, replayed.Clock.Current!.StartedAt);
        Assert.Equal(sent.Clock.Current.EndsAt, replayed.Clock.Current.EndsAt);
    }

    [Fact]
    public async Task Commands_from_two_moderators_at_once_get_consecutive_sequence_numbers_in_order()
    {
        await using var s = await ClockSession.StartAsync();
        var second = await s.JoinAsync(await s.App.SignInAsync());
        await s.CommandAsync("StartEvent");
        var seq = (await s.CommandAsync("StartBlock", 1)).Seq;
        var viewer = await s.JoinAsync();

        // Each carries the clock version its moderator saw; one refused as stale reads the clock again and retries.
        var calls = Enumerable.Range(0, 10)
            .Select(async i => (await (i % 2 == 0 ? s.Organiser : second).ClockUntilAcceptedAsync("ExtendBlock", s.EventId, 1)).Deserialize<ClockChanged>(Json.Options)!);
        var results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => seq + i), results.Select(r => r.Seq).Order());
        Assert.Equal(10, results.Max(r => r.Clock.Current!.ExtendedMinutes));
        for (var i = 1; i <= 10; i++)
        {
            var message = await NextClockChangedAsync(viewer, seq + i, "ExtendBlock");
            Assert.Equal(i, message.GetProperty("clock").GetProperty("current").GetProperty("extendedMinutes").GetInt32());
        }
    }
}
