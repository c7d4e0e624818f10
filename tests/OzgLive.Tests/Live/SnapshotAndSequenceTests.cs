using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Live;

/// <summary>
/// A client joins an event, gets the full snapshot, then deltas whose sequence numbers go up by
/// one, so after a reconnect it can tell that it missed something and ask for a fresh snapshot.
/// </summary>
public sealed class SnapshotAndSequenceTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task JoinEvent_returns_the_event_with_blocks_speakers_clock_role_and_seq()
    {
        var ev = await fixture.CreateEventAsync();
        var stored = await App.Get<EventStore>().FindByIdAsync(ev.Id);
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);

        var snapshot = await viewer.InvokeAsync("JoinEvent", ev.Slug);

        Assert.Equal(ev.Id, snapshot.GetProperty("eventId").GetInt64());
        Assert.Equal(stored!.Seq, snapshot.Seq());
        Assert.True(snapshot.Seq() > 0, "Adding the three blocks were changes with sequence numbers.");
        Assert.Equal("viewer", snapshot.GetProperty("role").GetString());

        var e = snapshot.GetProperty("event");
        Assert.Equal(ev.Slug, e.GetProperty("slug").GetString());
        Assert.Equal("Spot on OZG Testsendung", e.GetProperty("title").GetString());
        Assert.Equal("Testreihe Live", e.GetProperty("seriesTitle").GetString());
        Assert.Equal("scheduled", e.GetProperty("status").GetString());
        Assert.Equal("Erika Moderation", e.GetProperty("moderatorName").GetString());
        var blocks = e.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], blocks.Select(b => b.GetProperty("number").GetInt32()));
        Assert.Equal(["Themenblock 1", "Themenblock 2", "Themenblock 3"], blocks.Select(b => b.GetProperty("title").GetString()));
        Assert.All(blocks, b => Assert.Equal(30, b.GetProperty("plannedMinutes").GetInt32()));
        var speaker = Assert.Single(blocks[1].GetProperty("speakers").EnumerateArray());
        Assert.Equal("Referentin 2", speaker.GetProperty("name").GetString());
        Assert.Equal("Referatsleitung", speaker.GetProperty("role").GetString());
        Assert.Equal("Land Hessen", speaker.GetProperty("organisation").GetString());

        var clock = snapshot.GetProperty("clock");
        Assert.Equal("notStarted", clock.GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Null, clock.GetProperty("currentBlock").ValueKind);
        Assert.Equal(JsonValueKind.Null, clock.GetProperty("current").ValueKind);
        Assert.False(clock.GetProperty("autoAdvance").GetBoolean());
        Assert.Equal(App.Time.GetUtcNow(), clock.GetProperty("serverNow").GetDateTimeOffset());
        var clockBlocks = clock.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(3, clockBlocks.Count);
        Assert.All(clockBlocks, b =>
        {
            Assert.Equal("upcoming", b.GetProperty("state").GetString());
            Assert.Equal(30 * 60, b.GetProperty("remainingSeconds").GetInt32());
        });
    }

    [Fact]
    public async Task Every_joined_client_gets_each_delta_once_with_seq_one_above_the_last()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        var clients = new List<HubTestClient>();
        var snapshotSeqs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var client = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
            clients.Add(client);
            snapshotSeqs.Add((await client.InvokeAsync("JoinEvent", ev.Slug)).Seq());
        }

        try
        {
            var start = snapshotSeqs[0];
            Assert.All(snapshotSeqs, s => Assert.Equal(start, s));

            (string Method, object[] Args)[] commands =
            [
                ("StartEvent", [ev.Id]), ("StartBlock", [ev.Id, 1]), ("ExtendBlock", [ev.Id, 5]), ("PauseBlock", [ev.Id]),
                ("ResumeBlock", [ev.Id]), ("NextBlock", [ev.Id]), ("EndEvent", [ev.Id]),
            ];
            var answeredSeqs = new List<long>();
            foreach (var (method, args) in commands)
            {
                answeredSeqs.Add((await moderator.ClockAsync(method, ev.Id, args[1..])).Seq());
            }

            var expected = Enumerable.Range(1, commands.Length).Select(i => start + i).ToList();
            Assert.Equal(expected, answeredSeqs);
            foreach (var client in clients)
            {
                var deltas = await client.WaitForDeltasAsync(commands.Length);
                await client.RoundTripAsync(ev.Id);
                Assert.Equal(expected, client.DeltaSeqs());
                Assert.Equal(
                    ["startEvent", "startBlock", "extendBlock", "pauseBlock", "resumeBlock", "nextBlock", "endEvent"],
                    deltas.Select(d => d.Argument.GetProperty("command").GetString()));
                Assert.All(deltas, d => Assert.Equal(ev.Id, d.Argument.GetProperty("eventId").GetInt64()));
                Assert.Equal("ended", deltas[^1].Argument.GetProperty("clock").GetProperty("phase").GetString());
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Concurrent_commands_from_two_moderators_and_an_edit_get_consecutive_seq_in_one_order_for_all()
    {
        const int PerModerator = 15;
        var ev = await fixture.CreateEventAsync();
        await using var first = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await using var second = await fixture.ConnectAsync(HubCaller.Organiser, ev.Id);
        await first.ClockAsync("StartEvent", ev.Id);
        await first.ClockAsync("StartBlock", ev.Id, 1);

        var watchers = new List<HubTestClient> { first, second };
        for (var i = 0; i < 3; i++)
        {
            watchers.Add(await fixture.ConnectAsync(HubCaller.Viewer, ev.Id));
        }

        try
        {
            var snapshotSeqs = new List<long>();
            foreach (var watcher in watchers)
            {
                snapshotSeqs.Add((await watcher.InvokeAsync("JoinEvent", ev.Slug)).Seq());
            }

            var start = snapshotSeqs[0];
            Assert.All(snapshotSeqs, s => Assert.Equal(start, s));

            // Each moderator extends by one minute at a time, all at once; an organiser edits meanwhile.
            var calls = new List<Task<JsonElement>>();
            for (var i = 0; i < PerModerator; i++)
            {
                calls.Add(first.ClockUntilAcceptedAsync("ExtendBlock", ev.Id, 1));
                calls.Add(second.ClockUntilAcceptedAsync("ExtendBlock", ev.Id, 1));
            }

            var edit = App.Get<EventEditor>().UpdateBlockAsync(ev.BlockIds[2], new BlockInput { Title = "Neuer Titel während der Sendung", PlannedMinutes = 30 });
            var answers = await Task.WhenAll(calls);
            Assert.True((await edit).Ok);

            var total = 2 * PerModerator + 1;
            var expected = Enumerable.Range(1, total).Select(i => start + i).ToList();

            List<string>? order = null;
            foreach (var watcher in watchers)
            {
                var deltas = await watcher.WaitForDeltasAsync(total);
                await watcher.RoundTripAsync(ev.Id);
                Assert.Equal(expected, watcher.DeltaSeqs());

                // The clock in each ClockChanged is the state after exactly the commands before it.
                var extensions = deltas.Where(d => d.Target == ServerMessages.ClockChanged)
                    .Select(d => d.Argument.GetProperty("clock").GetProperty("current").GetProperty("extendedMinutes").GetInt32());
                Assert.Equal(Enumerable.Range(1, 2 * PerModerator), extensions);
                var editSeq = Assert.Single(deltas, d => d.Target == ServerMessages.EventUpdated).Argument.Seq();

                // The callers' answers and the edit share one sequence: no number twice, none left out.
                Assert.Equal(expected, answers.Select(a => a.Seq()).Append(editSeq).Order());

                var seen = deltas.Select(d => $"{d.Target}:{d.Argument.Seq()}").ToList();
                order ??= seen;
                Assert.Equal(order, seen);
            }

            var after = await second.InvokeAsync("GetSnapshot", ev.Id);
            Assert.Equal(start + total, after.Seq());
            Assert.Equal(2 * PerModerator, after.GetProperty("clock").GetProperty("current").GetProperty("extendedMinutes").GetInt32());
        }
        finally
        {
            foreach (var watcher in watchers.Skip(2))
            {
                await watcher.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_client_that_reconnects_sees_a_gap_and_a_snapshot_with_every_missed_command()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);

        long lastSeen;
        await using (var before = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id))
        {
            var snapshot = await before.InvokeAsync("JoinEvent", ev.Slug);
            await moderator.ClockAsync("StartEvent", ev.Id);
            var delta = (await before.WaitForDeltasAsync(1)).Single().Argument;
            Assert.Equal(snapshot.Seq() + 1, delta.Seq());
            lastSeen = delta.Seq();
        }

        // Missed while the client was away.
        await moderator.ClockAsync("StartBlock", ev.Id, 2);
        await moderator.ClockAsync("ExtendBlock", ev.Id, 7);
        await moderator.ClockAsync("PauseBlock", ev.Id);

        await using var after = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        var fresh = await after.InvokeAsync("JoinEvent", ev.Slug);

        Assert.True(fresh.Seq() > lastSeen + 1, $"The client must see a gap: last seen {lastSeen}, snapshot {fresh.Seq()}.");
        Assert.Equal(lastSeen + 3, fresh.Seq());
        var clock = fresh.GetProperty("clock");
        Assert.Equal("block", clock.GetProperty("phase").GetString());
        Assert.Equal(2, clock.GetProperty("currentBlock").GetInt32());
        var current = clock.GetProperty("current");
        Assert.Equal("paused", current.GetProperty("state").GetString());
        Assert.Equal(7, current.GetProperty("extendedMinutes").GetInt32());
        Assert.Equal("upcoming", clock.GetProperty("blocks")[0].GetProperty("state").GetString());
        Assert.Equal("live", fresh.GetProperty("event").GetProperty("status").GetString());

        await moderator.ClockAsync("ResumeBlock", ev.Id);
        var next = (await after.WaitForDeltasAsync(1)).Single().Argument;
        Assert.Equal(fresh.Seq() + 1, next.Seq());
    }

    [Fact]
    public async Task Seq_and_clock_survive_a_server_restart_and_the_next_delta_continues_by_one()
    {
        await using var app = await TestApp.StartAsync();
        var organiser = await app.SignInAsync();
        long eventId;
        long lastSeen;
        var client = await app.ConnectAsync(organiser);
        await using (client)
        {
            var snapshot = await client.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
            eventId = snapshot.GetProperty("eventId").GetInt64();
            await client.ClockAsync("StartEvent", eventId);
            lastSeen = (await client.ClockAsync("StartBlock", eventId, 1)).Seq();

            await app.RestartAsync();
            await client.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        }

        await using var again = await app.ConnectAsync(await app.SignInAsync());
        var fresh = await again.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
        Assert.Equal(lastSeen, fresh.Seq());
        Assert.Equal("block", fresh.GetProperty("clock").GetProperty("phase").GetString());
        Assert.Equal(1, fresh.GetProperty("clock").GetProperty("currentBlock").GetInt32());

        var next = await again.ClockAsync("ExtendBlock", eventId, 3);
        Assert.Equal(lastSeen + 1, next.Seq());
        Assert.Equal(lastSeen + 1, (await again.WaitForDeltasAsync(1)).Single().Argument.Seq());
    }

    [Theory]
    [InlineData(HubCaller.Viewer)]
    [InlineData(HubCaller.AssignedModerator)]
    public async Task GetSnapshot_returns_the_same_state_as_a_fresh_join(HubCaller caller)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.ClockAsync("StartBlock", ev.Id, 1);
        await moderator.ClockAsync("ExtendBlock", ev.Id, 4);
        App.Time.Advance(TimeSpan.FromMinutes(3));

        var cookies = await fixture.CookiesForAsync(caller, ev.Id);
        await using var joining = await App.ConnectAsync(cookies);
        await using var asking = await App.ConnectAsync(cookies);
        var joined = await joining.InvokeAsync("JoinEvent", ev.Slug);
        var asked = await asking.InvokeAsync("GetSnapshot", ev.Id);
        var askedAgain = await joining.InvokeAsync("GetSnapshot", ev.Id);

        Assert.Equal(joined.GetRawText(), asked.GetRawText());
        Assert.Equal(joined.GetRawText(), askedAgain.GetRawText());
        Assert.Equal(
            (30 + 4 - 3) * 60,
            asked.GetProperty("clock").GetProperty("current").GetProperty("remainingSeconds").GetInt32());
    }

    [Fact]
    public async Task The_first_delta_after_a_join_is_snapshot_seq_plus_one_even_while_commands_run()
    {
        // Clients join one after another while a moderator gives commands non-stop, so some joins
        // fall between a command's commit and its broadcast: such a change must show up in the
        // snapshot or as the next delta, never in both.
        const int Joins = 150;
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await moderator.ClockAsync("StartEvent", ev.Id);

        using var stop = new CancellationTokenSource();
        var commands = Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                await moderator.ClockAsync("SetAutoAdvance", ev.Id, count % 2 == 0);
                count++;
            }

            return count;
        });

        var wrong = new List<string>();
        try
        {
            for (var i = 0; i < Joins; i++)
            {
                await using var joiner = await App.ConnectAsync();
                var snapshot = await joiner.InvokeAsync("JoinEvent", ev.Slug);
                var deltas = await joiner.WaitForDeltasAsync(2);
                if (deltas[0].Argument.Seq() != snapshot.Seq() + 1 || deltas[1].Argument.Seq() != snapshot.Seq() + 2)
                {
                    wrong.Add($"snapshot {snapshot.Seq()}, then {deltas[0].Argument.Seq()}, {deltas[1].Argument.Seq()}");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.True(await commands > Joins, "The commands kept running while clients joined.");
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task An_organiser_edit_sends_EventUpdated_with_the_next_seq_and_the_new_agenda()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        var snapshot = await viewer.InvokeAsync("JoinEvent", ev.Slug);

        var result = await App.Get<EventEditor>().UpdateBlockAsync(ev.BlockIds[1], new BlockInput
        {
            Title = "Förderprogramme für Kommunen",
            Description = "Neu geplant.",
            PlannedMinutes = 25,
            Speakers =
            [
                new SpeakerInput { Name = "Heiko Merz", Role = "Referent", Organisation = "HMdIS" },
                new SpeakerInput { Name = "Mirco Sander", Role = "Referatsleiter", Organisation = "HMinD" },
            ],
        });
        Assert.True(result.Ok);

        var update = await viewer.WaitForAsync(ServerMessages.EventUpdated);
        Assert.Equal(snapshot.Seq() + 1, update.Seq());
        Assert.Equal(ev.Id, update.GetProperty("eventId").GetInt64());
        var block = update.GetProperty("event").GetProperty("blocks")[1];
        Assert.Equal("Förderprogramme für Kommunen", block.GetProperty("title").GetString());
        Assert.Equal(25, block.GetProperty("plannedMinutes").GetInt32());
        Assert.Equal(["Heiko Merz", "Mirco Sander"], block.GetProperty("speakers").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(25, update.GetProperty("clock").GetProperty("blocks")[1].GetProperty("plannedMinutes").GetInt32());

        // The clock's sequence continues from the edit's.
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        Assert.Equal(snapshot.Seq() + 2, (await moderator.ClockAsync("StartEvent", ev.Id)).Seq());
        var deltas = await viewer.WaitForDeltasAsync(2);
        Assert.Equal([snapshot.Seq() + 1, snapshot.Seq() + 2], deltas.Select(d => d.Argument.Seq()));
    }

    [Fact]
    public async Task LeaveEvent_stops_deltas_for_that_client_only()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await using var leaving = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        await using var staying = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        await leaving.InvokeAsync("JoinEvent", ev.Slug);
        await staying.InvokeAsync("JoinEvent", ev.Slug);
        await moderator.InvokeAsync("JoinEvent", ev.Slug);

        await moderator.ClockAsync("StartEvent", ev.Id);
        await leaving.WaitForDeltasAsync(1);

        await leaving.InvokeAsync("LeaveEvent", ev.Id);
        await moderator.ClockAsync("StartBlock", ev.Id, 1);

        await staying.WaitForDeltasAsync(2);
        await leaving.RoundTripAsync(ev.Id);
        Assert.Single(leaving.Deltas());
        Assert.Equal(2, staying.Deltas().Count);
    }

    [Fact]
    public async Task Joining_twice_on_one_connection_still_delivers_each_delta_once()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await viewer.InvokeAsync("JoinEvent", ev.Slug);
        await moderator.InvokeAsync("JoinEvent", ev.Slug);
        await viewer.InvokeAsync("JoinEvent", ev.Slug);
        await moderator.InvokeAsync("JoinEvent", ev.Slug);

        var seq = (await moderator.ClockAsync("StartEvent", ev.Id)).Seq();
        await viewer.WaitForDeltasAsync(1);
        await viewer.RoundTripAsync(ev.Id);
        await moderator.RoundTripAsync(ev.Id);
        Assert.Equal([seq], viewer.DeltaSeqs());
        Assert.Equal([seq], moderator.DeltaSeqs());
    }

    [Fact]
    public async Task Deltas_of_one_event_do_not_reach_clients_of_another()
    {
        var watched = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, watched.Id);
        await using var organiser = await fixture.ConnectAsync(HubCaller.Organiser, other.Id);
        await viewer.InvokeAsync("JoinEvent", watched.Slug);

        await organiser.ClockAsync("StartEvent", other.Id);
        await organiser.ClockAsync("StartEvent", watched.Id);

        var delta = (await viewer.WaitForDeltasAsync(1)).Single().Argument;
        await viewer.RoundTripAsync(watched.Id);
        Assert.Equal(watched.Id, delta.GetProperty("eventId").GetInt64());
        Assert.Single(viewer.Deltas());
    }
}
