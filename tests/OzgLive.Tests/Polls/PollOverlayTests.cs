using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Live;
using OzgLive.Web.Channels;

namespace OzgLive.Tests.Polls;

/// <summary>
/// The poll on the stream overlay is a part like the others (OverlayChanged.showPoll), but off until
/// a moderator switches it on; the overlay then learns of the poll and its results as a viewer does.
/// </summary>
public sealed class PollOverlayTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    [Fact]
    public async Task The_poll_part_is_off_until_a_moderator_switches_it_on_and_the_overlay_hears_of_it()
    {
        var ev = await fixture.CreateEventAsync();
        var key = await fixture.App.Get<OverlayKeys>().RegenerateAsync(ev.Id, "test");
        await using var overlay = await fixture.App.ConnectAsync();
        await overlay.InvokeAsync("JoinEvent", ev.Slug);

        var joined = await overlay.InvokeAsync("JoinOverlay", ev.Id, key);
        Assert.False(joined.GetProperty("showPoll").GetBoolean());
        Assert.True(joined.GetProperty("showQuestion").GetBoolean());

        await fixture.App.Get<OverlaySwitches>().SetAsync(ev.Id, OverlayPart.Poll, show: true);

        var changed = await overlay.WaitForAsync(nameof(OverlayChanged));
        Assert.True(changed.GetProperty("showPoll").GetBoolean());
        Assert.True(changed.GetProperty("showQr").GetBoolean());
        await using var later = await fixture.App.ConnectAsync();
        Assert.True((await later.InvokeAsync("JoinOverlay", ev.Id, key)).GetProperty("showPoll").GetBoolean());
    }
}
