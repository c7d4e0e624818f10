using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Stage;
using static OzgLive.ComponentTests.Stage.StageData;

namespace OzgLive.ComponentTests.Stage;

public sealed class StageBlockTests : StageComponentTest
{
    private IRenderedComponent<StageBlock> Block(ClockView clock, EventView? ev = null, string culture = "de-DE") =>
        Show<StageBlock>(p => p.Add(c => c.Event, ev ?? Event()).Add(c => c.Clock, clock), culture);

    [Fact]
    public void Running_block_shows_its_number_title_and_speakers()
    {
        var block = Block(Running(2, TimeSpan.FromMinutes(20)));

        Assert.Equal("Block 2 von 3", block.Find(".stage-kicker").TextContent);
        Assert.False(block.Find(".stage-kicker").HasAttribute("hidden"));
        Assert.Equal("Kostenfreie Digitalisierungsberatungen", block.Find("h1").TextContent);
        Assert.Equal(["Heiko Merz", "Dr. Jana Beispiel, ekom21"], block.FindAll(".stage-speakers li").Select(li => li.TextContent));
        Assert.Equal("Referierende", block.Find(".stage-speakers").GetAttribute("aria-label"));
        Assert.Equal("2", block.Find("#stage-block").GetAttribute("data-block"));
        Assert.False(block.Find("#stage-block").HasAttribute("data-upcoming"));
    }

    [Fact]
    public void Paused_block_is_still_the_block_on_stage()
    {
        var block = Block(Paused(1, TimeSpan.FromMinutes(3)));

        Assert.Equal("Block 1 von 3", block.Find(".stage-kicker").TextContent);
        Assert.Equal("Umsetzungsvereinbarung zwischen Land und Kommunen", block.Find("h1").TextContent);
        Assert.Equal("Martin Woitschell, Hessisches Ministerium des Innern und für Sport", block.Find(".stage-speakers li").TextContent);
    }

    [Fact]
    public void Before_the_first_block_the_screen_shows_what_comes_next()
    {
        foreach (var clock in new[] { NotStarted(), Intro() })
        {
            var block = Block(clock);
            Assert.Equal("Als Nächstes: Block 1 von 3", block.Find(".stage-kicker").TextContent);
            Assert.Equal("Umsetzungsvereinbarung zwischen Land und Kommunen", block.Find("h1").TextContent);
            Assert.Equal("true", block.Find("#stage-block").GetAttribute("data-upcoming"));
        }
    }

    [Fact]
    public void Between_blocks_the_next_block_is_announced()
    {
        var block = Block(Between(2));

        Assert.Equal("Als Nächstes: Block 3 von 3", block.Find(".stage-kicker").TextContent);
        Assert.Equal("Der Hessische Weg", block.Find("h1").TextContent);
        // Block 3 has no speakers: no empty list.
        Assert.Empty(block.FindAll(".stage-speakers"));
    }

    [Fact]
    public void After_the_event_the_heading_is_the_event_title_and_nothing_comes_next()
    {
        var block = Block(Ended());

        Assert.True(block.Find(".stage-kicker").HasAttribute("hidden"));
        Assert.Equal("Spot on OZG HE – Der Hessische Weg", block.Find("h1").TextContent);
        Assert.Empty(block.FindAll(".stage-speakers"));
        Assert.False(block.Find("#stage-block").HasAttribute("data-block"));
    }

    [Fact]
    public void Event_without_blocks_shows_its_title()
    {
        var block = Block(new ClockView(ClockPhase.NotStarted, null, false, null, null, Now, null, []), Event() with { Blocks = [] });

        Assert.Equal("Spot on OZG HE – Der Hessische Weg", block.Find("h1").TextContent);
        Assert.True(block.Find(".stage-kicker").HasAttribute("hidden"));
    }

    [Fact]
    public void English_block_heading()
    {
        Assert.Equal("Block 2 of 3", Block(Running(2, TimeSpan.FromMinutes(20)), culture: "en-GB").Find(".stage-kicker").TextContent);
        Assert.Equal("Up next: block 1 of 3", Block(Intro(), culture: "en-GB").Find(".stage-kicker").TextContent);
        Assert.Equal("Speakers", Block(Intro(), culture: "en-GB").Find(".stage-speakers").GetAttribute("aria-label"));
    }
}
