using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OzgLive.Web.Accounts;
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
    // Advancing minutes fires the screens' one-second timers once a second each: a queue of renders
    // the dispatcher works through on a busy machine before it checks a wait.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    // A fake clock, started now, for the notes whose time runs out.
    private readonly FakeTimeProvider time;

    public StageLiveTests()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private StageLiveTests(FakeTimeProvider time)
        : base(time: time) => this.time = time;

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

    [Fact]
    public async Task A_moderator_shows_and_hides_the_join_qr_code_on_the_presenter_screen_from_the_drawer()
    {
        var id = await EventIdAsync();
        var key = await Services.GetRequiredService<PresenterKeys>().RegenerateAsync(id, "test");
        var code = await Services.GetRequiredService<OzgLive.Web.Channels.JoinCodes>().ForEventAsync(id);
        Assert.NotNull(code);
        var moderator = await CreateAccountAsync("organiser@example.org", "Mona Moderation", AccountRoles.Organiser);
        AsCircuitUser(Request(moderator));
        var console = Render<OzgLive.Web.Moderation.ModerationConsole>(p => p.Add(x => x.EventId, id));
        var screen = Render<StageLive>(p => p.Add(x => x.EventId, id).Add(x => x.Key, key));

        Assert.False(console.Find("#stage-qr").HasAttribute("checked"));
        Assert.Empty(screen.FindAll(".stage-qr"));

        await console.Find("#stage-qr").ChangeAsync(new() { Value = true });

        screen.WaitForAssertion(() => Assert.Single(screen.FindAll(".stage-qr svg")), Patience);
        Assert.Contains(OzgLive.Web.Channels.JoinCodes.Display(code), screen.Find(".stage-qr .join-qr-code").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("/j/" + code, screen.Find(".stage-qr .join-qr-url").TextContent, StringComparison.Ordinal);
        console.WaitForAssertion(() => Assert.True(console.Find("#stage-qr").HasAttribute("checked")), Patience);

        await console.Find("#stage-qr").ChangeAsync(new() { Value = false });

        screen.WaitForAssertion(() => Assert.Empty(screen.FindAll(".stage-qr")), Patience);
    }

    [Fact]
    public async Task A_backstage_note_sent_for_five_minutes_leaves_the_presenter_screen_when_its_time_is_up()
    {
        var id = await EventIdAsync();
        var key = await Services.GetRequiredService<PresenterKeys>().RegenerateAsync(id, "test");
        var moderator = await CreateAccountAsync("organiser@example.org", "Mona Moderation", AccountRoles.Organiser);
        AsCircuitUser(Request(moderator));
        var console = Render<OzgLive.Web.Moderation.ModerationConsole>(p => p.Add(x => x.EventId, id));
        var screen = Render<StageLive>(p => p.Add(x => x.EventId, id).Add(x => x.Key, key));

        Assert.Equal("bis zum nächsten Block", console.Find("#backstage-duration option:checked").TextContent);
        await console.Find("#backstage-text").InputAsync(new() { Value = "Noch zwei Fragen, dann Pause" });
        await console.Find("#backstage-duration").ChangeAsync(new() { Value = "5" });
        await console.Find(".mod-backstage-form").SubmitAsync();

        screen.WaitForAssertion(() => Assert.Equal("Noch zwei Fragen, dann Pause", screen.Find("#stage-backstage .stage-backstage-text").TextContent), Patience);
        Assert.False(screen.Find("#stage-backstage").HasAttribute("hidden"));

        // The clock's ticker is what removes notes whose time is up; it runs here by hand.
        var ticker = ActivatorUtilities.CreateInstance<OzgLive.Web.Clock.ClockTicker>(
            Services, Options.Create(new OzgLive.Web.Clock.ClockOptions { RunInBackground = false }));
        time.Advance(TimeSpan.FromMinutes(4));
        await ticker.TickAsync();
        Assert.Single(screen.FindAll("#stage-backstage li"));

        time.Advance(TimeSpan.FromMinutes(1));
        await ticker.TickAsync();
        screen.WaitForAssertion(() => Assert.True(screen.Find("#stage-backstage").HasAttribute("hidden")), Patience);
        Assert.Empty(screen.FindAll("#stage-backstage li"));
    }
}
