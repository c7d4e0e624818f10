using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Channels;
using OzgLive.Web.Demo;
using OzgLive.Web.Live;
using OzgLive.Web.Stage;

namespace OzgLive.Tests.ScaleOut;

/// <summary>
/// What a node keeps about an event besides its clients' streams follows the other nodes' changes:
/// the staff screens' feed (the console and presenter screen re-read on it) and the viewers' cached
/// snapshot. Two in-process nodes (each with its fake clock) on one database file and a real Redis.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class StaffScreenAndSnapshotTests
{
    [Fact]
    public async Task A_change_on_node_A_refreshes_the_staff_screens_of_node_B_and_its_cached_viewer_snapshot()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration };
        await using var a = await TestApp.StartAsync(extra: settings);
        await using var b = await TestApp.StartAsync(extra: settings, folder: a.Folder);

        await using var moderator = await a.ConnectAsync(await a.SignInAsync());
        var eventId = (await moderator.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug)).GetProperty("eventId").GetInt64();

        // A viewer's snapshot on node B fills B's shared snapshot of the event (GetSnapshot: no join, so
        // no viewer count and nothing else that would refresh the screens below).
        await using var viewer = await b.ConnectAsync();
        var before = await viewer.InvokeAsync("GetSnapshot", eventId);
        Assert.Equal("scheduled", before.GetProperty("event").GetProperty("status").GetString());

        // A staff screen on node B, as ModerationConsole and StageLive subscribe: each refresh reads the
        // event again; it is done once it reads the event live.
        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = b.Get<SnapshotReader>();
        using var screen = b.Get<EventFeed>().Subscribe(eventId, async () =>
        {
            if ((await reader.ReadAsync(eventId, EventRole.Moderator, viewerId: null))?.Event.Status == "live")
            {
                refreshed.TrySetResult();
            }
        });

        await moderator.ClockAsync("StartEvent", eventId);
        await refreshed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // B has taken the change in (the feed follows its delivery): its cached snapshot from before is gone.
        var after = await viewer.InvokeAsync("GetSnapshot", eventId);
        Assert.Equal(before.GetProperty("seq").GetInt64() + 1, after.GetProperty("seq").GetInt64());
        Assert.Equal("live", after.GetProperty("event").GetProperty("status").GetString());
        Assert.Equal("intro", after.GetProperty("clock").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_moderators_screen_switch_on_node_A_reaches_the_overlay_and_presenter_screen_on_node_B()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration };
        await using var a = await TestApp.StartAsync(extra: settings);
        await using var b = await TestApp.StartAsync(extra: settings, folder: a.Folder);
        var eventId = (await a.Get<OzgLive.Web.Events.EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug))!.Id;
        var key = await a.Get<OverlayKeys>().RegenerateAsync(eventId, "test");

        // The stream overlay is a browser source connected to node B.
        await using var overlay = await b.ConnectAsync();
        await overlay.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
        Assert.True((await overlay.InvokeAsync("JoinOverlay", eventId, key)).GetProperty("showQr").GetBoolean());

        // A presenter screen on node B re-reads on the event's feed.
        var qrShown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stageQr = b.Get<StageQrSwitch>();
        using var screen = b.Get<EventFeed>().Subscribe(eventId, () =>
        {
            if (stageQr.IsShown(eventId))
            {
                qrShown.TrySetResult();
            }

            return Task.CompletedTask;
        });

        // The moderator's console is on node A.
        await a.Get<OverlaySwitches>().SetAsync(eventId, OverlayPart.Qr, show: false);
        await a.Get<StageQrSwitch>().SetAsync(eventId, show: true);

        var changed = await overlay.WaitForAsync(nameof(OverlayChanged));
        Assert.False(changed.GetProperty("showQr").GetBoolean());
        Assert.True(changed.GetProperty("showQuestion").GetBoolean());
        await qrShown.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(b.Get<OverlaySwitches>().Current(eventId).ShowQr);
    }
}
