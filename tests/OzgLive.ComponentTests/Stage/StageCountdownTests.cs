using OzgLive.Web.Live;
using OzgLive.Web.Stage;
using static OzgLive.ComponentTests.Stage.StageData;

namespace OzgLive.ComponentTests.Stage;

public sealed class StageCountdownTests : StageComponentTest
{
    private IRenderedComponent<StageCountdown> Countdown(ClockView clock, string status = "live", string culture = "de-DE") =>
        Show<StageCountdown>(p => p.Add(c => c.Event, Event(status)).Add(c => c.Clock, clock), culture);

    [Fact]
    public void Before_the_event_it_says_so_and_when_it_starts_in_Berlin_time_without_a_countdown()
    {
        var clock = Countdown(NotStarted(), status: "scheduled");

        Assert.Equal("Noch nicht begonnen", clock.Find("#stage-clock-label").TextContent);
        Assert.True(clock.Find("#stage-clock-time").HasAttribute("hidden"));
        Assert.Equal("", clock.Find("#stage-clock-time").TextContent);
        // 9:00 UTC in November is 10:00 in Berlin.
        Assert.Equal("Beginn: 22.11.2026, 10:00 Uhr", clock.Find("#stage-clock-note").TextContent);
        Assert.Equal("notStarted", clock.Find("#stage-clock").GetAttribute("data-phase"));
        Assert.Equal("none", clock.Find("#stage-clock").GetAttribute("data-warning"));
        Assert.False(clock.Find("#stage-clock").HasAttribute("data-state"));
    }

    [Theory]
    [InlineData("intro", "Begrüßung")]
    [InlineData("between", "Pause zwischen den Blöcken")]
    [InlineData("ended", "Veranstaltung beendet")]
    public void Without_a_block_on_stage_the_label_names_the_phase(string phase, string label)
    {
        var view = phase switch { "intro" => Intro(), "between" => Between(1), _ => Ended() };
        var clock = Countdown(view);

        Assert.Equal(label, clock.Find("#stage-clock-label").TextContent);
        Assert.True(clock.Find("#stage-clock-time").HasAttribute("hidden"));
        Assert.True(clock.Find("#stage-clock-note").HasAttribute("hidden"));
        Assert.Equal(phase, clock.Find("#stage-clock").GetAttribute("data-phase"));
    }

    [Fact]
    public void Running_block_shows_the_time_left_and_where_the_script_counts_from()
    {
        var view = Running(2, TimeSpan.FromSeconds(12 * 60 + 34.6));
        var clock = Countdown(view);

        Assert.Equal("Verbleibende Zeit", clock.Find("#stage-clock-label").TextContent);
        var time = clock.Find("#stage-clock-time");
        Assert.Equal("12:34", time.TextContent);
        Assert.False(time.HasAttribute("hidden"));
        Assert.Equal("timer", time.GetAttribute("role"));
        Assert.Equal("2026-11-22T09:32:34.600Z", time.GetAttribute("data-ends-at"));
        Assert.Equal("2026-11-22T09:20:00.000Z", time.GetAttribute("data-server-now"));
        var section = clock.Find("#stage-clock");
        Assert.Equal("block", section.GetAttribute("data-phase"));
        Assert.Equal("running", section.GetAttribute("data-state"));
        Assert.Equal("none", section.GetAttribute("data-warning"));
        Assert.Equal("Geplant: 30 Minuten", clock.Find("#stage-clock-note").TextContent);
    }

    [Theory]
    [InlineData(5 * 60 + 1, "Verbleibende Zeit", "5:01", "none")]
    [InlineData(5 * 60, "Letzte 5 Minuten", "5:00", "fiveMinutes")]
    [InlineData(61, "Letzte 5 Minuten", "1:01", "fiveMinutes")]
    [InlineData(60, "Letzte Minute", "1:00", "oneMinute")]
    [InlineData(0.5, "Letzte Minute", "0:00", "oneMinute")]
    [InlineData(0, "Überzogen", "+0:00", "overtime")]
    [InlineData(-65.3, "Überzogen", "+1:05", "overtime")]
    [InlineData(-3725, "Überzogen", "+1:02:05", "overtime")]
    public void Countdown_names_each_mark_in_words_not_only_in_colour(double secondsLeft, string label, string time, string warning)
    {
        var clock = Countdown(Running(1, TimeSpan.FromSeconds(secondsLeft)));

        Assert.Equal(label, clock.Find("#stage-clock-label").TextContent);
        Assert.Equal(time, clock.Find("#stage-clock-time").TextContent);
        Assert.Equal(warning, clock.Find("#stage-clock").GetAttribute("data-warning"));
        // The label names the section, so a screen reader says the state with the time.
        Assert.Equal("stage-clock-label", clock.Find("#stage-clock").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public void Paused_block_says_Pausiert_and_shows_the_frozen_time_with_nothing_to_count_from()
    {
        var clock = Countdown(Paused(2, TimeSpan.FromMinutes(3)));

        Assert.Equal("Pausiert", clock.Find("#stage-clock-label").TextContent);
        Assert.Equal("3:00", clock.Find("#stage-clock-time").TextContent);
        Assert.Equal("paused", clock.Find("#stage-clock").GetAttribute("data-state"));
        Assert.Equal("fiveMinutes", clock.Find("#stage-clock").GetAttribute("data-warning"));
        Assert.False(clock.Find("#stage-clock-time").HasAttribute("data-ends-at"));
    }

    [Fact]
    public void Paused_in_overtime_still_shows_the_plus()
    {
        var clock = Countdown(Paused(2, TimeSpan.FromSeconds(-90)));

        Assert.Equal("Pausiert", clock.Find("#stage-clock-label").TextContent);
        Assert.Equal("+1:30", clock.Find("#stage-clock-time").TextContent);
    }

    [Fact]
    public void Extended_block_says_by_how_much()
    {
        var clock = Countdown(Running(1, TimeSpan.FromMinutes(8), extendedMinutes: 10));

        Assert.Equal("Geplant: 30 Minuten, verlängert um 10 Minuten", clock.Find("#stage-clock-note").TextContent);
    }

    [Fact]
    public void English_countdown_speaks_English()
    {
        Assert.Equal("Last 5 minutes", Countdown(Running(1, TimeSpan.FromMinutes(4)), culture: "en-GB").Find("#stage-clock-label").TextContent);
        Assert.Equal("Last minute", Countdown(Running(1, TimeSpan.FromSeconds(30)), culture: "en-GB").Find("#stage-clock-label").TextContent);
        var overtime = Countdown(Running(1, TimeSpan.FromSeconds(-65)), culture: "en-GB");
        Assert.Equal("Overtime", overtime.Find("#stage-clock-label").TextContent);
        Assert.Equal("+1:05", overtime.Find("#stage-clock-time").TextContent);
        Assert.Equal("Paused", Countdown(Paused(1, TimeSpan.FromMinutes(9)), culture: "en-GB").Find("#stage-clock-label").TextContent);
        Assert.Equal("Time remaining", Countdown(Running(1, TimeSpan.FromMinutes(9)), culture: "en-GB").Find("#stage-clock-label").TextContent);
        Assert.Equal("Starts 22/11/2026 at 10:00 (Berlin time)", Countdown(NotStarted(), "scheduled", "en-GB").Find("#stage-clock-note").TextContent);
    }
}
