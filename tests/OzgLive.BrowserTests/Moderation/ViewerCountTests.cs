using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Live;
using static OzgLive.BrowserTests.Moderation.ModerationSite;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>The ViewerCount message over the hub protocol (docs/hub-protocol.md): who counts, who hears it.</summary>
public sealed class ViewerCountTests
{
    /// <summary>
    /// Waits for the count, then moves the app's fake clock past the interval: the count goes out at
    /// most once per interval, so the next change then goes out at once.
    /// </summary>
    private static async Task<int> NextCountAsync(ModerationSite site, HubTestClient moderator, int expected)
    {
        var message = await moderator.WaitForAsync(ViewerCounter.Message, m => m.GetProperty("viewers").GetInt32() == expected);
        site.App.Time.Advance(ViewerCounter.Interval);
        return message.GetProperty("viewers").GetInt32();
    }

    [Fact]
    public async Task Moderators_get_the_number_on_joining_and_whenever_viewers_come_and_go()
    {
        await using var site = await StartAsync();
        var moderatorCookies = await site.App.SignInAsync(await site.CreateModeratorAsync(), TestApp.OrganiserPassword);
        await using var moderator = await site.App.ConnectAsync(moderatorCookies);
        await moderator.InvokeAsync("JoinEvent", Slug);
        var first = await moderator.WaitForAsync(ViewerCounter.Message);
        Assert.Equal(site.EventId, first.GetProperty("eventId").GetInt64());
        Assert.Equal(0, first.GetProperty("viewers").GetInt32());

        var one = await site.App.ConnectAsync();
        await one.InvokeAsync("JoinEvent", Slug);
        Assert.Equal(1, await NextCountAsync(site, moderator, 1));

        // The same connection joining again is still one viewer.
        await one.InvokeAsync("JoinEvent", Slug);
        await using var two = await site.App.ConnectAsync();
        await two.InvokeAsync("JoinEvent", Slug);
        Assert.Equal(2, await NextCountAsync(site, moderator, 2));
        Assert.Equal(2, site.App.Get<ViewerCounter>().Count(site.EventId));

        // Leaving the event and closing the connection both count down.
        await two.InvokeAsync("LeaveEvent", site.EventId);
        Assert.Equal(1, await NextCountAsync(site, moderator, 1));
        await one.DisposeAsync();
        Assert.Equal(0, await NextCountAsync(site, moderator, 0));

        // A moderator joining later starts with the current number.
        await using var three = await site.App.ConnectAsync();
        await three.InvokeAsync("JoinEvent", Slug);
        await NextCountAsync(site, moderator, 1);
        await using var later = await site.App.ConnectAsync(await site.App.SignInAsync());
        await later.InvokeAsync("JoinEvent", Slug);
        Assert.Equal(1, (await later.WaitForAsync(ViewerCounter.Message)).GetProperty("viewers").GetInt32());
    }

    [Fact]
    public async Task Presenters_moderators_and_viewers_of_other_events_are_not_counted_and_viewers_never_hear_the_number()
    {
        await using var site = await StartAsync();
        var key = await site.App.Get<PresenterKeys>().RegenerateAsync(site.EventId, "test");
        await using var presenter = await site.App.ConnectAsync();
        await presenter.InvokeAsync("JoinAsPresenter", Slug, key);
        await using var organiser = await site.App.ConnectAsync(await site.App.SignInAsync());
        await organiser.InvokeAsync("JoinEvent", Slug);
        await using var elsewhere = await site.App.ConnectAsync();
        var archived = (await site.App.Get<OzgLive.Web.Events.EventStore>().ListEventsAsync(includeDrafts: false)).First(e => e.Id != site.EventId);
        await elsewhere.InvokeAsync("JoinEvent", archived.Slug);
        Assert.Equal(0, site.App.Get<ViewerCounter>().Count(site.EventId));

        await using var viewer = await site.App.ConnectAsync();
        await viewer.InvokeAsync("JoinEvent", Slug);
        await organiser.WaitForAsync(ViewerCounter.Message, m => m.GetProperty("viewers").GetInt32() == 1);
        Assert.Equal(1, site.App.Get<ViewerCounter>().Count(site.EventId));
        Assert.DoesNotContain(viewer.Received, m => m.Target == ViewerCounter.Message);
        Assert.DoesNotContain(presenter.Received, m => m.Target == ViewerCounter.Message);
        Assert.Equal(JsonValueKind.Number, organiser.Received.Last(m => m.Target == ViewerCounter.Message).Argument.GetProperty("viewers").ValueKind);
    }
}
