using OzgLive.Web.Questions;
using OzgLive.Web.Stage;
using static OzgLive.ComponentTests.Stage.StageData;

namespace OzgLive.ComponentTests.Stage;

public sealed class StageBackstageTests : StageComponentTest
{
    private IRenderedComponent<StageBackstage> Backstage(IReadOnlyList<BackstageMessage> messages, string culture = "de-DE") =>
        Show<StageBackstage>(p => p.Add(c => c.Messages, messages), culture);

    [Fact]
    public void Without_notes_the_box_is_hidden_but_its_live_region_is_there()
    {
        var box = Backstage([]);

        Assert.True(box.Find("#stage-backstage").HasAttribute("hidden"));
        Assert.Empty(box.FindAll(".stage-backstage-list li"));
        Assert.Equal("polite", box.Find(".stage-backstage-live").GetAttribute("aria-live"));
    }

    [Fact]
    public void Notes_show_oldest_first_with_their_time_in_Berlin()
    {
        var box = Backstage(
        [
            Note(3, "Noch 2 Minuten", Now.AddMinutes(-2)),
            Note(5, "Kamera 2 ist live <jetzt>", Now),
        ]);

        Assert.False(box.Find("#stage-backstage").HasAttribute("hidden"));
        Assert.Equal("Nachricht von der Regie", box.Find("h2").TextContent);
        var items = box.FindAll(".stage-backstage-list li");
        Assert.Equal(["3", "5"], items.Select(li => li.GetAttribute("data-message-id")));
        Assert.Equal(["Noch 2 Minuten", "Kamera 2 ist live <jetzt>"], items.Select(li => li.QuerySelector(".stage-backstage-text")!.TextContent));
        // 9:18 UTC is 10:18 in Berlin in November.
        Assert.Equal("10:18 Uhr", items[0].QuerySelector("time")!.TextContent);
        Assert.Equal("2026-11-22T09:18:00.000Z", items[0].QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public void English_notes()
    {
        var box = Backstage([Note(1, "Two minutes", Now)], "en-GB");

        Assert.Equal("Message from the control room", box.Find("h2").TextContent);
        Assert.Equal("10:20", box.Find("time").TextContent);
    }
}
