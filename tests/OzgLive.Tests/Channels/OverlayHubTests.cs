using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Live;
using OzgLive.Web.Channels;

namespace OzgLive.Tests.Channels;

/// <summary>
/// The stream overlay learns which parts to show through the hub: JoinOverlay (with the overlay key)
/// answers the current state, and a moderator's switch reaches the overlay's connection as
/// OverlayChanged - and only the overlay's: a viewer on the same event does not get it.
/// </summary>
public sealed class OverlayHubTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    [Fact]
    public async Task A_switched_part_reaches_the_overlay_that_joined_with_its_key()
    {
        var ev = await fixture.CreateEventAsync();
        var key = await fixture.App.Get<OverlayKeys>().RegenerateAsync(ev.Id, "test");
        await using var overlay = await fixture.App.ConnectAsync();
        await overlay.InvokeAsync("JoinEvent", ev.Slug);
        var joined = await overlay.InvokeAsync("JoinOverlay", ev.Id, key);
        await using var viewer = await fixture.ViewerAsync(ev);

        await fixture.App.Get<OverlaySwitches>().SetAsync(ev.Id, OverlayPart.Qr, show: false);

        var changed = await overlay.WaitForAsync(nameof(OverlayChanged));
        Assert.Equal(ev.Id, joined.GetProperty("eventId").GetInt64());
        Assert.True(joined.GetProperty("showQr").GetBoolean());
        Assert.False(changed.GetProperty("showQr").GetBoolean());
        Assert.True(changed.GetProperty("showQuestion").GetBoolean());
        Assert.True(changed.GetProperty("showBlock").GetBoolean());

        // A viewer's round trip after the overlay's message: the one group send is behind it.
        await viewer.Client.RoundTripAsync(ev.Id);
        Assert.DoesNotContain(viewer.Received, m => m.Target == nameof(OverlayChanged));

        // A later overlay joins with the state as it is now.
        await using var later = await fixture.App.ConnectAsync();
        Assert.False((await later.InvokeAsync("JoinOverlay", ev.Id, key)).GetProperty("showQr").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_or_missing_key_is_not_found()
    {
        var ev = await fixture.CreateEventAsync();
        await fixture.App.Get<OverlayKeys>().RegenerateAsync(ev.Id, "test");
        await using var overlay = await fixture.App.ConnectAsync();

        var wrong = await Assert.ThrowsAsync<HubCallException>(() => overlay.InvokeAsync("JoinOverlay", ev.Id, "falscher-schluessel"));
        var missing = await Assert.ThrowsAsync<HubCallException>(() => overlay.InvokeAsync("JoinOverlay", ev.Id, null));

        Assert.Equal("event-not-found", wrong.Code);
        Assert.Equal("event-not-found", missing.Code);
    }

    [Fact]
    public async Task The_overlay_of_a_draft_event_is_not_found_even_with_its_key()
    {
        var ev = await fixture.CreateEventAsync(status: "draft");
        var key = await fixture.App.Get<OverlayKeys>().RegenerateAsync(ev.Id, "test");
        await using var overlay = await fixture.App.ConnectAsync();

        var draft = await Assert.ThrowsAsync<HubCallException>(() => overlay.InvokeAsync("JoinOverlay", ev.Id, key));

        Assert.Equal("event-not-found", draft.Code);
    }
}
