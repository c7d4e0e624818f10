using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Live;
using OzgLive.Web.Moderation;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>The clock's commands in each of its states: only what can be done now is shown.</summary>
public sealed class ClockControlsTests : BunitContext
{
    private readonly IDisposable culture = Samples.Culture("de-DE");

    public ClockControlsTests() => Services.AddLocalization();

    protected override void Dispose(bool disposing)
    {
        culture.Dispose();
        base.Dispose(disposing);
    }

    private IRenderedComponent<ClockControls> Controls(ClockView clock, string status = "live") =>
        Render<ClockControls>(p => p.Add(c => c.Clock, clock).Add(c => c.Event, Samples.Event(status: status)));

    private static string[] Shown(IRenderedComponent<ClockControls> controls) =>
        controls.FindAll("button[data-clock]")
            .Where(b => !b.HasAttribute("hidden") && b.Closest("[hidden]") is null)
            .Select(b => b.GetAttribute("data-clock")!)
            .ToArray();

    private static bool Visible(IRenderedComponent<ClockControls> controls, string selector) =>
        controls.Find(selector) is var e && !e.HasAttribute("hidden") && e.Closest("[hidden]") is null;

    [Fact]
    public void Before_the_event_only_starting_it_is_offered()
    {
        var controls = Controls(Samples.Clock("notStarted"), status: "scheduled");

        Assert.Equal(["startEvent"], Shown(controls));
        Assert.Equal("Veranstaltung starten", controls.Find("[data-clock=startEvent]").TextContent);
        Assert.Equal("Noch nicht begonnen.", controls.Find("#clock-status").TextContent);
        Assert.False(Visible(controls, "#clock-remaining"));
        Assert.True(Visible(controls, "#auto-advance"));
        Assert.Equal("notStarted", controls.Find("#clock").GetAttribute("data-clock-state"));
    }

    [Fact]
    public void During_the_welcome_block_one_starts_next()
    {
        var controls = Controls(Samples.Clock("intro"));

        Assert.Equal(["nextBlock", "endEvent", "startBlock"], Shown(controls));
        Assert.Equal("Block 1 starten", controls.Find("[data-clock=nextBlock]").TextContent);
        Assert.Equal("Live: Begrüßung.", controls.Find("#clock-status").TextContent);
        Assert.Equal(["Block 1: Themenblock 1", "Block 2: Themenblock 2", "Block 3: Themenblock 3"],
            controls.FindAll("#start-block-number option").Select(o => o.TextContent).ToArray());
    }

    [Fact]
    public void A_running_block_can_be_paused_extended_ended_or_followed_by_the_next()
    {
        var controls = Controls(Samples.Clock("running", current: 2, remainingSeconds: 725));

        Assert.Equal(["nextBlock", "pauseBlock", "extend5", "extend1", "endBlock", "endEvent", "startBlock"], Shown(controls));
        Assert.Equal("Block 3 starten", controls.Find("[data-clock=nextBlock]").TextContent);
        Assert.Equal("+5 Minuten", controls.Find("[data-clock=extend5]").TextContent);
        Assert.Equal("Live: Block 2 läuft.", controls.Find("#clock-status").TextContent);
        Assert.Equal("Noch 12:05", controls.Find("#clock-remaining").TextContent);
        Assert.Equal("timer", controls.Find("#clock-remaining").GetAttribute("role"));
        Assert.Equal(["Block 3: Themenblock 3"], controls.FindAll("#start-block-number option").Select(o => o.TextContent).ToArray());
        var current = controls.Find("#clock-blocks li[aria-current=true]");
        Assert.Equal("2", current.GetAttribute("data-block"));
        Assert.Equal("Block 2: Themenblock 2läuft30 Min.", current.TextContent);
        Assert.Equal("beendet", controls.Find("#clock-blocks li[data-block='1'] .mod-block-state").TextContent);
    }

    [Fact]
    public void A_paused_block_can_be_resumed_and_shows_its_extension()
    {
        var controls = Controls(Samples.Clock("paused", current: 1, remainingSeconds: 600));

        Assert.Equal(["nextBlock", "resumeBlock", "extend5", "extend1", "endBlock", "endEvent", "startBlock"], Shown(controls));
        Assert.Equal("Live: Block 1 ist pausiert.", controls.Find("#clock-status").TextContent);
        Assert.Equal("Noch 10:00", controls.Find("#clock-remaining").TextContent);
        Assert.Equal("30 Min. + 5", controls.Find("#clock-blocks li[data-block='1'] .mod-block-minutes").TextContent);
    }

    [Fact]
    public void In_the_last_block_there_is_no_next_block_and_overtime_is_named()
    {
        var controls = Controls(Samples.Clock("running", current: 3, remainingSeconds: -5));

        Assert.Equal(["pauseBlock", "extend5", "extend1", "endBlock", "endEvent"], Shown(controls));
        Assert.Equal("Überzogen um 0:05", controls.Find("#clock-remaining").TextContent);
        Assert.Equal("overtime", controls.Find("#clock").GetAttribute("data-warning"));
    }

    [Fact]
    public void Between_blocks_the_next_one_starts_or_the_event_ends()
    {
        var controls = Controls(Samples.Clock("between", current: 1));

        Assert.Equal(["nextBlock", "endEvent", "startBlock"], Shown(controls));
        Assert.Equal("Block 2 starten", controls.Find("[data-clock=nextBlock]").TextContent);
        Assert.Equal("Live: Übergang zum nächsten Block.", controls.Find("#clock-status").TextContent);
    }

    [Fact]
    public void After_the_event_nothing_can_be_started_again()
    {
        var controls = Controls(Samples.Clock("ended"), status: "ended");

        Assert.Empty(Shown(controls));
        Assert.False(Visible(controls, "#auto-advance"));
        Assert.Equal("Die Veranstaltung ist beendet.", controls.Find("#clock-status").TextContent);
    }

    [Fact]
    public void The_auto_advance_switch_shows_its_state_and_is_labelled()
    {
        var controls = Controls(Samples.Clock("running", autoAdvance: true));

        var toggle = controls.Find("#auto-advance");
        Assert.True(toggle.HasAttribute("checked"));
        Assert.Equal("switch", toggle.GetAttribute("role"));
        Assert.Equal("Automatisch weiter, wenn die Zeit um ist", controls.Find("label[for=auto-advance]").TextContent);
    }

    [Fact]
    public void In_English_the_clock_speaks_English()
    {
        using var english = Samples.Culture("en-GB");
        var controls = Controls(Samples.Clock("running", current: 1, remainingSeconds: 65));

        Assert.Equal("Live: block 1 is running.", controls.Find("#clock-status").TextContent);
        Assert.Equal("1:05 left", controls.Find("#clock-remaining").TextContent);
        Assert.Equal("Start block 2", controls.Find("[data-clock=nextBlock]").TextContent);
        Assert.Equal("Pause", controls.Find("[data-clock=pauseBlock]").TextContent);
    }
}
