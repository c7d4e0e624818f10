using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Viewer;

public sealed class ViewerClockAndAgendaTests : BunitContext
{
    public ViewerClockAndAgendaTests() => Services.AddLocalization();

    [Fact]
    public void Before_the_start_the_clock_names_the_start_in_Berlin_time_and_shows_no_countdown()
    {
        using var culture = new Culture(German);
        var clock = Render<ViewerClock>(p => p.Add(x => x.Event, Event()).Add(x => x.Clock, NotStarted()));

        Assert.Equal("Noch nicht begonnen. Beginn: Dienstag, 31. März 2026, 10:00 Uhr.", clock.Find("#clock-status").TextContent);
        Assert.Equal("polite", clock.Find("#clock-status").GetAttribute("aria-live"));
        Assert.True(clock.Find("#clock-remaining").HasAttribute("hidden"));
        Assert.Equal("notStarted", clock.Find("#clock").GetAttribute("data-phase"));
        Assert.True(clock.Find("#connection-state").HasAttribute("hidden"));
    }

    [Fact]
    public void A_running_block_counts_down_from_the_servers_time()
    {
        using var culture = new Culture(German);
        // The organiser shows the clock publicly (off by default: see the tests below).
        var clock = Render<ViewerClock>(p => p.Add(x => x.Event, Event(status: "live", publicClock: true)).Add(x => x.Clock, Running(2, TimeSpan.FromSeconds(95))));

        Assert.Equal("Live: Block 2 läuft.", clock.Find("#clock-status").TextContent);
        Assert.Equal("Noch 28:25", clock.Find("#clock-remaining").TextContent);
        Assert.Equal("running", clock.Find("#clock-remaining").GetAttribute("data-block-state"));
        Assert.Equal("timer", clock.Find("#clock-remaining").GetAttribute("role"));
    }

    [Fact]
    public void Without_the_public_clock_viewers_see_the_block_but_no_countdown()
    {
        using var culture = new Culture(German);
        var clock = Render<ViewerClock>(p => p.Add(x => x.Event, Event(status: "live")).Add(x => x.Clock, Running(2, TimeSpan.FromSeconds(95))));

        Assert.Equal("Live: Block 2 läuft.", clock.Find("#clock-status").TextContent);
        Assert.True(clock.Find("#clock-remaining").HasAttribute("hidden"));
        Assert.Equal("", clock.Find("#clock-remaining").TextContent);
        Assert.Equal("false", clock.Find("#clock").GetAttribute("data-public-clock"));
    }

    [Fact]
    public void With_the_public_clock_overtime_is_never_shown_to_viewers()
    {
        using var culture = new Culture(German);
        var clock = Render<ViewerClock>(p => p.Add(x => x.Event, Event(status: "live", publicClock: true)).Add(x => x.Clock, Running(2, TimeSpan.FromMinutes(31))));

        Assert.Equal("Live: Block 2 läuft.", clock.Find("#clock-status").TextContent);
        Assert.True(clock.Find("#clock-remaining").HasAttribute("hidden"));
        Assert.DoesNotContain("Überzogen", clock.Markup);
        Assert.False(clock.Find("#clock").HasAttribute("data-warning"));
    }

    [Fact]
    public void The_agenda_templates_are_the_blocks_own_markup_without_a_block()
    {
        using var culture = new Culture(German);
        var agenda = Render<Agenda>(p => p.Add(x => x.Event, Event(status: "live")).Add(x => x.Clock, Running(2, TimeSpan.FromMinutes(1))));

        var template = ((AngleSharp.Html.Dom.IHtmlTemplateElement)agenda.Find("template#block-template")).Content.FirstElementChild!.OuterHtml;
        foreach (var part in new[] { "class=\"block block-upcoming\"", "class=\"block-time\"", "data-field=\"start\"", "data-field=\"end\"", "data-block-state", "data-field=\"title\"", "class=\"block-description\"", "class=\"speakers\"", "aria-label=\"Referierende\"" })
        {
            Assert.Contains(part, template);
        }

        Assert.Contains("data-field=\"name\"", ((AngleSharp.Html.Dom.IHtmlTemplateElement)agenda.Find("template#speaker-template")).Content.FirstElementChild!.OuterHtml);
        // Rendered blocks carry the same fields the script fills in a clone.
        Assert.Equal("10:30", agenda.Find("#blocks > li[data-block='2'] [data-field='start']").TextContent);
    }

    [Fact]
    public void The_agenda_marks_the_running_block_and_lists_speakers_with_role_and_organisation()
    {
        using var culture = new Culture(German);
        var agenda = Render<Agenda>(p => p.Add(x => x.Event, Event(status: "live")).Add(x => x.Clock, Running(2, TimeSpan.FromMinutes(1))));

        var blocks = agenda.FindAll("#blocks > li");
        Assert.Equal(3, blocks.Count);
        Assert.Equal("10:00–10:30 Uhr", blocks[0].QuerySelector(".block-time")!.TextContent);
        Assert.Equal("beendet", blocks[0].QuerySelector(".block-state")!.TextContent);
        Assert.Equal("block block-running", blocks[1].ClassName);
        Assert.Equal("true", blocks[1].GetAttribute("aria-current"));
        Assert.Equal("läuft", blocks[1].QuerySelector(".block-state")!.TextContent);
        Assert.Single(agenda.FindAll("#blocks > li[aria-current]"));
        Assert.Equal("Block 1: Umsetzungsvereinbarung", blocks[0].QuerySelector("h3")!.TextContent);
        Assert.Equal("Martin Woitschell, Referatsleiter, Hessisches Ministerium des Innern", blocks[0].QuerySelector(".speakers li")!.TextContent);
        Assert.Equal("Referierende", blocks[0].QuerySelector(".speakers")!.GetAttribute("aria-label"));
        Assert.Equal("Heiko Merz", blocks[1].QuerySelector(".speakers li")!.TextContent);
        Assert.Null(blocks[1].QuerySelector(".block-description"));
    }

    [Fact]
    public void In_English_clock_and_agenda_are_English_in_Berlin_time()
    {
        using var culture = new Culture(English);
        var clock = Render<ViewerClock>(p => p.Add(x => x.Event, Event()).Add(x => x.Clock, NotStarted()));
        var agenda = Render<Agenda>(p => p.Add(x => x.Event, Event()).Add(x => x.Clock, NotStarted()));

        Assert.Equal("Not started yet. Starts: Tuesday 31 March 2026, 10:00.", clock.Find("#clock-status").TextContent);
        Assert.Equal("Event status", clock.Find("#clock-heading").TextContent);
        Assert.Equal("10:00–10:30", agenda.Find("#blocks .block-time").TextContent);
        Assert.Equal("Programme", agenda.Find("#agenda-heading").TextContent);
        Assert.Equal("Speakers", agenda.Find(".speakers").GetAttribute("aria-label"));
    }
}
