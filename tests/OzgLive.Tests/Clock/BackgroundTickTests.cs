using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Clock;

/// <summary>The clock's background tick runs on the app's TimeProvider: moving the fake clock is all it takes.</summary>
public sealed class BackgroundTickTests
{
    [Fact]
    public async Task Moving_the_app_clock_past_a_blocks_end_lets_the_background_tick_start_the_next_block()
    {
        await using var app = await TestApp.StartAsync(extra: new Dictionary<string, string?> { ["Clock:RunInBackground"] = "true" });
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug)).GetProperty("eventId").GetInt64();
        await organiser.ClockAsync("StartEvent", eventId);
        await organiser.ClockAsync("SetAutoAdvance", eventId, true);
        await organiser.ClockAsync("StartBlock", eventId, 1);

        app.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));

        // No TickAsync call here: the ticker's PeriodicTimer fired because the fake clock moved.
        var advanced = await organiser.WaitForAsync(ServerMessages.ClockChanged, m => m.GetProperty("command").GetString() == "nextBlock");
        Assert.Equal(2, advanced.GetProperty("clock").GetProperty("currentBlock").GetInt32());
    }
}
