using System.Reflection;
using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Live;

/// <summary>
/// Every hub method against every kind of caller. Only moderators of the event and organisers
/// may work the clock; everyone may watch a published (non-draft) event.
/// </summary>
public sealed class RoleTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    /// <summary>
    /// One row per hub method: the commands (given by the organiser) that put the clock where the
    /// method makes sense, the arguments, and what a caller who may call it sees afterwards.
    /// </summary>
    private sealed record MethodCase(
        bool ChangesClock,
        (string Method, object[] Args)[] Arrange,
        Func<TestEvent, object[]> Args,
        Action<JsonElement> CheckAfter);

    private static readonly (string, object[])[] Started = [("StartEvent", [])];
    private static readonly (string, object[])[] BlockOneRunning = [("StartEvent", []), ("StartBlock", [1])];

    private static readonly Dictionary<string, MethodCase> Table = new()
    {
        ["JoinEvent"] = new(false, [], ev => [ev.Slug], _ => { }),
        ["GetSnapshot"] = new(false, [], ev => [ev.Id], _ => { }),
        ["LeaveEvent"] = new(false, [], ev => [ev.Id], _ => { }),
        ["StartEvent"] = new(true, [], ev => [ev.Id], clock => Assert.Equal("intro", Phase(clock))),
        ["StartBlock"] = new(true, Started, ev => [ev.Id, 2], clock =>
        {
            Assert.Equal("block", Phase(clock));
            Assert.Equal(2, clock.GetProperty("currentBlock").GetInt32());
        }),
        ["ExtendBlock"] = new(true, BlockOneRunning, ev => [ev.Id, 5], clock =>
            Assert.Equal(5, clock.GetProperty("current").GetProperty("extendedMinutes").GetInt32())),
        ["PauseBlock"] = new(true, BlockOneRunning, ev => [ev.Id], clock =>
            Assert.Equal("paused", clock.GetProperty("current").GetProperty("state").GetString())),
        ["ResumeBlock"] = new(true, [.. BlockOneRunning, ("PauseBlock", [])], ev => [ev.Id], clock =>
            Assert.Equal("running", clock.GetProperty("current").GetProperty("state").GetString())),
        ["EndBlock"] = new(true, BlockOneRunning, ev => [ev.Id], clock =>
        {
            Assert.Equal("between", Phase(clock));
            Assert.Equal("done", clock.GetProperty("blocks")[0].GetProperty("state").GetString());
        }),
        ["NextBlock"] = new(true, Started, ev => [ev.Id], clock => Assert.Equal(1, clock.GetProperty("currentBlock").GetInt32())),
        ["EndEvent"] = new(true, Started, ev => [ev.Id], clock => Assert.Equal("ended", Phase(clock))),
        ["SetAutoAdvance"] = new(true, [], ev => [ev.Id, true], clock => Assert.True(clock.GetProperty("autoAdvance").GetBoolean())),
    };

    public static TheoryData<string, Caller> EveryMethodAndCaller()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var method in Table.Keys)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add(method, caller);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_hub_method_and_exactly_the_role_restricted_ones_change_the_clock()
    {
        var methods = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            .ToList();
        var restricted = methods.Where(m => m.GetCustomAttribute<RequiresEventRoleAttribute>() is not null).ToList();

        Assert.NotEmpty(restricted);
        Assert.Equal(methods.Select(m => m.Name).Order(), Table.Keys.Order());
        Assert.Equal(restricted.Select(m => m.Name).Order(), Table.Where(t => t.Value.ChangesClock).Select(t => t.Key).Order());

        // The expectations below (moderators yes, viewers no) are written for this one level.
        Assert.All(restricted, m => Assert.Equal(EventRole.Moderator, m.GetCustomAttribute<RequiresEventRoleAttribute>()!.Role));
        Assert.All(restricted, m => Assert.Equal(typeof(long), m.GetParameters()[0].ParameterType));
    }

    [Theory]
    [MemberData(nameof(EveryMethodAndCaller))]
    public async Task Hub_method_is_allowed_or_refused_by_the_callers_role_in_the_event(string method, Caller caller)
    {
        var row = Table[method];
        var ev = await fixture.CreateEventAsync();
        await using var organiser = await fixture.ConnectAsync(Caller.Organiser, ev.Id);
        foreach (var (arrange, args) in row.Arrange)
        {
            await organiser.InvokeAsync(arrange, [ev.Id, .. args]);
        }

        await using var watcher = await fixture.ConnectAsync(Caller.Viewer, ev.Id);
        var before = await watcher.InvokeAsync("JoinEvent", ev.Slug);
        var stored = await LiveAssert.StoredStateAsync(fixture.App, ev.Id);
        await using var hub = await fixture.ConnectAsync(caller, ev.Id);

        var mayChangeClock = caller is Caller.AssignedModerator or Caller.Organiser;
        if (row.ChangesClock && !mayChangeClock)
        {
            var refused = await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync(method, row.Args(ev)));
            Assert.Equal("forbidden", refused.Code);
            Assert.Contains("Berechtigung", refused.Message);

            Assert.Equal(stored, await LiveAssert.StoredStateAsync(fixture.App, ev.Id));
            await watcher.RoundTripAsync(ev.Id);
            Assert.Empty(watcher.Deltas());

            // The connection is still usable after the refusal.
            Assert.Equal(before.Seq(), (await hub.InvokeAsync("GetSnapshot", ev.Id)).Seq());
            return;
        }

        var result = await hub.InvokeAsync(method, row.Args(ev));
        if (row.ChangesClock)
        {
            Assert.Equal(before.Seq() + 1, result.Seq());
            var command = method[..1].ToLowerInvariant() + method[1..];
            Assert.Equal(command, result.GetProperty("command").GetString());
            row.CheckAfter(result.GetProperty("clock"));

            var delta = (await watcher.WaitForDeltasAsync(1)).Single().Argument;
            Assert.Equal(result.GetRawText(), delta.GetRawText());
            row.CheckAfter((await watcher.InvokeAsync("GetSnapshot", ev.Id)).GetProperty("clock"));
        }
        else
        {
            Assert.Equal(stored, await LiveAssert.StoredStateAsync(fixture.App, ev.Id));
            if (method != "LeaveEvent")
            {
                Assert.Equal(before.Seq(), result.Seq());
                Assert.Equal(ExpectedRole(caller), result.GetProperty("role").GetString());
                Assert.Equal(before.GetProperty("clock").GetRawText(), result.GetProperty("clock").GetRawText());
            }
        }
    }

    [Theory]
    [InlineData(Caller.Viewer)]
    [InlineData(Caller.UnassignedModerator)]
    [InlineData(Caller.AssignedModerator)]
    [InlineData(Caller.Organiser)]
    public async Task Only_moderators_and_organisers_of_the_event_join_its_moderator_group(Caller caller)
    {
        // The moderator group gets the presenter warnings: a viewer joined next to a moderator shows who got it.
        var ev = await fixture.CreateEventAsync();
        await using var organiser = await fixture.ConnectAsync(Caller.Organiser, ev.Id);
        await using var hub = await fixture.ConnectAsync(caller, ev.Id);
        Assert.Equal(ExpectedRole(caller), (await hub.InvokeAsync("JoinEvent", ev.Slug)).GetProperty("role").GetString());
        await organiser.InvokeAsync("JoinEvent", ev.Slug);
        await organiser.InvokeAsync("StartEvent", ev.Id);
        await organiser.InvokeAsync("StartBlock", ev.Id, 1);

        fixture.App.Time.Advance(TimeSpan.FromMinutes(26));
        await fixture.App.TickAsync();
        var organiserWarning = await organiser.WaitForAsync(ServerMessages.ClockWarning);
        Assert.Equal("fiveMinutes", organiserWarning.GetProperty("level").GetString());

        await hub.RoundTripAsync(ev.Id);
        var warned = hub.Received.Any(m => m.Target == ServerMessages.ClockWarning);
        Assert.Equal(caller is Caller.AssignedModerator or Caller.Organiser, warned);
    }

    [Theory]
    [InlineData(Caller.Viewer, false)]
    [InlineData(Caller.UnassignedModerator, false)]
    [InlineData(Caller.AssignedModerator, true)]
    [InlineData(Caller.Organiser, true)]
    public async Task A_draft_event_is_invisible_to_the_public_but_open_to_its_staff(Caller caller, bool sees)
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        await using var hub = await fixture.ConnectAsync(caller, draft.Id);

        if (!sees)
        {
            var join = await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("JoinEvent", draft.Slug));
            Assert.Equal("event-not-found", join.Code);
            var snapshot = await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("GetSnapshot", draft.Id));
            Assert.Equal("event-not-found", snapshot.Code);
            return;
        }

        var joined = await hub.InvokeAsync("JoinEvent", draft.Slug);
        Assert.Equal(ExpectedRole(caller), joined.GetProperty("role").GetString());
        Assert.Equal("draft", joined.GetProperty("event").GetProperty("status").GetString());
        Assert.Equal(joined.GetRawText(), (await hub.InvokeAsync("GetSnapshot", draft.Id)).GetRawText());

        // A draft cannot go live: it has to be scheduled first.
        var stored = await LiveAssert.StoredStateAsync(fixture.App, draft.Id);
        var start = await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("StartEvent", draft.Id));
        Assert.Equal("event-is-draft", start.Code);
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(fixture.App, draft.Id));
    }

    [Fact]
    public async Task A_viewer_refused_a_draft_event_receives_none_of_its_changes()
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        await using var viewer = await fixture.ConnectAsync(Caller.Viewer, draft.Id);
        await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("JoinEvent", draft.Slug));

        var edit = await fixture.App.Get<EventEditor>().UpdateBlockAsync(
            draft.BlockIds[0], new BlockInput { Title = "Geheimer Entwurfstitel", PlannedMinutes = 30 });
        Assert.True(edit.Ok);

        await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("GetSnapshot", draft.Id));
        Assert.DoesNotContain(viewer.Received, m => m.Argument.GetRawText().Contains("Geheimer Entwurfstitel", StringComparison.Ordinal));
    }

    private static string Phase(JsonElement clock) => clock.GetProperty("phase").GetString()!;

    private static string ExpectedRole(Caller caller) => caller switch
    {
        Caller.AssignedModerator => "moderator",
        Caller.Organiser => "organiser",
        _ => "viewer",
    };
}
