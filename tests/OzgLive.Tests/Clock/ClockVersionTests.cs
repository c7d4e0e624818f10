using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Clock;

/// <summary>
/// Clock commands carry the clock version their caller saw (issue 11, bug 6), a numbered message
/// carries the event's status change by the clock (bug 7), and a draft can be scheduled and started
/// in one confirmed step (bug 5).
/// </summary>
public sealed class ClockVersionTests
{
    [Fact]
    public async Task Two_moderators_pressing_next_block_on_the_same_clock_start_one_block_and_the_second_gets_stale()
    {
        await using var s = await ClockSession.StartAsync();
        var second = await s.JoinAsync(await s.App.SignInAsync());
        await s.CommandAsync("StartEvent");
        await s.CommandAsync("StartBlock", 1);
        // Both consoles show the same clock: block 1 running.
        var seenByFirst = await s.Organiser.ClockVersionAsync(s.EventId);
        var seenBySecond = await second.ClockVersionAsync(s.EventId);
        Assert.Equal(seenByFirst, seenBySecond);

        var first = await s.Organiser.InvokeAsync<ClockChanged>("NextBlock", s.EventId, seenByFirst);
        var facts = await s.StoredFactsAsync();
        var before = await s.SnapshotJsonAsync();
        var refused = await Assert.ThrowsAsync<HubCallException>(() => second.InvokeAsync("NextBlock", s.EventId, seenBySecond));

        Assert.Equal(2, first.Clock.CurrentBlock);
        Assert.Equal(seenByFirst + 1, first.Clock.Version);
        Assert.Equal("stale", refused.Code);
        Assert.Contains("Die Uhr wurde inzwischen geändert", refused.Message);
        Assert.Equal(facts, await s.StoredFactsAsync());
        Assert.Equal(before, await s.SnapshotJsonAsync());
        var stored = await s.SnapshotAsync();
        Assert.Equal(2, stored.Clock.CurrentBlock);
        Assert.Equal(BlockRunState.Upcoming, stored.Clock.Blocks[2].State);
    }

    [Fact]
    public async Task The_version_in_the_snapshot_and_in_ClockChanged_is_the_one_the_next_command_must_carry()
    {
        await using var s = await ClockSession.StartAsync();
        var viewer = await s.JoinAsync();
        Assert.Equal(0, (await s.SnapshotAsync()).Clock.Version);

        var started = await s.Organiser.InvokeAsync<ClockChanged>("StartEvent", s.EventId, 0L);
        var heard = await viewer.WaitForAsync(ServerMessages.ClockChanged);
        var block = await s.Organiser.InvokeAsync<ClockChanged>("StartBlock", s.EventId, heard.GetProperty("clock").GetProperty("version").GetInt64(), 1);

        Assert.Equal(1, started.Clock.Version);
        Assert.Equal(2, block.Clock.Version);
        Assert.Equal(2, (await s.SnapshotAsync()).Clock.Version);
        // An auto-advance is a command too: a console that saw the clock before it is stale.
        await s.CommandAsync("SetAutoAdvance", true);
        s.App.Time.Advance(TimeSpan.FromMinutes(30));
        await s.App.TickAsync();
        var stale = await Assert.ThrowsAsync<HubCallException>(() => s.Organiser.InvokeAsync("ExtendBlock", s.EventId, 3L, 5));
        Assert.Equal("stale", stale.Code);
        Assert.Equal(4, (await s.SnapshotAsync()).Clock.Version);
    }

    [Fact]
    public async Task Starting_and_ending_the_event_send_the_new_status_in_the_numbered_ClockChanged()
    {
        await using var s = await ClockSession.StartAsync();
        var viewer = await s.JoinAsync();
        var joined = await viewer.InvokeAsync<EventSnapshot>("GetSnapshot", s.EventId);
        Assert.Equal("scheduled", joined.Event.Status);

        await s.CommandAsync("StartEvent");
        var started = await viewer.WaitForAsync(ServerMessages.ClockChanged);
        await s.CommandAsync("EndEvent");
        var ended = await viewer.WaitForAsync(ServerMessages.ClockChanged);

        // A client following the sequence rules applies seq + 1, then seq + 2, and knows the status from them.
        Assert.Equal(joined.Seq + 1, started.GetProperty("seq").GetInt64());
        Assert.Equal("live", started.GetProperty("status").GetString());
        Assert.Equal(joined.Seq + 2, ended.GetProperty("seq").GetInt64());
        Assert.Equal("ended", ended.GetProperty("status").GetString());
        Assert.Equal("ended", (await viewer.InvokeAsync<EventSnapshot>("GetSnapshot", s.EventId)).Event.Status);
    }

    [Fact]
    public async Task A_draft_is_scheduled_and_started_in_one_step_when_the_moderator_confirms()
    {
        await using var app = await TestApp.StartAsync();
        var series = (await app.Get<EventStore>().ListSeriesAsync())[0];
        var draft = await app.Get<EventEditor>().SaveEventAsync(null, new EventInput
        {
            SeriesId = series.Id, Title = "Entwurf zum Starten", StartBerlin = new DateTime(2026, 4, 2, 10, 0, 0), Status = "draft",
        });
        Assert.True((await app.Get<EventEditor>().AddBlockAsync(draft.Id, new BlockInput { Title = "Erster Block", PlannedMinutes = 30 })).Ok);
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        await organiser.InvokeAsync("JoinEvent", (await app.Get<EventStore>().FindByIdAsync(draft.Id))!.Slug);

        // The plain start is refused; the console then asks whether to schedule and start it.
        var refused = await Assert.ThrowsAsync<HubCallException>(() => organiser.InvokeAsync("StartEvent", draft.Id, 0L));
        var started = await organiser.InvokeAsync<ClockChanged>("ScheduleAndStartEvent", draft.Id, 0L);

        Assert.Equal("event-is-draft", refused.Code);
        Assert.Equal(ClockPhase.Intro, started.Clock.Phase);
        Assert.Equal("live", started.Status);
        Assert.Equal(EventStatus.Live, (await app.Get<EventStore>().FindByIdAsync(draft.Id))!.Status);
    }
}
