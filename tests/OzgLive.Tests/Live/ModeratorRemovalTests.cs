using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Accounts;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Live;

/// <summary>Taking a moderator off an event ends what their open console receives at once.</summary>
public sealed class ModeratorRemovalTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    private const string PendingText = "Diese Frage wartet auf Freigabe";

    [Fact]
    public async Task An_unassigned_moderators_open_console_stops_receiving_pending_questions()
    {
        var ev = await fixture.CreateEventAsync();
        var (accountId, email) = await fixture.App.CreateModeratorAsync($"weg-{Guid.NewGuid():N}@test.local", ev.Id);
        await using var console = await fixture.App.ConnectAsync(await fixture.App.SignInAsync(email, TestApp.OrganiserPassword));
        var snapshot = await console.InvokeAsync("JoinEvent", ev.Slug);
        Assert.Equal("moderator", snapshot.GetProperty("role").GetString());

        // A moderator who stays: shows that the pending question does go out to the event's moderators.
        await using var staying = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await staying.InvokeAsync("JoinEvent", ev.Slug);

        await fixture.App.Get<AccountStore>().UnassignModeratorAsync(ev.Id, accountId);
        await fixture.App.Get<StaffConnections>().RevokeAsync(ev.Id, accountId);
        var revoked = await console.WaitForAsync(ServerMessages.AccessRevoked);
        Assert.Equal(ev.Id, revoked.GetProperty("eventId").GetInt64());

        await using var viewer = await fixture.App.ConnectAsync();
        await viewer.InvokeAsync("IdentifyViewer", (string?)null);
        await viewer.InvokeAsync("JoinEvent", ev.Slug);
        await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = "nach-entzug", text = PendingText, displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });
        await staying.WaitForAsync(QuestionMessageNames.QueueChanged, m => m.ToString().Contains(PendingText, StringComparison.Ordinal));

        // The console's own call is the barrier: the question was sent before AskQuestion answered,
        // so a queue update meant for the console would have arrived before this refusal.
        var forbidden = await Assert.ThrowsAsync<HubCallException>(() => console.ClockAsync("StartEvent", ev.Id));
        Assert.Equal("forbidden", forbidden.Code);
        Assert.DoesNotContain(console.Received, m => m.Target == QuestionMessageNames.QueueChanged && m.Argument.ToString().Contains(PendingText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_moderators_of_the_event_keep_receiving()
    {
        var ev = await fixture.CreateEventAsync();
        var (removedId, _) = await fixture.App.CreateModeratorAsync($"weg-{Guid.NewGuid():N}@test.local", ev.Id);
        var (_, stayingEmail) = await fixture.App.CreateModeratorAsync($"bleibt-{Guid.NewGuid():N}@test.local", ev.Id);
        await using var staying = await fixture.App.ConnectAsync(await fixture.App.SignInAsync(stayingEmail, TestApp.OrganiserPassword));
        await staying.InvokeAsync("JoinEvent", ev.Slug);

        await fixture.App.Get<AccountStore>().UnassignModeratorAsync(ev.Id, removedId);
        await fixture.App.Get<StaffConnections>().RevokeAsync(ev.Id, removedId);

        await using var viewer = await fixture.App.ConnectAsync();
        await viewer.InvokeAsync("IdentifyViewer", (string?)null);
        await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = "bleibt-sichtbar", text = "Diese Frage sehen die anderen", displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });
        var queue = await staying.WaitForAsync("QueueChanged");
        Assert.Equal("Diese Frage sehen die anderen", queue.GetProperty("questions")[0].GetProperty("text").GetString());

        // The revocation was sent before the question was asked: had it reached this console, it would be here by now.
        Assert.DoesNotContain(staying.Received, m => m.Target == ServerMessages.AccessRevoked);
    }
}
