using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Coverage;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Stage;

namespace OzgLive.ComponentTests.Stage;

/// <summary>
/// The live presenter screen over a real database: changes arrive through the one in-process
/// subscription (EventFeed), made by the same services the hub calls.
/// </summary>
public sealed class StageLiveTests : AppPageContext
{
    [Fact]
    public async Task A_clock_command_reaches_the_screen_through_the_feed_and_a_renewed_key_closes_it()
    {
        var id = await EventIdAsync();
        var keys = Services.GetRequiredService<PresenterKeys>();
        var key = await keys.RegenerateAsync(id, "test");
        var feed = Services.GetRequiredService<EventFeed>();

        var screen = Render<StageLive>(p => p.Add(x => x.EventId, id).Add(x => x.Key, key));

        Assert.Equal("Noch nicht begonnen", screen.Find("#stage-clock-label").TextContent);
        Assert.Equal(1, feed.SubscriberCount(id));

        await Services.GetRequiredService<ClockService>().ExecuteAsync(id, ClockCommandKind.StartEvent, null, null, "account:1");
        screen.WaitForAssertion(() => Assert.Equal("Begrüßung", screen.Find("#stage-clock-label").TextContent));

        // The organiser renews the link: the old key shows nothing of the event any more.
        await keys.RegenerateAsync(id, "test");
        screen.WaitForAssertion(() => Assert.Equal("Zugang widerrufen", screen.Find("h1").TextContent));
        Assert.Empty(screen.FindAll("#stage"));

        await DisposeComponentsAsync();
        Assert.Equal(0, feed.SubscriberCount(id));
    }
}
