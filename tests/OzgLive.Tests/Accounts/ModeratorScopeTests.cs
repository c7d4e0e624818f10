using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Live;
using OzgLive.Web.Accounts;

namespace OzgLive.Tests.Accounts;

/// <summary>A moderator account moderates only the events an organiser assigned it to, checked on every call.</summary>
public sealed class ModeratorScopeTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    public static TheoryData<string, object[]> ClockCommands() => new()
    {
        { "StartEvent", [] },
        { "StartBlock", [1] },
        { "NextBlock", [] },
        { "EndEvent", [] },
        { "SetAutoAdvance", [true] },
    };

    [Theory]
    [MemberData(nameof(ClockCommands))]
    public async Task A_moderator_of_event_A_cannot_work_the_clock_of_event_B(string command, object[] args)
    {
        var a = await fixture.CreateEventAsync();
        var b = await fixture.CreateEventAsync();
        await using var moderator = await ModeratorOfAsync(a.Id);
        await using var organiser = await fixture.ConnectAsync(HubCaller.Organiser, b.Id);
        await organiser.ClockAsync("StartEvent", b.Id);
        Assert.Equal("moderator", (await moderator.InvokeAsync("JoinEvent", a.Slug)).GetProperty("role").GetString());
        Assert.Equal("viewer", (await moderator.InvokeAsync("JoinEvent", b.Slug)).GetProperty("role").GetString());
        var storedB = await LiveAssert.StoredStateAsync(fixture.App, b.Id);

        var refused = await Assert.ThrowsAsync<HubCallException>(() => moderator.ClockAsync(command, b.Id, args));

        Assert.Equal("forbidden", refused.Code);
        Assert.Equal(storedB, await LiveAssert.StoredStateAsync(fixture.App, b.Id));
        // In its own event the same account may.
        await moderator.ClockAsync("StartEvent", a.Id);
        Assert.Equal("intro", (await moderator.InvokeAsync("GetSnapshot", a.Id)).GetProperty("clock").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Taking_the_assignment_away_takes_effect_on_the_next_call_of_an_open_connection()
    {
        var ev = await fixture.CreateEventAsync();
        var accounts = fixture.App.Get<AccountStore>();
        var (id, email) = await fixture.App.CreateModeratorAsync($"mod-{Guid.NewGuid():N}@test.local", ev.Id);
        await using var moderator = await fixture.App.ConnectAsync(await fixture.App.SignInAsync(email, TestApp.OrganiserPassword));
        await moderator.ClockAsync("StartEvent", ev.Id);

        Assert.True(await accounts.UnassignModeratorAsync(ev.Id, id));
        var stored = await LiveAssert.StoredStateAsync(fixture.App, ev.Id);
        var refused = await Assert.ThrowsAsync<HubCallException>(() => moderator.ClockAsync("StartBlock", ev.Id, 1));
        Assert.Equal("forbidden", refused.Code);
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(fixture.App, ev.Id));

        await accounts.AssignModeratorAsync(ev.Id, id);
        await moderator.ClockAsync("StartBlock", ev.Id, 1);
    }

    private async Task<HubTestClient> ModeratorOfAsync(long eventId)
    {
        var (_, email) = await fixture.App.CreateModeratorAsync($"mod-{Guid.NewGuid():N}@test.local", eventId);
        return await fixture.App.ConnectAsync(await fixture.App.SignInAsync(email, TestApp.OrganiserPassword));
    }
}
